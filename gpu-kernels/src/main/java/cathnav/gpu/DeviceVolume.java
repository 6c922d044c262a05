package cathnav.gpu;

/** A volume resident on a backend's device. Owned by the backend's thread; {@code close()} frees it. */
public interface DeviceVolume extends AutoCloseable {
  int nx();

  int ny();

  int nz();

  /** Voxel-to-RAS affine, row-major 4x4. */
  double[] voxelToRas();

  @Override
  void close();
}
