package cathnav.igtl.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text in OpenIGTLink STRING bodies and metadata values: bytes tagged with an IANA MIBenum.
 *
 * <p>Round trips are exact: US-ASCII (3) and every MIBenum this class does not know are read byte for byte as
 * ISO-8859-1, so bytes above 0x7F survive; UTF-8 (106) and UTF-16 (1013 BE, 1014 LE, 1015 with BOM) are
 * decoded strictly and malformed input is rejected. Stateless and thread-safe.
 */
public final class TextEncoding {

    /** IANA MIBenum of US-ASCII, the protocol default. */
    public static final int US_ASCII = 3;
    /** IANA MIBenum of ISO-8859-1. */
    public static final int ISO_8859_1 = 4;
    /** IANA MIBenum of UTF-8. */
    public static final int UTF_8 = 106;
    /** IANA MIBenum of UTF-16BE. */
    public static final int UTF_16BE = 1013;
    /** IANA MIBenum of UTF-16LE. */
    public static final int UTF_16LE = 1014;

    private TextEncoding() {
    }

    static void checkMib(int mib) {
        if (mib < 0 || mib > 0xFFFF) {
            throw new IllegalArgumentException("character set MIBenum out of u16 range, encoding=" + mib);
        }
    }

    private static Charset charset(int mib) {
        return switch (mib) {
            case UTF_8 -> StandardCharsets.UTF_8;
            case UTF_16BE -> StandardCharsets.UTF_16BE;
            case UTF_16LE -> StandardCharsets.UTF_16LE;
            default -> StandardCharsets.ISO_8859_1;
        };
    }

    /**
     * Decodes {@code bytes} tagged with {@code mib}.
     *
     * @throws CharacterCodingException when the bytes are not valid in a strictly decoded encoding
     */
    public static String decode(int mib, ByteBuffer bytes) throws CharacterCodingException {
        Charset cs = charset(mib);
        if (cs == StandardCharsets.ISO_8859_1) {
            return cs.decode(bytes).toString();
        }
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes).toString();
    }

    /**
     * Encodes {@code text} in {@code mib}.
     *
     * @throws IllegalArgumentException when the text cannot be represented (for example a character above
     *                                  U+00FF tagged US-ASCII)
     */
    public static byte[] encode(int mib, String text) {
        Charset cs = charset(mib);
        try {
            ByteBuffer out = cs.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(java.nio.CharBuffer.wrap(text));
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text not representable in encoding=" + mib + ": " + e, e);
        }
    }
}
