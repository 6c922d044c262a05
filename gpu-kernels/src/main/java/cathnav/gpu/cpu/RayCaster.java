package cathnav.gpu.cpu;

/**
 * The DRR line integral of one ray through a {@link VoxelLayout}, exactly per {@link cathnav.gpu.RenderOptions}:
 * clip the ray to the box {@code [-0.5, n - 0.5]} in voxel index space ({@code t >= 0}: in front of the source), take
 * samples at {@code t0 + (k + 0.5) * step} inside the clipped segment, trilinear, outside voxels zero, and return
 * the sum of samples times {@code step}.
 *
 * <p>Speed: the set-up (clipping, sample range) runs once per ray in double precision; the sample loop is
 * branch-free and allocation-free, computes each position as {@code base + k * delta} (no accumulated drift), and
 * relies on the volume's zero border instead of bounds tests. Samples whose trilinear support lies entirely
 * outside the box of non-zero voxels are skipped: they are exactly zero.
 *
 * <p>Immutable, thread-safe: one instance serves all workers.
 */
final class RayCaster {

  /** Margin (voxels) added to the non-zero box so rounding can never skip a sample that reads a non-zero voxel. */
  private static final double SKIP_MARGIN = 0.01;

  private final float[] data;
  private final int px;
  private final int plane;
  private final double hiX, hiY, hiZ;
  private final boolean empty;
  private final double occLoX, occLoY, occLoZ, occHiX, occHiY, occHiZ;

  /** A caster over {@code layout}; rays must be given in its coordinates ({@link RayGeometry#inLayout}). */
  RayCaster(VoxelLayout layout) {
    this.data = layout.data;
    this.px = layout.stride1;
    this.plane = layout.stride2;
    this.hiX = layout.n0 - 0.5;
    this.hiY = layout.n1 - 0.5;
    this.hiZ = layout.n2 - 0.5;
    this.empty = layout.isEmpty();
    // a sample at p reads voxels floor(p) and floor(p) + 1: it can be non-zero only within [lo - 1, hi + 1]
    this.occLoX = layout.lo[0] - 1 - SKIP_MARGIN;
    this.occLoY = layout.lo[1] - 1 - SKIP_MARGIN;
    this.occLoZ = layout.lo[2] - 1 - SKIP_MARGIN;
    this.occHiX = layout.hi[0] + 1 + SKIP_MARGIN;
    this.occHiY = layout.hi[1] + 1 + SKIP_MARGIN;
    this.occHiZ = layout.hi[2] + 1 + SKIP_MARGIN;
  }

  /**
   * Renders pixels {@code u0 <= u < u1} of detector row {@code v} into {@code out[offset + u - u0]}, walking the
   * row in the geometry's order.
   *
   * @param step sampling step, mm
   */
  void renderRow(RayGeometry g, int v, int u0, int u1, double step, float[] out, int offset) {
    boolean descending = g.descending;
    double[] w = g.toWorldDirection;
    double[] e = g.toVoxelDirection;
    double wxv = w[1] * v + w[2];
    double wyv = w[4] * v + w[5];
    double wzv = w[7] * v + w[8];
    double exv = e[1] * v + e[2];
    double eyv = e[4] * v + e[5];
    double ezv = e[7] * v + e[8];
    for (int i = u0; i < u1; i++) {
      int u = descending ? u1 - 1 - (i - u0) : i;
      double wx = w[0] * u + wxv;
      double wy = w[3] * u + wyv;
      double wz = w[6] * u + wzv;
      double inv = 1.0 / Math.sqrt(wx * wx + wy * wy + wz * wz);
      out[offset + u - u0] =
          integrate(g.sx, g.sy, g.sz, (e[0] * u + exv) * inv, (e[3] * u + eyv) * inv, (e[6] * u + ezv) * inv, step);
    }
  }

