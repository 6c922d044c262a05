package cathnav.gpu.device;

import cathnav.gpu.Attenuation;
import cathnav.gpu.VolumeGrid;
import java.util.stream.IntStream;

/**
 * The smallest box of voxel indices holding every voxel of non-zero attenuation ({@code lo <= i <= hi} per axis).
 * Device DRR kernels skip the samples whose trilinear support lies outside it: they read only zeros, so skipping
 * them changes nothing but time (air around the patient is exactly zero: {@code mu(-1000 HU) = 0}).
 */
public record OccupiedBox(int loX, int loY, int loZ, int hiX, int hiY, int hiZ) {

  /** Margin, voxels, beyond the one-voxel trilinear support, so rounding never skips a sample that reads a voxel. */
  static final double MARGIN = 0.01;

  /** True when every voxel is zero. */
  public boolean isEmpty() {
    return hiX < loX;
  }

  /** The box of {@code grid} (HU converted with {@code attenuation}); scans slices in parallel. */
  public static OccupiedBox of(VolumeGrid grid, Attenuation attenuation) {
    int nx = grid.nx();
    int ny = grid.ny();
    boolean[] nonZeroHu = null;
    if (grid.hu() != null) {
      nonZeroHu = new boolean[65536];
      for (int h = Short.MIN_VALUE; h <= Short.MAX_VALUE; h++) {
        nonZeroHu[h & 0xffff] = attenuation.mu(h) > 0f;
      }
    }
    boolean[] table = nonZeroHu;
    short[] hu = grid.hu();
    float[] mu = grid.mu();
    int[][] perSlice = new int[grid.nz()][];
    IntStream.range(0, grid.nz()).parallel().forEach(k -> {
      int loX = Integer.MAX_VALUE;
      int loY = Integer.MAX_VALUE;
      int hiX = -1;
      int hiY = -1;
      for (int j = 0; j < ny; j++) {
        int row = (k * ny + j) * nx;
        for (int i = 0; i < nx; i++) {
          boolean occupied = table != null ? table[hu[row + i] & 0xffff] : mu[row + i] != 0f;
          if (occupied) {
            loX = Math.min(loX, i);
            hiX = Math.max(hiX, i);
            loY = Math.min(loY, j);
            hiY = Math.max(hiY, j);
          }
        }
      }
      perSlice[k] = hiX < 0 ? null : new int[] {loX, loY, hiX, hiY};
    });
    int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
    for (int k = 0; k < perSlice.length; k++) {
      int[] s = perSlice[k];
      if (s != null) {
        box[0] = Math.min(box[0], s[0]);
        box[1] = Math.min(box[1], s[1]);
        box[2] = Math.min(box[2], k);
        box[3] = Math.max(box[3], s[2]);
        box[4] = Math.max(box[4], s[3]);
        box[5] = Math.max(box[5], k);
      }
    }
    return box[3] < 0 ? new OccupiedBox(1, 1, 1, 0, 0, 0) : new OccupiedBox(box[0], box[1], box[2], box[3], box[4],
        box[5]);
  }

  /**
   * Writes the sample-skipping slab for the kernels into {@code out[offset..offset+5]}: {@code lo - 1 - margin},
   * {@code hi + 1 + margin} per axis (a sample at p reads voxels floor(p) and floor(p) + 1); an empty box writes an
   * inverted slab that no ray crosses.
   */
  void writeSlab(float[] out, int offset) {
    if (isEmpty()) {
      for (int a = 0; a < 3; a++) {
        out[offset + a] = 1e30f;
        out[offset + 3 + a] = -1e30f;
      }
      return;
    }
    out[offset] = (float) (loX - 1 - MARGIN);
    out[offset + 1] = (float) (loY - 1 - MARGIN);
    out[offset + 2] = (float) (loZ - 1 - MARGIN);
    out[offset + 3] = (float) (hiX + 1 + MARGIN);
    out[offset + 4] = (float) (hiY + 1 + MARGIN);
    out[offset + 5] = (float) (hiZ + 1 + MARGIN);
  }
}
