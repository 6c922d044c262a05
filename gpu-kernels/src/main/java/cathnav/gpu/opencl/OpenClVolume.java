package cathnav.gpu.opencl;

import cathnav.gpu.device.GridVolume;
import cathnav.gpu.device.OccupiedBox;
import org.jocl.CL;
import org.jocl.cl_mem;

/**
 * A volume of linear attenuation (1/mm, float32) on an OpenCL device: per {@link OpenClVolumeMode}, a buffer with one
 * voxel of zero padding on every side ({@code (nx + 2) * (ny + 2) * (nz + 2)} floats, x fastest) or a 3D image.
 * Owned by its backend's thread.
 */
final class OpenClVolume extends GridVolume {
  final OpenClBackend owner;
  final OpenClVolumeMode mode;
  final OccupiedBox occupied;
  private cl_mem padded;

  OpenClVolume(OpenClBackend owner, OpenClVolumeMode mode, int nx, int ny, int nz, double[] voxelToRas,
      OccupiedBox occupied, cl_mem padded) {
    super(nx, ny, nz, voxelToRas);
    this.owner = owner;
    this.mode = mode;
    this.occupied = occupied;
    this.padded = padded;
  }

  cl_mem buffer() {
    if (padded == null) {
      throw new IllegalStateException("OpenCL volume used after close, size=" + size());
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
