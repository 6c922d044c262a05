package cathnav.igtl.message;

import java.util.List;

/**
 * Names of the query messages: a prefix ({@code GET_}, {@code STT_}, {@code STP_}, {@code RTS_}) and a target
 * type, squeezed into the 12-byte type-name field.
 *
 * <p>Two spellings exist for the same target because {@code GET_TRANSFORM} does not fit: the reference
 * library sends {@code GET_TRANS}, others truncate to {@code GET_TRANSFOR}. Both resolve to the target
 * {@code TRANSFORM}; in general a 12-character name whose suffix starts a known type resolves to that type.
 */
public final class QueryNames {

    public static final String GET = "GET_";
    public static final String START = "STT_";
    public static final String STOP = "STP_";
    public static final String REPLY = "RTS_";

    private static final List<String> KNOWN_TARGETS = List.of(
            "TRANSFORM", "IMAGE", "POSITION", "STATUS", "STRING", "POLYDATA", "POINT", "TRAJ", "TDATA", "QTDATA",
            "CAPABILITY", "IMGMETA", "LBMETA", "COLORT", "NDARRAY", "COMMAND", "SENSOR", "BIND", "VIDEOMETA");

    private QueryNames() {
    }

    /** True when {@code typeName} starts with one of the four query prefixes. */
    public static boolean isQuery(String typeName) {
        return typeName.startsWith(GET) || typeName.startsWith(START) || typeName.startsWith(STOP)
                || typeName.startsWith(REPLY);
    }

    /** The canonical target of a query type name ({@code GET_TRANS} and {@code GET_TRANSFOR} give TRANSFORM). */
    public static String target(String typeName) {
        String suffix = typeName.substring(4);
        if (suffix.equals("TRANS")) {
            return "TRANSFORM";
        }
        if (typeName.length() == IgtlMessage.MAX_TYPE_NAME_LENGTH) {
            for (String known : KNOWN_TARGETS) {
                if (known.length() > suffix.length() && known.startsWith(suffix)) {
                    return known;
                }
            }
        }
        return suffix;
    }

    /** The type name to send for {@code prefix} + {@code target}: TRANSFORM becomes TRANS; others cut to 12. */
    public static String typeName(String prefix, String target) {
        String suffix = target.equals("TRANSFORM") ? "TRANS" : target;
        String name = prefix + suffix;
        return name.length() > IgtlMessage.MAX_TYPE_NAME_LENGTH
                ? name.substring(0, IgtlMessage.MAX_TYPE_NAME_LENGTH) : name;
    }

    static void checkTarget(String target) {
        if (target == null || target.isEmpty()) {
            throw new IllegalArgumentException("query target type is empty");
        }
        IgtlMessage.checkTypeName(target);
    }
}
