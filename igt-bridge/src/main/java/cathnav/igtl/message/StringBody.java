package cathnav.igtl.message;

/**
 * STRING: text with its character set.
 *
 * <pre>
 *  0          2        4
 *  +----------+--------+----------------------+
 *  | encoding | length | bytes[length]        |   encoding: IANA MIBenum (u16), length: u16
 *  +----------+--------+----------------------+
 * </pre>
 *
 * @param encoding IANA MIBenum ({@link TextEncoding#US_ASCII} is the protocol default)
 * @param value    the text; encoded, it must fit in 65535 bytes
 */
public record StringBody(int encoding, String value) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "STRING";

    public StringBody {
        TextEncoding.checkMib(encoding);
        if (value == null) {
            throw new IllegalArgumentException("string value is null");
        }
        int length = TextEncoding.encode(encoding, value).length;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("string longer than 65535 bytes, length=" + length);
        }
    }

    /** A US-ASCII string. */
    public static StringBody ascii(String value) {
        return new StringBody(TextEncoding.US_ASCII, value);
    }

    /** A UTF-8 string. */
    public static StringBody utf8(String value) {
        return new StringBody(TextEncoding.UTF_8, value);
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }
}
