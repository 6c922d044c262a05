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
    toVoxelDirection = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        toVoxelDirection[i * 3 + j] =
            g[i * 4] * minv[j] + g[i * 4 + 1] * minv[3 + j] + g[i * 4 + 2] * minv[6 + j];
      }
    }
  }
}
