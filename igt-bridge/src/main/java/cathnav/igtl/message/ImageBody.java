package cathnav.igtl.message;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

import java.nio.ByteOrder;

/**
 * IMAGE: a 2D or 3D image, or a sub-volume of one, with its geometry.
 *
 * <pre>
 *  0     2    3     4      5     6            12                      60             66            72
 *  +-----+----+-----+------+-----+------------+-----------------------+--------------+-------------+--------+
 *  | ver |comp|scalr|endian|coord| size u16x3 | matrix f32 x 12       | subvol offset| subvol size | pixels |
 *  +-----+----+-----+------+-----+------------+-----------------------+--------------+-------------+--------+
 * </pre>
 *
 * <p>Geometry quirk: the matrix columns are the i, j, k directions scaled by the spacing (mm per voxel), but
 * its translation is the RAS (or LPS, see {@code coordinates}) position of the volume's <em>centre</em>, the
 * continuous index {@code ((Ni-1)/2, (Nj-1)/2, (Nk-1)/2)} of the whole volume, not of voxel (0, 0, 0). Use
 * {@link #indexToWorld()} and {@link #centredMatrix} to convert.
 *
 * <p>Ownership: {@code pixels} is a buffer of exactly
 * {@code subvolumeSize.product() * components * scalarType.bytes()} readable bytes in {@code byteOrder},
 * i fastest, then j, then k. A decoded image holds a retained slice of the received network buffer (no copy);
 * this record is reference counted through it, and whoever owns the record releases it once. The record
 * constructor does not retain: it takes over the caller's reference. {@code equals} compares pixel contents.
 * Thread-safety: immutable; {@link #pixels()} hands out independent views, so several threads may read the
 * pixels at once while the record is retained.
 *
 * @param scalarType      scalar type (not {@link ScalarType#COMPLEX})
 * @param components      components per voxel, 1 to 255 (1 grey, 3 RGB, 4 RGBA)
 * @param byteOrder       byte order of the pixel scalars
 * @param coordinates     RAS or LPS frame of the matrix
 * @param size            whole-volume size in voxels
 * @param matrix          index directions times spacing (mm) and the volume-centre position (mm)
 * @param subvolumeOffset first voxel of the carried sub-volume
 * @param subvolumeSize   size of the carried sub-volume (equals {@code size} for a whole image)
 * @param pixels          the sub-volume's scalars
 */
