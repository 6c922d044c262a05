package cathnav.gpu.cpu;

import cathnav.gpu.Projection;

/**
 * Per-pose ray setup in the volume's voxel index space: the source position and the map from a detector pixel
 * {@code (u, v)} to the ray direction, so that voxel position {@code = source + t * direction(u, v)} with {@code t}
 * in mm along the unit world ray.
 *
 * <p>The world ray of pixel {@code (u, v)} is {@code C + s * M^-1 (u, v, 1)} with {@code P = [M | p]} and
 * {@code C = -M^-1 p}; points in front of the source have a positive homogeneous depth, as with {@code K [R | t]}.
 * A voxel index {@code x} sees the world through {@code G = A^-1 T^-1} (A voxel-to-RAS, T the model pose).
 */
final class RayGeometry {

  /** Source in voxel index coordinates. */
  final double sx, sy, sz;

  /** Row-major 3x3: (u, v, 1) to the unnormalised voxel-space direction. */
  final double[] toVoxelDirection;

  /** Row-major 3x3: (u, v, 1) to the unnormalised world direction (its length normalises t to mm). */
  final double[] toWorldDirection;

  /** Walk detector rows from high u to low u (see {@link #inLayout}); never changes a result. */
  final boolean descending;

  RayGeometry(Projection projection, double[] pose, double[] rasToVoxel) {
    double[] m = projection.matrix();
    double[] m3 = {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]};
    double[] minv = Mat4.invert3x3(m3, "projection matrix P (left 3x3)");
    double cx = -(minv[0] * m[3] + minv[1] * m[7] + minv[2] * m[11]);
    double cy = -(minv[3] * m[3] + minv[4] * m[7] + minv[5] * m[11]);
    double cz = -(minv[6] * m[3] + minv[7] * m[7] + minv[8] * m[11]);
    double[] g = Mat4.multiply(rasToVoxel, Mat4.invertAffine(pose, "pose T"));
    sx = g[0] * cx + g[1] * cy + g[2] * cz + g[3];
    sy = g[4] * cx + g[5] * cy + g[6] * cz + g[7];
    sz = g[8] * cx + g[9] * cy + g[10] * cz + g[11];
    toWorldDirection = minv;
    descending = false;
    toVoxelDirection = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        toVoxelDirection[i * 3 + j] =
            g[i * 4] * minv[j] + g[i * 4 + 1] * minv[3 + j] + g[i * 4 + 2] * minv[6 + j];
      }
    }
  }

  private RayGeometry(
      double sx, double sy, double sz, double[] toVoxelDirection, double[] toWorldDirection, boolean descending) {
    this.descending = descending;
    this.sx = sx;
    this.sy = sy;
    this.sz = sz;
    this.toVoxelDirection = toVoxelDirection;
    this.toWorldDirection = toWorldDirection;
  }

  /**
   * The grid axis (0 = x, 1 = y, 2 = z) to store fastest in memory for these rays: the one along which neighbouring
   * rays of a detector row are displaced most, so consecutive rays of a row share cache lines.
   */
  int layoutAxis() {
    double[] e = toVoxelDirection;
    double ax = Math.abs(e[0]);
    double ay = Math.abs(e[3]);
    double az = Math.abs(e[6]);
    return ax >= ay && ax >= az ? 0 : (ay >= az ? 1 : 2);
  }

  /**
   * The same rays in a layout's coordinates (component {@code i} is grid axis {@code axes[i]}), with the row walking
   * order for a {@code width x height} detector. Measured on the java backend with volumes beyond the last-level
   * cache: rows run up to twice as fast when successive rays move, along the fastest memory axis, against the
   * source-to-detector direction's component on that axis. The walking order never changes a result.
   */
  RayGeometry inLayout(int[] axes, int width, int height) {
    double[] s = {sx, sy, sz};
    double[] e = new double[9];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(toVoxelDirection, axes[i] * 3, e, i * 3, 3);
    }
    double along = e[0] * ((width - 1) / 2.0) + e[1] * ((height - 1) / 2.0) + e[2];
    return new RayGeometry(s[axes[0]], s[axes[1]], s[axes[2]], e, toWorldDirection, e[0] * along > 0);
  }
}
