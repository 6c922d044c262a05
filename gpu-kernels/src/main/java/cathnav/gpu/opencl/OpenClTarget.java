package cathnav.gpu.opencl;

import cathnav.gpu.PreparedTarget;
import cathnav.gpu.SimilarityMetric;
import org.jocl.CL;
import org.jocl.cl_mem;

/**
 * A target frame prepared for scoring: the 0/1 mask, the target (NCC) or its two Sobel gradients (gradient
 * correlation) centred over the mask and zero outside it, and the statistics {@code {count, sum x, var x, sum y,
 * var y}} as device accumulators. Owned by its backend's thread.
 */
final class OpenClTarget implements PreparedTarget {
  final OpenClBackend owner;
  final int width;
  final int height;
  final SimilarityMetric metric;
  private cl_mem[] buffers; // mask01, centredX, centredY (null for NCC), stats

  OpenClTarget(OpenClBackend owner, int width, int height, SimilarityMetric metric, cl_mem mask01, cl_mem centredX,
      cl_mem centredY, cl_mem stats) {
    this.owner = owner;
    this.width = width;
    this.height = height;
    this.metric = metric;
    this.buffers = new cl_mem[] {mask01, centredX, centredY, stats};
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

  private cl_mem get(int i) {
    if (buffers == null) {
      throw new IllegalStateException("prepared target used after close, size=" + width + "x" + height);
    }
    return buffers[i];
  }

  cl_mem mask01() {
    return get(0);
  }

  cl_mem centredX() {
    return get(1);
  }

  cl_mem centredY() {
    return get(2);
  }

  cl_mem stats() {
    return get(3);
  }

  @Override
  public void close() {
    if (buffers != null) {
      for (cl_mem m : buffers) {
        if (m != null) {
          CL.clReleaseMemObject(m);
        }
      }
      buffers = null;
      owner.forget(this);
    }
  }
}
