package cathnav.igtl.message;

import java.util.List;

/**
 * POINT: labelled points (fiducials, landmarks), 136 bytes each:
 * {@code char[64] name, char[32] group, u8[4] rgba, float32[3] position, float32 radius, char[20] owner}.
 *
 * @param elements the points, in wire order
 */
public record PointBody(List<Element> elements) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "POINT";

    public PointBody {
        elements = List.copyOf(elements);
    }

    /**
     * One point.
     *
     * @param name     at most 64 characters
     * @param group    e.g. "Fiducial", at most 32 characters
     * @param color    display colour
     * @param position mm, RAS
     * @param radius   mm, may be 0
     * @param owner    device name of the owning image, at most 20 characters
     */
    public record Element(String name, String group, Rgba color, Point3f position, float radius, String owner) {
        public static final int NAME_LENGTH = 64;
        public static final int GROUP_LENGTH = 32;
        public static final int OWNER_LENGTH = 20;

        public Element {
            IgtlMessage.checkFixedText("name", name, NAME_LENGTH);
            IgtlMessage.checkFixedText("group", group, GROUP_LENGTH);
            IgtlMessage.checkFixedText("owner", owner, OWNER_LENGTH);
            if (color == null || position == null) {
                throw new IllegalArgumentException("point needs a colour and a position, name=" + name);
            }
        }
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }
}
