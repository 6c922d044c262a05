package cathnav.gpu.opencl;

import cathnav.gpu.SimilarityMetric;
import cathnav.gpu.device.DeviceTargetBuffers;
import java.util.List;
import org.jocl.CL;
import org.jocl.cl_mem;

/**
 * A target frame prepared for scoring on OpenCL, its statistics in the device's accumulator type (see
 * {@link DeviceTargetBuffers}). Owned by its backend's thread.
 */
final class OpenClTarget extends DeviceTargetBuffers<cl_mem> {
  final OpenClBackend owner;

  OpenClTarget(OpenClBackend owner, int width, int height, SimilarityMetric metric, cl_mem mask01, cl_mem centredX,
      cl_mem centredY, cl_mem stats) {
    super(width, height, metric, mask01, centredX, centredY, stats);
    this.owner = owner;
  }

  @Override
  protected void release(List<cl_mem> buffers) {
    for (cl_mem m : buffers) {
      CL.clReleaseMemObject(m);
    }
    owner.forget(this);
  }
}
