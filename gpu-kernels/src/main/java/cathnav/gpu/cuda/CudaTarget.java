package cathnav.gpu.cuda;

import cathnav.gpu.PreparedTarget;
import cathnav.gpu.SimilarityMetric;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * A target frame prepared for scoring on CUDA: the 0/1 mask, the target (NCC) or its Sobel gradients (gradient
 * correlation) centred over the mask and zero outside it, and {@code {count, sum x, var x, sum y, var y}} as float64
 * on the device. Owned by its backend's thread.
 */
final class CudaTarget implements PreparedTarget {
  final CudaBackend owner;
  final int width;
  final int height;
  final SimilarityMetric metric;
  private CUdeviceptr[] pointers; // mask01, centredX, centredY (null for NCC), stats

  CudaTarget(CudaBackend owner, int width, int height, SimilarityMetric metric, CUdeviceptr mask01,
      CUdeviceptr centredX, CUdeviceptr centredY, CUdeviceptr stats) {
    this.owner = owner;
    this.width = width;
    this.height = height;
    this.metric = metric;
    this.pointers = new CUdeviceptr[] {mask01, centredX, centredY, stats};
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public SimilarityMetric metric() {
    return metric;
  }

  private CUdeviceptr get(int i) {
    if (pointers == null) {
      throw new IllegalStateException("prepared target used after close, size=" + width + "x" + height);
    }
    return pointers[i];
  }

  CUdeviceptr mask01() {
    return get(0);
  }

  CUdeviceptr centredX() {
    return get(1);
  }

  CUdeviceptr centredY() {
    return get(2);
  }

  CUdeviceptr stats() {
    return get(3);
  }

  @Override
  public void close() {
    if (pointers != null) {
      owner.makeCurrent();
      for (CUdeviceptr p : pointers) {
        if (p != null) {
          JCudaDriver.cuMemFree(p);
        }
      }
      pointers = null;
      owner.forget(this);
    }
  }
}
