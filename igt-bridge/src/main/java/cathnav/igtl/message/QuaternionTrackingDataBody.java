package cathnav.igtl.message;

import java.util.List;

/**
 * QTDATA: positions and quaternions of several tracked tools, 50 bytes each:
 * {@code char[20] name, u8 type, u8 reserved, float32[3] position, float32[4] quaternion (x, y, z, w)}.
 *
 * @param elements the tools, in wire order
 */
public record QuaternionTrackingDataBody(List<Element> elements) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "QTDATA";

    public QuaternionTrackingDataBody {
        elements = List.copyOf(elements);
    }

    /**
     * One tracked tool.
     *
     * @param name        tool name, at most 20 characters
     * @param type        tool type, u8 (as in {@link TrackingDataBody})
     * @param position    mm, RAS
     * @param orientation quaternion
     */
    public record Element(String name, int type, Point3f position, Quaternion4f orientation) {
        public static final int NAME_LENGTH = 20;

        public Element {
            IgtlMessage.checkFixedText("name", name, NAME_LENGTH);
            if (type < 0 || type > 0xFF || position == null || orientation == null) {
                throw new IllegalArgumentException("quaternion tracking element needs a u8 type, position and "
                        + "orientation, name=" + name + ", type=" + type);
            }
        }
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }
}
