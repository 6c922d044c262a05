package cathnav.gpu.cuda;

import cathnav.gpu.device.DeviceBufferImage;
import jcuda.driver.CUdeviceptr;

/** A float32 row-major image in CUDA global memory. Owned by its backend's thread. */
final class CudaImage extends DeviceBufferImage<CUdeviceptr> {
  final CudaBackend owner;

  CudaImage(CudaBackend owner, int width, int height, CUdeviceptr pointer) {
    super("CUDA", width, height, pointer);
    this.owner = owner;
  }

  /** The device pointer; throws when closed. */
  CUdeviceptr pointer() {
    return buffer();
  }

  @Override
  protected void release(CUdeviceptr pointer) {
    owner.release(this, pointer);
  }
}
