package cathnav.igtl.message;

/**
 * STATUS: a device status report.
 *
 * <pre>
 *  0      2              10                    30
 *  +------+--------------+---------------------+-------------------------------+
 *  | code | subcode (i64)| error name char[20] | status message, NUL-terminated|
 *  +------+--------------+---------------------+-------------------------------+
 * </pre>
 *
 * @param code      status code, u16 (see the constants, e.g. {@link #OK})
 * @param subcode   device-specific sub-code
 * @param errorName short error name, at most 20 characters (U+0001..U+00FF)
 * @param message   free text (ISO-8859-1, no NUL); sent NUL-terminated as the reference library does
 */
public record StatusBody(int code, long subcode, String errorName, String message) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "STATUS";

    public static final int INVALID = 0;
    public static final int OK = 1;
    public static final int UNKNOWN_ERROR = 2;
    public static final int PANIC = 3;
    public static final int NOT_FOUND = 4;
    public static final int ACCESS_DENIED = 5;
    public static final int BUSY = 6;
    public static final int TIME_OUT = 7;
    public static final int OVERFLOW = 8;
    public static final int CHECKSUM_ERROR = 9;
    public static final int CONFIG_ERROR = 10;
    public static final int RESOURCE_ERROR = 11;
    public static final int ILLEGAL_INSTRUCTION = 12;
    public static final int NOT_READY = 13;
    public static final int MANUAL_MODE = 14;
    public static final int DISABLED = 15;
    public static final int NOT_PRESENT = 16;
    public static final int UNKNOWN_VERSION = 17;
    public static final int HARDWARE_FAILURE = 18;
    public static final int SHUT_DOWN = 19;

    /** Length of the error-name field in bytes. */
    public static final int ERROR_NAME_LENGTH = 20;

    public StatusBody {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("status code out of u16 range, code=" + code);
        }
        IgtlMessage.checkFixedText("errorName", errorName, ERROR_NAME_LENGTH);
        IgtlMessage.checkFixedText("message", message, Integer.MAX_VALUE - 64);
    }

    /** A status with subcode 0 and no error name. */
    public static StatusBody of(int code, String message) {
        return new StatusBody(code, 0, "", message);
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }
}
