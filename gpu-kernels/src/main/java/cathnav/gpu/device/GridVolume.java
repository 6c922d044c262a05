package cathnav.gpu.device;

import cathnav.gpu.DeviceVolume;

/**
 * The grid bookkeeping every backend's {@link DeviceVolume} shares: voxel counts along x, y, z and the voxel-index
 * to RAS (mm) affine, row-major 4x4, copied at construction. Subclasses hold the voxel data and free it. Owned by
 * its backend's thread.
 */
public abstract class GridVolume implements DeviceVolume {
  private final int nx;
  private final int ny;
  private final int nz;
  private final double[] voxelToRas;

  protected GridVolume(int nx, int ny, int nz, double[] voxelToRas) {
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.voxelToRas = voxelToRas.clone();
  }

  @Override
  public final int nx() {
    return nx;
  }

  @Override
  public final int ny() {
    return ny;
  }

  @Override
  public final int nz() {
    return nz;
  }

  @Override
  public final double[] voxelToRas() {
    return voxelToRas.clone();
  }

  /** The voxel-to-RAS affine itself, not a copy: callers only read it. */
  public final double[] affine() {
    return voxelToRas;
  }

  /** {@code "nx x ny x nz"}, for messages. */
  protected final String size() {
    return nx + "x" + ny + "x" + nz;
  }
}