public record ImageBody(ScalarType scalarType, int components, ByteOrder byteOrder, CoordinateSystem coordinates,
                        Dim3 size, AffineMatrix matrix, Dim3 subvolumeOffset, Dim3 subvolumeSize, ByteBuf pixels)
        implements IgtlBody, ReferenceCounted, AutoCloseable {

    /** Wire type name. */
    public static final String TYPE = "IMAGE";

    /** Frame of the image matrix. */
    public enum CoordinateSystem {
        RAS(1), LPS(2);

        private final int code;

        CoordinateSystem(int code) {
            this.code = code;
        }

        /** Wire code. */
        public int code() {
            return code;
        }

        /** The system with wire code {@code code}, or {@code null}. */
        public static CoordinateSystem fromCode(int code) {
            return code == 1 ? RAS : code == 2 ? LPS : null;
        }
    }

    public ImageBody {
        if (scalarType == null || scalarType == ScalarType.COMPLEX) {
            throw new IllegalArgumentException("image scalar type must be one of 2..11, scalarType=" + scalarType);
        }
        if (components < 1 || components > 0xFF) {
            throw new IllegalArgumentException("image components must be 1..255, components=" + components);
        }
        if (byteOrder == null || coordinates == null || size == null || matrix == null || subvolumeOffset == null
                || subvolumeSize == null || pixels == null) {
            throw new IllegalArgumentException("image fields must not be null");
        }
        if (subvolumeOffset.i() + subvolumeSize.i() > size.i() || subvolumeOffset.j() + subvolumeSize.j() > size.j()
                || subvolumeOffset.k() + subvolumeSize.k() > size.k()) {
            throw new IllegalArgumentException("sub-volume outside the volume, size=" + size + ", offset="
                    + subvolumeOffset + ", subvolumeSize=" + subvolumeSize);
        }
        long expected = expectedPixelBytes(scalarType, components, subvolumeSize);
        if (pixels.readableBytes() != expected) {
            throw new IllegalArgumentException("pixel buffer size mismatch, readable=" + pixels.readableBytes()
                    + ", expected=" + expected + ", subvolumeSize=" + subvolumeSize + ", components=" + components
                    + ", scalarType=" + scalarType);
        }
        // own indices: later reads or writes on the caller's buffer object cannot move this record's window
        pixels = pixels.slice();
    }

    /**
     * The pixel bytes as an independent view (its own reader index, same memory and reference count). Reading
     * it does not change this record; do not release the view, release the record.
     */
    @Override
    public ByteBuf pixels() {
        return pixels.duplicate();
    }

    /** Bytes of pixel data a sub-volume of {@code subvolumeSize} carries. */
    public static long expectedPixelBytes(ScalarType scalarType, int components, Dim3 subvolumeSize) {
        return subvolumeSize.product() * components * scalarType.bytes();
    }

    /**
     * A whole image (no sub-volume) in RAS, taking over the caller's reference to {@code pixels}.
     *
     * @param indexToWorld voxel index to RAS mm, translation at voxel (0, 0, 0) (converted to the wire's
     *                     centre convention here)
     */
    public static ImageBody of(ScalarType scalarType, int components, ByteOrder byteOrder, Dim3 size,
                               AffineMatrix indexToWorld, ByteBuf pixels) {
        return new ImageBody(scalarType, components, byteOrder, CoordinateSystem.RAS, size,
                centredMatrix(indexToWorld, size), Dim3.ZERO, size, pixels);
    }

    /** The wire matrix (translation at the volume centre) for an index-to-world matrix with voxel (0,0,0) at its translation. */
    public static AffineMatrix centredMatrix(AffineMatrix indexToWorld, Dim3 size) {
        return shiftOrigin(indexToWorld, size, +1);
    }

    /** Voxel index to world (mm, in {@code coordinates}), translation at voxel (0, 0, 0) of the whole volume. */
    public AffineMatrix indexToWorld() {
        return shiftOrigin(matrix, size, -1);
    }

    /**
     * Voxel index to patient RAS (mm), translation at voxel (0, 0, 0): {@link #indexToWorld()}, with x and y
     * negated when the image is in LPS.
     */
    public AffineMatrix indexToRas() {
        AffineMatrix m = indexToWorld();
        if (coordinates == CoordinateSystem.RAS) {
            return m;
        }
        return new AffineMatrix(-m.m00(), -m.m01(), -m.m02(), -m.m03(), -m.m10(), -m.m11(), -m.m12(), -m.m13(),
                m.m20(), m.m21(), m.m22(), m.m23());
    }

    private static AffineMatrix shiftOrigin(AffineMatrix m, Dim3 size, int sign) {
        double hi = (size.i() - 1) / 2.0;
        double hj = (size.j() - 1) / 2.0;
        double hk = (size.k() - 1) / 2.0;
        float tx = (float) (m.m03() + sign * (m.m00() * hi + m.m01() * hj + m.m02() * hk));
        float ty = (float) (m.m13() + sign * (m.m10() * hi + m.m11() * hj + m.m12() * hk));
        float tz = (float) (m.m23() + sign * (m.m20() * hi + m.m21() * hj + m.m22() * hk));
        return new AffineMatrix(m.m00(), m.m01(), m.m02(), tx, m.m10(), m.m11(), m.m12(), ty,
                m.m20(), m.m21(), m.m22(), tz);
    }

    /** Voxel spacing along i, j, k in mm (lengths of the matrix columns). */
    public double[] spacing() {
        return new double[] {
            Math.sqrt((double) matrix.m00() * matrix.m00() + (double) matrix.m10() * matrix.m10()
                    + (double) matrix.m20() * matrix.m20()),
            Math.sqrt((double) matrix.m01() * matrix.m01() + (double) matrix.m11() * matrix.m11()
                    + (double) matrix.m21() * matrix.m21()),
            Math.sqrt((double) matrix.m02() * matrix.m02() + (double) matrix.m12() * matrix.m12()
                    + (double) matrix.m22() * matrix.m22())};
    }

    /** True when the message carries the whole volume. */
    public boolean isWholeVolume() {
        return subvolumeOffset.equals(Dim3.ZERO) && subvolumeSize.equals(size);
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }

    @Override
    public int refCnt() {
        return pixels.refCnt();
    }

    @Override
    public ImageBody retain() {
        pixels.retain();
        return this;
    }

    @Override
    public ImageBody retain(int increment) {
        pixels.retain(increment);
        return this;
    }

    @Override
    public ImageBody touch() {
        pixels.touch();
        return this;
    }

    @Override
    public ImageBody touch(Object hint) {
        pixels.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return pixels.release();
    }

    @Override
    public boolean release(int decrement) {
        return pixels.release(decrement);
    }

    /** Releases one reference. */
    @Override
    public void close() {
        release();
    }
}
