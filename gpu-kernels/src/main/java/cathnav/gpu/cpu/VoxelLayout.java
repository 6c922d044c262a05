package cathnav.gpu.cpu;

/**
 * One memory layout of a volume's attenuation (1/mm): a flat float array with a one-voxel border of zeros on every
 * side, with the grid axes stored in the order {@code axes} ({@code axes[0]} fastest in memory). Padded index of
 * layout coordinates {@code (a, b, c)}: {@code ((c + 1) * n1p + (b + 1)) * n0p + (a + 1)}, {@code n0p = n0 + 2},
 * {@code n1p = n1 + 2}.
 *
 * <p>Why several layouts: once a volume exceeds the last-level cache (256^3 floats is 67 MB) the sample rate depends
 * on how the rays of a detector row walk through memory. Consecutive rays share cache lines when their displacement
 * runs along the fastest memory axis, so the backend renders each pose from the layout whose fastest axis is the
 * one along which neighbouring rays of a row move most ({@link RayGeometry#layoutAxis}); measured on 256^3 this
 * roughly halves the time of the worst views.
 *
 * <p>Also keeps the bounding box of the non-zero voxels, so rays skip samples that provably read only zeros (air
 * around the patient) without changing any result. Immutable once built.
 */
final class VoxelLayout {

  /** Axis orders: fast axis x, y or z (the other two follow in grid order). */
  private static final int[][] ORDERS = {{0, 1, 2}, {1, 0, 2}, {2, 0, 1}};

  final int[] axes;
  final int n0, n1, n2;
  final int stride1, stride2;
  final float[] data;
  /** Non-zero voxels lie in {@code [lo, hi]} per layout axis; empty when {@code lo[0] > hi[0]}. */
  final int[] lo, hi;

  private VoxelLayout(int[] axes, int n0, int n1, int n2, float[] data, int[] lo, int[] hi) {
    this.axes = axes;
    this.n0 = n0;
    this.n1 = n1;
    this.n2 = n2;
    this.stride1 = n0 + 2;
    this.stride2 = (n0 + 2) * (n1 + 2);
    this.data = data;
    this.lo = lo;
    this.hi = hi;
  }

  /** The grid's own order (x fastest), over an already padded array and its non-zero box. */
  static VoxelLayout natural(int nx, int ny, int nz, float[] padded, int[] lo, int[] hi) {
    return new VoxelLayout(ORDERS[0], nx, ny, nz, padded, lo, hi);
  }

  boolean isEmpty() {
    return lo[0] > hi[0];
  }

  /** The fastest memory axis (0 = x, 1 = y, 2 = z). */
  int fastAxis() {
    return axes[0];
  }

  /** A copy of the natural layout {@code natural} with {@code fastAxis} fastest in memory, one slab per work item. */
  static VoxelLayout transposed(VoxelLayout natural, int fastAxis, WorkerPool pool) {
    int[] order = ORDERS[fastAxis];
    int[] n = {natural.n0, natural.n1, natural.n2};
    int m0 = n[order[0]];
    int m1 = n[order[1]];
    int m2 = n[order[2]];
    float[] src = natural.data;
    float[] dst = new float[src.length];
    // natural strides per grid axis, in layout order
    int[] naturalStride = {1, natural.stride1, natural.stride2};
    int s0 = naturalStride[order[0]];
    int s1 = naturalStride[order[1]];
    int s2 = naturalStride[order[2]];
    int d1 = m0 + 2;
    int d2 = (m0 + 2) * (m1 + 2);
    pool.run(
        m2,
        (c, worker) -> {
          for (int b = 0; b < m1; b++) {
            int from = (c + 1) * s2 + (b + 1) * s1 + s0;
            int to = (c + 1) * d2 + (b + 1) * d1 + 1;
            for (int a = 0; a < m0; a++) {
              dst[to + a] = src[from + a * s0];
            }
          }
        });
    int[] lo = {natural.lo[order[0]], natural.lo[order[1]], natural.lo[order[2]]};
    int[] hi = {natural.hi[order[0]], natural.hi[order[1]], natural.hi[order[2]]};
    return new VoxelLayout(order, m0, m1, m2, dst, lo, hi);
  }
}