  /**
   * The line integral from voxel-space origin {@code o} along {@code d} (voxel displacement per mm of the unit
   * world ray).
   */
  float integrate(double ox, double oy, double oz, double dx, double dy, double dz, double step) {
    if (empty) {
      return 0f;
    }
    double t0 = Math.max(0.0, Math.max(enter(ox, dx, -0.5, hiX), Math.max(enter(oy, dy, -0.5, hiY), enter(oz, dz, -0.5, hiZ))));
    double t1 = Math.min(exit(ox, dx, -0.5, hiX), Math.min(exit(oy, dy, -0.5, hiY), exit(oz, dz, -0.5, hiZ)));
    if (!(t1 > t0)) {
      return 0f;
    }
    long count = (long) Math.floor((t1 - t0) / step + 0.5);
    if (count <= 0) {
      return 0f;
    }
    double s0 = Math.max(enter(ox, dx, occLoX, occHiX), Math.max(enter(oy, dy, occLoY, occHiY), enter(oz, dz, occLoZ, occHiZ)));
    double s1 = Math.min(exit(ox, dx, occLoX, occHiX), Math.min(exit(oy, dy, occLoY, occHiY), exit(oz, dz, occLoZ, occHiZ)));
    if (!(s1 >= s0)) {
      return 0f;
    }
    long kFirst = Math.max(0L, (long) Math.ceil((s0 - t0) / step - 0.5));
    long kLast = Math.min(count - 1, (long) Math.floor((s1 - t0) / step - 0.5));
    if (kLast < kFirst) {
      return 0f;
    }
    // walk the samples so that the slowest memory axis ascends: the order of a sum never changes its terms, and
    // ascending addresses keep the hardware prefetcher ahead of the ray (measured: up to 2x on 256^3 volumes)
    boolean backwards = dz < 0;
    long first = backwards ? kLast : kFirst;
    double delta = backwards ? -step : step;
    double tFirst = t0 + (first + 0.5) * step;
    // padded coordinates: voxel index + 1
    float bx = (float) (ox + tFirst * dx + 1.0);
    float by = (float) (oy + tFirst * dy + 1.0);
    float bz = (float) (oz + tFirst * dz + 1.0);
    float ddx = (float) (delta * dx);
    float ddy = (float) (delta * dy);
    float ddz = (float) (delta * dz);
    int n = (int) (kLast - kFirst + 1);
    return sumSamples(bx, by, bz, ddx, ddy, ddz, n) * (float) step;
  }

  private float sumSamples(float bx, float by, float bz, float ddx, float ddy, float ddz, int n) {
    final float[] vol = data;
    final int rowStride = px;
    final int sliceStride = plane;
    float sum = 0f;
    float kf = 0f;
    for (int k = 0; k < n; k++) {
      float x = bx + kf * ddx;
      float y = by + kf * ddy;
      float z = bz + kf * ddz;
      kf += 1f;
      // padded coordinates are >= 0.5, so the cast truncates to floor
      int ix = (int) x;
      int iy = (int) y;
      int iz = (int) z;
      float fx = x - ix;
      float fy = y - iy;
      float fz = z - iz;
      int i000 = iz * sliceStride + iy * rowStride + ix;
      int i010 = i000 + rowStride;
      int i001 = i000 + sliceStride;
      int i011 = i001 + rowStride;
      float v000 = vol[i000];
      float v100 = vol[i000 + 1];
      float v010 = vol[i010];
      float v110 = vol[i010 + 1];
      float v001 = vol[i001];
      float v101 = vol[i001 + 1];
      float v011 = vol[i011];
      float v111 = vol[i011 + 1];
      float c00 = v000 + fx * (v100 - v000);
      float c10 = v010 + fx * (v110 - v010);
      float c01 = v001 + fx * (v101 - v001);
      float c11 = v011 + fx * (v111 - v011);
      float c0 = c00 + fy * (c10 - c00);
      float c1 = c01 + fy * (c11 - c01);
      sum += c0 + fz * (c1 - c0);
    }
    return sum;
  }

  /** Parameter where the ray enters slab {@code [lo, hi]} on one axis (-inf when parallel inside, +inf outside). */
  private static double enter(double o, double d, double lo, double hi) {
    if (d == 0.0) {
      return (o >= lo && o <= hi) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    double a = (lo - o) / d;
    double b = (hi - o) / d;
    return Math.min(a, b);
  }

  /** Parameter where the ray leaves slab {@code [lo, hi]} on one axis (+inf when parallel inside, -inf outside). */
  private static double exit(double o, double d, double lo, double hi) {
    if (d == 0.0) {
      return (o >= lo && o <= hi) ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    double a = (lo - o) / d;
    double b = (hi - o) / d;
    return Math.max(a, b);
  }
}
