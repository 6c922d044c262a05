package cathnav.igtl.message;

import java.util.List;

/**
 * IMGMETA: a list of images a server offers, 260 bytes each: {@code char[64] name, char[20] device name,
 * char[32] modality, char[64] patient name, char[64] patient id, u64 timestamp, u16[3] size, u8 scalar type,
 * u8 reserved}.
 *
 * @param elements the images, in wire order
 */
public record ImageMetaBody(List<Element> elements) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "IMGMETA";

    public ImageMetaBody {
        elements = List.copyOf(elements);
    }

    /**
     * One image description.
     *
     * @param name        description, at most 64 characters
     * @param deviceName  device name to query the IMAGE with, at most 20 characters
     * @param modality    e.g. "CT", at most 32 characters
     * @param patientName at most 64 characters
     * @param patientId   at most 64 characters
     * @param scanTime    acquisition time
     * @param size        volume size in voxels
     * @param scalarType  IMAGE scalar-type code as sent, u8
     */
    public record Element(String name, String deviceName, String modality, String patientName, String patientId,
                          IgtlTimestamp scanTime, Dim3 size, int scalarType) {
        public static final int NAME_LENGTH = 64;
        public static final int DEVICE_NAME_LENGTH = 20;
        public static final int MODALITY_LENGTH = 32;
        public static final int PATIENT_NAME_LENGTH = 64;
        public static final int PATIENT_ID_LENGTH = 64;

        public Element {
            IgtlMessage.checkFixedText("name", name, NAME_LENGTH);
            IgtlMessage.checkFixedText("deviceName", deviceName, DEVICE_NAME_LENGTH);
            IgtlMessage.checkFixedText("modality", modality, MODALITY_LENGTH);
            IgtlMessage.checkFixedText("patientName", patientName, PATIENT_NAME_LENGTH);
            IgtlMessage.checkFixedText("patientId", patientId, PATIENT_ID_LENGTH);
            if (scanTime == null || size == null || scalarType < 0 || scalarType > 0xFF) {
                throw new IllegalArgumentException("image meta needs a scan time, size and u8 scalar type, name=" + name);
            }
        }
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }
}
