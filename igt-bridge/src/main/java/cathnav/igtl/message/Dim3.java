package cathnav.igtl.message;

/**
 * Three unsigned 16-bit voxel counts or voxel offsets along the image axes i, j, k.
 *
 * @param i along i (columns), 0 to 65535
 * @param j along j (rows), 0 to 65535
 * @param k along k (slices), 0 to 65535
 */
public record Dim3(int i, int j, int k) {

    /** Zero along every axis. */
    public static final Dim3 ZERO = new Dim3(0, 0, 0);

    public Dim3 {
        if ((i | j | k) < 0 || i > 0xFFFF || j > 0xFFFF || k > 0xFFFF) {
            throw new IllegalArgumentException("voxel counts must be 0..65535, i=" + i + ", j=" + j + ", k=" + k);
        }
    }

    /** {@code i * j * k}. */
    public long product() {
        return (long) i * j * k;
    }
}
