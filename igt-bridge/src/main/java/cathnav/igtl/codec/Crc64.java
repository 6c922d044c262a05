package cathnav.igtl.codec;

import io.netty.buffer.ByteBuf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * CRC-64/ECMA-182 as OpenIGTLink uses it: polynomial 0x42F0E1EBA9EA3693, initial value 0, no reflection, no
 * final XOR ({@code check("123456789") = 0x6C40DF5F0B497347}; the xz CRC-64 is a different function).
 *
 * <p>Slicing-by-8 over big-endian 64-bit words: eight table look-ups per 8 bytes, reading longs straight from
 * heap arrays and NIO buffers (no copy of the data). Stateless and thread-safe; the tables (16 KiB) are built
 * once.
 */
public final class Crc64 {

    /** The generator polynomial (x^64 implicit). */
    public static final long POLY = 0x42F0E1EBA9EA3693L;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long[] T0 = new long[256];
    private static final long[] T1 = new long[256];
    private static final long[] T2 = new long[256];
    private static final long[] T3 = new long[256];
    private static final long[] T4 = new long[256];
    private static final long[] T5 = new long[256];
    private static final long[] T6 = new long[256];
    private static final long[] T7 = new long[256];

    static {
        for (int b = 0; b < 256; b++) {
            long c = (long) b << 56;
            for (int k = 0; k < 8; k++) {
                c = (c << 1) ^ (c < 0 ? POLY : 0);
            }
            T0[b] = c;
        }
        long[][] tables = {T0, T1, T2, T3, T4, T5, T6, T7};
        for (int t = 1; t < 8; t++) {
            for (int b = 0; b < 256; b++) {
                long prev = tables[t - 1][b];
                tables[t][b] = (prev << 8) ^ T0[(int) (prev >>> 56)];
            }
        }
    }

    private Crc64() {
    }

    /** CRC of {@code length} bytes of {@code buf} from absolute {@code index}; reader index untouched. */
    public static long compute(ByteBuf buf, int index, int length) {
        return update(0, buf, index, length);
    }

    /** CRC of the readable bytes of {@code buf}; reader index untouched. */
    public static long compute(ByteBuf buf) {
        return update(0, buf, buf.readerIndex(), buf.readableBytes());
    }

    /** CRC of a byte array range. */
    public static long compute(byte[] data, int offset, int length) {
        return update(0, data, offset, length);
    }

    /** Continues {@code crc} over {@code length} bytes of {@code buf} from absolute {@code index}. */
    public static long update(long crc, ByteBuf buf, int index, int length) {
        if (length == 0) {
            return crc;
        }
        if (buf.hasArray()) {
            return update(crc, buf.array(), buf.arrayOffset() + index, length);
        }
        if (buf.nioBufferCount() == 1) {
            return update(crc, buf.nioBuffer(index, length));
        }
        for (ByteBuffer part : buf.nioBuffers(index, length)) {
            crc = update(crc, part);
        }
        return crc;
    }

    /** Continues {@code crc} over a byte array range. */
    public static long update(long crc, byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        int end8 = offset + (length & ~7);
        while (i < end8) {
            crc = step8(crc ^ (long) LONG_BE.get(data, i));
            i += 8;
        }
        while (i < end) {
            crc = T0[(int) (crc >>> 56) ^ (data[i++] & 0xFF)] ^ (crc << 8);
        }
        return crc;
    }

    /** Continues {@code crc} over the remaining bytes of {@code nio} (its position is not moved). */
    public static long update(long crc, ByteBuffer nio) {
        ByteBuffer b = nio.order() == ByteOrder.BIG_ENDIAN ? nio : nio.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (b.hasArray()) {
            return update(crc, b.array(), b.arrayOffset() + b.position(), b.remaining());
        }
        int i = b.position();
        int end = b.limit();
        int end8 = i + ((end - i) & ~7);
        while (i < end8) {
            crc = step8(crc ^ b.getLong(i));
            i += 8;
        }
        while (i < end) {
            crc = T0[(int) (crc >>> 56) ^ (b.get(i++) & 0xFF)] ^ (crc << 8);
        }
        return crc;
    }

    private static long step8(long x) {
        return T7[(int) (x >>> 56)] ^ T6[(int) (x >>> 48) & 0xFF] ^ T5[(int) (x >>> 40) & 0xFF]
                ^ T4[(int) (x >>> 32) & 0xFF] ^ T3[(int) (x >>> 24) & 0xFF] ^ T2[(int) (x >>> 16) & 0xFF]
                ^ T1[(int) (x >>> 8) & 0xFF] ^ T0[(int) x & 0xFF];
    }
}
