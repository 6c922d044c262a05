package cathnav.gpu.bench;

import cathnav.gpu.VolumeGrid;

/**
 * A deterministic int16 HU chest phantom for benchmarks: air around an elliptic body of soft tissue, two lungs, a
 * contrast-filled heart, a spine and a sternum, on an {@code n^3} grid with isotropic voxels centred on the RAS
 * origin (i along x = right, j along y = anterior, k along z = superior). Same input on every run and backend.
 */
final class ChestPhantom {

  private ChestPhantom() {}

  static VolumeGrid of(int n, double voxelMm) {
    short[] hu = new short[n * n * n];
    double c = (n - 1) / 2.0;
    for (int k = 0; k < n; k++) {
      double z = (k - c) / n;
      for (int j = 0; j < n; j++) {
        double y = (j - c) / n;
        for (int i = 0; i < n; i++) {
          double x = (i - c) / n;
          hu[(k * n + j) * n + i] = (short) valueAt(x, y, z);
        }
      }
    }
    double[] affine = {
      voxelMm, 0, 0, -c * voxelMm, 0, voxelMm, 0, -c * voxelMm, 0, 0, voxelMm, -c * voxelMm, 0, 0, 0, 1
    };
    return VolumeGrid.ofHu(n, n, n, affine, hu);
  }

  /** HU at normalised coordinates in [-0.5, 0.5]. */
  private static int valueAt(double x, double y, double z) {
    if (sq(x / 0.46) + sq(y / 0.34) > 1 || Math.abs(z) > 0.47) {
      return -1000; // air
    }
    if (sq((x + 0.03) / 0.06) + sq((y + 0.24) / 0.06) <= 1) {
      return 700; // vertebral body
    }
    if (Math.abs(x) < 0.03 && Math.abs(y - 0.31) < 0.015) {
      return 600; // sternum
    }
    if (sq((x - 0.06) / 0.14) + sq((y - 0.05) / 0.12) + sq((z + 0.02) / 0.16) <= 1) {
      return 350; // contrast-filled heart
    }
    if (sq((Math.abs(x) - 0.21) / 0.15) + sq((y + 0.02) / 0.22) + sq(z / 0.38) <= 1) {
      return -800 + (int) (40 * Math.sin(37 * x) * Math.cos(29 * y + 17 * z)); // lung, textured
    }
    return 40;
  }

  private static double sq(double v) {
    return v * v;
  }
}
