package cathnav.igtl.codec;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Fixed-length, NUL-padded text fields (type and device names, element names), read and written byte for
 * byte as ISO-8859-1. A field that fills its whole length has no terminator.
 */
final class WireText {

    private WireText() {
    }

    /** The text of the field at absolute {@code index}: bytes up to the first NUL or the field end. */
    static String readFixed(ByteBuf buf, int index, int length) {
        int end = buf.indexOf(index, index + length, (byte) 0);
        int n = end < 0 ? length : end - index;
        return buf.toString(index, n, StandardCharsets.ISO_8859_1);
    }

    /** Reads a field at the reader index and advances past it. */
    static String readFixed(ByteBuf buf, int length) {
        String s = readFixed(buf, buf.readerIndex(), length);
        buf.skipBytes(length);
        return s;
    }

    /** Writes {@code text} NUL-padded to {@code length} bytes; the caller has checked it fits. */
    static void writeFixed(ByteBuf out, String text, int length) {
        int n = text.length();
        if (n > length) {
            throw new IllegalArgumentException("text longer than its field, length=" + n + ", field=" + length);
        }
        for (int i = 0; i < n; i++) {
            out.writeByte(text.charAt(i));
        }
        out.writeZero(length - n);
    }

    /** True when {@code s} is 1..12 printable ASCII characters (a valid type name). */
    static boolean isValidTypeName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
