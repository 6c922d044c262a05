package cathnav.gpu.cuda;

import cathnav.gpu.device.GridVolume;
import cathnav.gpu.device.OccupiedBox;
import jcuda.driver.CUarray;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUtexObject;
import jcuda.driver.JCudaDriver;

/**
 * A volume of linear attenuation on a CUDA device, stored per {@link CudaVolumeMode}: a zero-padded float32 buffer
 * ({@code EXACT}) or a 3D array with a linear-filtering, border-addressed texture object ({@code TEXTURE_*};
 * {@code scale} turns a texel read into 1/mm). Owned by its backend's thread.
 */
final class CudaVolume extends GridVolume {
  final CudaBackend owner;
  final CudaVolumeMode mode;
  final float scale;
  final OccupiedBox occupied;
  private CUdeviceptr padded;
  private CUarray array;
  private CUtexObject texture;
  private boolean closed;

  CudaVolume(CudaBackend owner, int nx, int ny, int nz, double[] voxelToRas, OccupiedBox occupied,
      CUdeviceptr padded) {
    this(owner, CudaVolumeMode.EXACT, nx, ny, nz, voxelToRas, occupied, 1f, padded, null, null);
  }

  CudaVolume(CudaBackend owner, CudaVolumeMode mode, int nx, int ny, int nz, double[] voxelToRas,
      OccupiedBox occupied, float scale, CUdeviceptr padded, CUarray array, CUtexObject texture) {
    super(nx, ny, nz, voxelToRas);
    this.owner = owner;
    this.mode = mode;
    this.scale = scale;
    this.occupied = occupied;
    this.padded = padded;
    this.array = array;
    this.texture = texture;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("CUDA volume used after close, size=" + size());
    }
  }

  CUdeviceptr padded() {
    checkOpen();
    return padded;
  }

  CUtexObject texture() {
    checkOpen();
    return texture;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    owner.makeCurrent();
    if (texture != null) {
      JCudaDriver.cuTexObjectDestroy(texture);
      texture = null;
    }
    if (array != null) {
      JCudaDriver.cuArrayDestroy(array);
      array = null;
    }
    if (padded != null) {
      JCudaDriver.cuMemFree(padded);
      padded = null;
    }
    owner.forget(this);
  }
}
