package cathnav.igtl.message;

import java.util.List;

/**
 * TRAJ: planned trajectories, 150 bytes each: {@code char[64] name, char[32] group, i8 type, i8 reserved,
 * u8[4] rgba, float32[3] entry, float32[3] target, float32 radius, char[20] owner}.
 *
 * @param elements the trajectories, in wire order
 */
public record TrajectoryBody(List<Element> elements) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "TRAJ";
    public static final int TYPE_ENTRY_ONLY = 1;
    public static final int TYPE_TARGET_ONLY = 2;
    public static final int TYPE_ENTRY_TARGET = 3;

    public TrajectoryBody {
        elements = List.copyOf(elements);
    }

    /**
     * One trajectory.
     *
     * @param name   at most 64 characters
     * @param group  at most 32 characters
     * @param type   1 entry only, 2 target only, 3 entry and target (i8 on the wire)
     * @param color  display colour
     * @param entry  entry point, mm, RAS
     * @param target target point, mm, RAS
     * @param radius mm, may be 0
     * @param owner  device name of the owning image, at most 20 characters
     */
    public record Element(String name, String group, int type, Rgba color, Point3f entry, Point3f target, float radius,
                          String owner) {
        public static final int NAME_LENGTH = 64;
        public static final int GROUP_LENGTH = 32;
        public static final int OWNER_LENGTH = 20;

        public Element {
            IgtlMessage.checkFixedText("name", name, NAME_LENGTH);
            IgtlMessage.checkFixedText("group", group, GROUP_LENGTH);
            IgtlMessage.checkFixedText("owner", owner, OWNER_LENGTH);
            if (type < Byte.MIN_VALUE || type > Byte.MAX_VALUE || color == null || entry == null || target == null) {
                throw new IllegalArgumentException("trajectory needs an i8 type, colour, entry and target, name=" + name
                        + ", type=" + type);
            }
        }
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }
}
