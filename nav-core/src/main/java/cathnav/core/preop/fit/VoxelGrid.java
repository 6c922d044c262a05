package cathnav.core.preop.fit;

import cathnav.core.model.Volume;
import java.util.Arrays;

/**
 * A voxel grid in the RAS frame: size and the row-major 4x4 {@code voxelToRas} (voxel centres at integer indices,
 * index {@code (k * ny + j) * nx + i}, as {@link Volume}). Immutable; arrays copied in and out.
 */
public record VoxelGrid(int nx, int ny, int nz, double[] voxelToRas) {

  public VoxelGrid {
    if (nx <= 0 || ny <= 0 || nz <= 0) {
      throw new IllegalArgumentException("grid size must be positive, size=" + nx + "x" + ny + "x" + nz);
    }
    if (voxelToRas == null || voxelToRas.length != 16) {
      throw new IllegalArgumentException("voxelToRas must have 16 values");
    }
    voxelToRas = voxelToRas.clone();
  }

  /** The grid of a volume. */
  public static VoxelGrid of(Volume v) {
    return new VoxelGrid(v.nx(), v.ny(), v.nz(), v.voxelToRas());
  }

  /**
   * An axis-aligned grid of cubic voxels of {@code spacing} mm covering the box {@code bounds}
   * ({@code minX, minY, minZ, maxX, maxY, maxZ}, as {@code TriangleMesh.bounds}) with {@code margin} voxels to spare on every side.
   */
  public static VoxelGrid covering(double[] bounds, double spacing, int margin) {
    if (!(spacing > 0)) {
      throw new IllegalArgumentException("spacing must be positive, spacing=" + spacing);
    }
    int[] n = new int[3];
    double[] origin = new double[3];
    for (int a = 0; a < 3; a++) {
      origin[a] = bounds[a] - margin * spacing;
      n[a] = (int) Math.ceil((bounds[3 + a] - bounds[a]) / spacing) + 2 * margin + 1;
    }
    double[] m = {spacing, 0, 0, origin[0], 0, spacing, 0, origin[1], 0, 0, spacing, origin[2], 0, 0, 0, 1};
    return new VoxelGrid(n[0], n[1], n[2], m);
  }

  @Override
  public double[] voxelToRas() {
    return voxelToRas.clone();
  }

  public int voxelCount() {
    return Math.multiplyExact(Math.multiplyExact(nx, ny), nz);
  }

  /** The volume of one voxel, mm³. */
  public double voxelVolume() {
    double[] m = voxelToRas;
    return Math.abs(Rotations.determinant(new double[] {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]}));
  }

  /** The mean of the three voxel edge lengths, mm. */
  public double meanSpacing() {
    double s = 0;
    for (int c = 0; c < 3; c++) {
      s += Math.sqrt(voxelToRas[c] * voxelToRas[c] + voxelToRas[4 + c] * voxelToRas[4 + c]
          + voxelToRas[8 + c] * voxelToRas[8 + c]);
    }
    return s / 3;
  }

  /** Writes the RAS position of voxel centre {@code (i, j, k)} to {@code out[offset..offset+2]}. */
  public void centre(int i, int j, int k, double[] out, int offset) {
    double[] m = voxelToRas;
    out[offset] = m[0] * i + m[1] * j + m[2] * k + m[3];
    out[offset + 1] = m[4] * i + m[5] * j + m[6] * k + m[7];
    out[offset + 2] = m[8] * i + m[9] * j + m[10] * k + m[11];
  }

  /** The row-major 4x4 inverse of {@code voxelToRas} (RAS to continuous voxel index). */
  public double[] rasToVoxel() {
    double[] m = voxelToRas;
    double[] a = {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]};
    double det = Rotations.determinant(a);
    if (det == 0 || !Double.isFinite(det)) {
      throw new IllegalArgumentException("voxel-to-RAS affine is singular, voxelToRas=" + Arrays.toString(m));
    }
    double[] inv = {
      (a[4] * a[8] - a[5] * a[7]) / det, (a[2] * a[7] - a[1] * a[8]) / det, (a[1] * a[5] - a[2] * a[4]) / det,
      (a[5] * a[6] - a[3] * a[8]) / det, (a[0] * a[8] - a[2] * a[6]) / det, (a[2] * a[3] - a[0] * a[5]) / det,
      (a[3] * a[7] - a[4] * a[6]) / det, (a[1] * a[6] - a[0] * a[7]) / det, (a[0] * a[4] - a[1] * a[3]) / det
    };
    double[] out = new double[16];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        out[4 * r + c] = inv[3 * r + c];
      }
      out[4 * r + 3] = -(inv[3 * r] * m[3] + inv[3 * r + 1] * m[7] + inv[3 * r + 2] * m[11]);
    }
    out[15] = 1;
    return out;
  }
}
