package cathnav.gpu.cuda;

import cathnav.gpu.DeviceImage;
import jcuda.driver.CUdeviceptr;

/** A float32 row-major image in CUDA global memory. Owned by its backend's thread. */
final class CudaImage implements DeviceImage {
  final CudaBackend owner;
  final int width;
  final int height;
  private CUdeviceptr pointer;

  CudaImage(CudaBackend owner, int width, int height, CUdeviceptr pointer) {
    this.owner = owner;
    this.width = width;
    this.height = height;
    this.pointer = pointer;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  int pixels() {
    return width * height;
  }

  CUdeviceptr pointer() {
    if (pointer == null) {
      throw new IllegalStateException("CUDA image used after close, size=" + width + "x" + height);
    }
    return pointer;
  }

  @Override
  public void close() {
    if (pointer != null) {
      owner.release(this, pointer);
      pointer = null;
    }
  }
}
