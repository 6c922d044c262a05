package cathnav.sim.phantom;

import cathnav.core.geometry.Vec3;

/**
 * An axis-aligned voxel grid in RAS: voxel (i, j, k) has its centre at {@code origin + spacing * (i, j, k)}.
 *
 * @param nx voxels along x (patient right)
 * @param ny voxels along y (anterior)
 * @param nz voxels along z (superior)
 * @param origin centre of voxel (0, 0, 0), RAS mm
 * @param spacing voxel size, mm (isotropic)
 */
public record AxisGrid(int nx, int ny, int nz, Vec3 origin, double spacing) {

  public AxisGrid {
    if (nx <= 0 || ny <= 0 || nz <= 0 || !(spacing > 0)) {
      throw new IllegalArgumentException(
          "invalid grid, size=" + nx + "x" + ny + "x" + nz + ", spacing=" + spacing);
    }
  }

  /** The grid of isotropic {@code spacing} covering the box {@code {minX, minY, minZ, maxX, maxY, maxZ}}. */
  public static AxisGrid covering(double[] box, double spacing) {
    int nx = (int) Math.ceil((box[3] - box[0]) / spacing) + 1;
    int ny = (int) Math.ceil((box[4] - box[1]) / spacing) + 1;
    int nz = (int) Math.ceil((box[5] - box[2]) / spacing) + 1;
    return new AxisGrid(nx, ny, nz, new Vec3(box[0], box[1], box[2]), spacing);
  }

  public int voxelCount() {
    return Math.multiplyExact(Math.multiplyExact(nx, ny), nz);
  }

  /** Row-major 4x4 voxel-to-RAS affine. */
  public double[] voxelToRas() {
    return new double[] {
      spacing, 0, 0, origin.x(), 0, spacing, 0, origin.y(), 0, 0, spacing, origin.z(), 0, 0, 0, 1
    };
  }

  /** Centre of voxel (i, j, k), RAS mm. */
  public Vec3 centre(int i, int j, int k) {
    return new Vec3(origin.x() + spacing * i, origin.y() + spacing * j, origin.z() + spacing * k);
  }
}
