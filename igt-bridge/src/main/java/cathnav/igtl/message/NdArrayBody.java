package cathnav.igtl.message;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * NDARRAY: an n-dimensional array.
 *
 * <pre>
 *  u8 scalar type (2..7, 10, 11, 13 complex), u8 dim, u16[dim] size, data (big-endian, last index fastest
 *  as the sender laid it out; product(size) x scalar bytes)
 * </pre>
 * Immutable: arrays are copied in and out; {@link #dataView()} reads the elements without a copy.
 *
 * @param scalarType element type
 * @param size       extent per dimension, 1 to 255 dimensions, each 0..65535
 * @param data       big-endian element bytes, exactly {@code product(size) * scalarType.bytes()}
 */
public record NdArrayBody(ScalarType scalarType, int[] size, byte[] data) implements IgtlBody {

    /** Wire type name. */
    public static final String TYPE = "NDARRAY";

    public NdArrayBody {
        if (scalarType == null) {
            throw new IllegalArgumentException("ndarray scalar type is null");
        }
        if (size.length < 1 || size.length > 0xFF) {
            throw new IllegalArgumentException("ndarray dimension count must be 1..255, dim=" + size.length);
        }
        long elements = 1;
        for (int s : size) {
            if (s < 0 || s > 0xFFFF) {
                throw new IllegalArgumentException("ndarray size out of u16 range, size=" + Arrays.toString(size));
            }
            elements *= s;
        }
        if (data.length != elements * scalarType.bytes()) {
            throw new IllegalArgumentException("ndarray data size mismatch, bytes=" + data.length + ", expected="
                    + elements * scalarType.bytes() + ", size=" + Arrays.toString(size) + ", scalarType=" + scalarType);
        }
        size = size.clone();
        data = data.clone();
    }

    /** A float64 array of the given shape from values in wire order. */
    public static NdArrayBody ofDoubles(int[] size, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8);
        for (double v : values) {
            b.putDouble(v);
        }
        return new NdArrayBody(ScalarType.FLOAT64, size, b.array());
    }

    /** A copy of the extents. */
    @Override
    public int[] size() {
        return size.clone();
    }

    /** Number of elements. */
    public long elementCount() {
        return data.length / scalarType.bytes();
    }

    /** A copy of the element bytes (big-endian). */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Read-only big-endian view of the element bytes (no copy). */
    public ByteBuffer dataView() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArrayBody n && scalarType == n.scalarType && Arrays.equals(size, n.size)
                && Arrays.equals(data, n.data);
    }

    @Override
    public int hashCode() {
        return (scalarType.hashCode() * 31 + Arrays.hashCode(size)) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NdArrayBody[scalarType=" + scalarType + ", size=" + Arrays.toString(size) + "]";
    }
}
