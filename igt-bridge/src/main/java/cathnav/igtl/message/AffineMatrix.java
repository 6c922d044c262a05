package cathnav.igtl.message;

/**
 * The upper 3 x 4 part of a homogeneous 4 x 4 transform, as OpenIGTLink sends it: rotation/scale columns and a
 * translation (mm, RAS unless the message says otherwise). {@code mRC} is row R, column C.
 *
 * <p>On the wire the twelve float32 values go column by column:
 * {@code m00 m10 m20  m01 m11 m21  m02 m12 m22  m03 m13 m23}. Equality is bitwise per component
 * ({@link Float#compare}), so a round trip through the wire compares equal even for NaN.
 */
public record AffineMatrix(float m00, float m01, float m02, float m03,
                           float m10, float m11, float m12, float m13,
                           float m20, float m21, float m22, float m23) {

    /** The identity transform. */
    public static final AffineMatrix IDENTITY = new AffineMatrix(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0);

    /** Builds the matrix from the 12 values in wire (column) order. */
    public static AffineMatrix fromWireOrder(float[] v) {
        if (v.length != 12) {
            throw new IllegalArgumentException("affine matrix needs 12 values, length=" + v.length);
        }
        return new AffineMatrix(v[0], v[3], v[6], v[9], v[1], v[4], v[7], v[10], v[2], v[5], v[8], v[11]);
    }

    /** The 12 values in wire (column) order. */
    public float[] toWireOrder() {
        return new float[] {m00, m10, m20, m01, m11, m21, m02, m12, m22, m03, m13, m23};
    }

    /** A pure translation by {@code (x, y, z)} mm. */
    public static AffineMatrix translation(float x, float y, float z) {
        return new AffineMatrix(1, 0, 0, x, 0, 1, 0, y, 0, 0, 1, z);
    }
}
