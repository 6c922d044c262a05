package cathnav.gpu.opencl;

import cathnav.gpu.DeviceVolume;
import cathnav.gpu.device.OccupiedBox;
import org.jocl.CL;
import org.jocl.cl_mem;

/**
 * A volume of linear attenuation (1/mm, float32) on an OpenCL device: per {@link OpenClVolumeMode}, a buffer with one
 * voxel of zero padding on every side ({@code (nx + 2) * (ny + 2) * (nz + 2)} floats, x fastest) or a 3D image.
 * Owned by its backend's thread.
 */
final class OpenClVolume implements DeviceVolume {
  final OpenClBackend owner;
  final OpenClVolumeMode mode;
  private final int nx;
  private final int ny;
  private final int nz;
  private final double[] voxelToRas;
  final OccupiedBox occupied;
  private cl_mem padded;

  OpenClVolume(OpenClBackend owner, OpenClVolumeMode mode, int nx, int ny, int nz, double[] voxelToRas,
      OccupiedBox occupied, cl_mem padded) {
    this.owner = owner;
    this.mode = mode;
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.voxelToRas = voxelToRas.clone();
    this.occupied = occupied;
    this.padded = padded;
  }

  @Override
  public int nx() {
    return nx;
  }

  @Override
  public int ny() {
    return ny;
  }

  @Override
  public int nz() {
    return nz;
  }

  @Override
  public double[] voxelToRas() {
    return voxelToRas.clone();
  }

  double[] affine() {
    return voxelToRas;
  }

  cl_mem buffer() {
    if (padded == null) {
      throw new IllegalStateException("OpenCL volume used after close, size=" + nx + "x" + ny + "x" + nz);
    }
    return padded;
  }

  @Override
  public void close() {
    if (padded != null) {
      CL.clReleaseMemObject(padded);
      padded = null;
      owner.forget(this);
    }
  }
}
