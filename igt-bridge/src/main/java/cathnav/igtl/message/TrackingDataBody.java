package cathnav.igtl.message;

import java.util.List;

/**
 * TDATA: transforms of several tracked tools, 70 bytes each:
 * {@code char[20] name, u8 type, u8 reserved, float32[12] transform (as TRANSFORM)}.
 *
 * @param elements the tools, in wire order
 */
public record TrackingDataBody(List<Element> elements) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "TDATA";
    public static final int TYPE_TRACKER = 1;
    public static final int TYPE_6D = 2;
    public static final int TYPE_3D = 3;
    public static final int TYPE_5D = 4;

    public TrackingDataBody {
        elements = List.copyOf(elements);
    }

    /**
     * One tracked tool.
     *
     * @param name   tool name, at most 20 characters
     * @param type   tool type, u8 (1 tracker, 2 6D, 3 3D, 4 5D)
     * @param matrix tool pose, mm, RAS
     */
    public record Element(String name, int type, AffineMatrix matrix) {
        public static final int NAME_LENGTH = 20;

        public Element {
            IgtlMessage.checkFixedText("name", name, NAME_LENGTH);
            if (type < 0 || type > 0xFF || matrix == null) {
                throw new IllegalArgumentException("tracking element needs a u8 type and a matrix, name=" + name
                        + ", type=" + type);
            }
        }
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }
}
