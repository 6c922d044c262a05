package cathnav.igtl.message;

/**
 * One value of the version-2 metadata: text and the IANA MIBenum character set it travels in
 * (3 = US-ASCII, 106 = UTF-8; see {@link TextEncoding}).
 *
 * @param encoding IANA MIBenum, 0 to 65535
 * @param value    the text; must be representable in {@code encoding}
 */
public record MetadataValue(int encoding, String value) {

    public MetadataValue {
        TextEncoding.checkMib(encoding);
        if (value == null) {
            throw new IllegalArgumentException("metadata value is null");
        }
        TextEncoding.encode(encoding, value); // fails early when the text does not fit the encoding
    }

    /** A US-ASCII value (MIBenum 3), the encoding the reference library uses. */
    public static MetadataValue ascii(String value) {
        return new MetadataValue(TextEncoding.US_ASCII, value);
    }

    /** A UTF-8 value (MIBenum 106). */
    public static MetadataValue utf8(String value) {
        return new MetadataValue(TextEncoding.UTF_8, value);
    }
}
