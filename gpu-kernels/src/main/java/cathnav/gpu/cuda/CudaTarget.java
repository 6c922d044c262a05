package cathnav.gpu.cuda;

import cathnav.gpu.SimilarityMetric;
import cathnav.gpu.device.DeviceTargetBuffers;
import java.util.List;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * A target frame prepared for scoring on CUDA, its statistics as float64 on the device (see
 * {@link DeviceTargetBuffers}). Owned by its backend's thread.
 */
final class CudaTarget extends DeviceTargetBuffers<CUdeviceptr> {
  final CudaBackend owner;

  CudaTarget(CudaBackend owner, int width, int height, SimilarityMetric metric, CUdeviceptr mask01,
      CUdeviceptr centredX, CUdeviceptr centredY, CUdeviceptr stats) {
    super(width, height, metric, mask01, centredX, centredY, stats);
    this.owner = owner;
  }

  @Override
  protected void release(List<CUdeviceptr> pointers) {
    owner.makeCurrent();
    for (CUdeviceptr p : pointers) {
      JCudaDriver.cuMemFree(p);
    }
    owner.forget(this);
  }
}
