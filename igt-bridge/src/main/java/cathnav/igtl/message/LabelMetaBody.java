package cathnav.igtl.message;

import java.util.List;

/**
 * LBMETA: a list of label maps a server offers, 116 bytes each: {@code char[64] name, char[20] device name,
 * u8 label, u8 reserved, u8[4] rgba, u16[3] size, char[20] owner}.
 *
 * @param elements the labels, in wire order
 */
public record LabelMetaBody(List<Element> elements) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "LBMETA";

    public LabelMetaBody {
        elements = List.copyOf(elements);
    }

    /**
     * One label description.
     *
     * @param name       at most 64 characters
     * @param deviceName device name to query the IMAGE with, at most 20 characters
     * @param label      label value, u8
     * @param color      display colour
     * @param size       label map size in voxels
     * @param owner      device name of the owner image, at most 20 characters
     */
    public record Element(String name, String deviceName, int label, Rgba color, Dim3 size, String owner) {
        public static final int NAME_LENGTH = 64;
        public static final int DEVICE_NAME_LENGTH = 20;
        public static final int OWNER_LENGTH = 20;

        public Element {
            IgtlMessage.checkFixedText("name", name, NAME_LENGTH);
            IgtlMessage.checkFixedText("deviceName", deviceName, DEVICE_NAME_LENGTH);
            IgtlMessage.checkFixedText("owner", owner, OWNER_LENGTH);
            if (label < 0 || label > 0xFF || color == null || size == null) {
                throw new IllegalArgumentException("label meta needs a u8 label, colour and size, name=" + name);
            }
        }
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }
}
