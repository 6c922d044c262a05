package cathnav.sim.render;

import cathnav.gpu.VolumeGrid;

/**
 * Splits an attenuation volume into static anatomy and a moving heart region, so that the two DRRs add up to the
 * whole one when the heart is at rest (line integrals are linear in mu).
 *
 * <p>With a heart weight {@code w} in [0, 1] per voxel and a background attenuation {@code b} (what fills the space
 * the heart leaves when it moves: lung and mediastinal tissue), {@code static = mu (1 - w) + b w} over the whole
 * grid and {@code heart = (mu - b) w}, cropped to the voxels where {@code w > 0} plus a one-voxel margin. Heart
 * values can be negative where the region holds tissue lighter than the background.
 */
public final class HeartRegionSplit {

  private HeartRegionSplit() {}

  /** The two parts of a split volume. */
  public record Parts(VolumeGrid staticMu, VolumeGrid heartMu, int[] heartOffsetVoxels) {}

  /**
   * @param mu attenuation, 1/mm, x fastest, not modified
   * @param weight heart weight in [0, 1] on the same grid, not modified
   * @param voxelToRas row-major 4x4 of the grid
   * @param backgroundMu attenuation that replaces the heart in the static part, 1/mm
   */
  public static Parts split(int nx, int ny, int nz, double[] voxelToRas, float[] mu, float[] weight,
      double backgroundMu) {
    int n = nx * ny * nz;
    if (mu.length != n || weight.length != n) {
      throw new IllegalArgumentException("grid size mismatch, voxels=" + n + ", mu=" + mu.length
          + ", weight=" + weight.length);
    }
    float[] stat = new float[n];
    int i0 = nx, j0 = ny, k0 = nz, i1 = -1, j1 = -1, k1 = -1;
    float b = (float) backgroundMu;
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        int row = (k * ny + j) * nx;
        for (int i = 0; i < nx; i++) {
          float w = weight[row + i];
          stat[row + i] = mu[row + i] * (1 - w) + b * w;
          if (w > 0) {
            i0 = Math.min(i0, i);
            i1 = Math.max(i1, i);
            j0 = Math.min(j0, j);
            j1 = Math.max(j1, j);
            k0 = Math.min(k0, k);
            k1 = Math.max(k1, k);
          }
        }
      }
    }
    if (i1 < 0) {
      throw new IllegalArgumentException("the heart weight is zero everywhere: no heart region to move");
    }
    i0 = Math.max(0, i0 - 1);
    j0 = Math.max(0, j0 - 1);
    k0 = Math.max(0, k0 - 1);
    i1 = Math.min(nx - 1, i1 + 1);
    j1 = Math.min(ny - 1, j1 + 1);
    k1 = Math.min(nz - 1, k1 + 1);
    int hx = i1 - i0 + 1;
    int hy = j1 - j0 + 1;
    int hz = k1 - k0 + 1;
    float[] heart = new float[hx * hy * hz];
    for (int k = 0; k < hz; k++) {
      for (int j = 0; j < hy; j++) {
        int src = ((k + k0) * ny + (j + j0)) * nx + i0;
        int dst = (k * hy + j) * hx;
        for (int i = 0; i < hx; i++) {
          float w = weight[src + i];
          heart[dst + i] = (mu[src + i] - b) * w;
        }
      }
    }
    double[] a = voxelToRas.clone();
    double[] heartAffine = a.clone();
    for (int r = 0; r < 3; r++) {
      heartAffine[r * 4 + 3] = a[r * 4] * i0 + a[r * 4 + 1] * j0 + a[r * 4 + 2] * k0 + a[r * 4 + 3];
    }
    return new Parts(VolumeGrid.ofMu(nx, ny, nz, a, stat), VolumeGrid.ofMu(hx, hy, hz, heartAffine, heart),
        new int[] {i0, j0, k0});
  }
}
