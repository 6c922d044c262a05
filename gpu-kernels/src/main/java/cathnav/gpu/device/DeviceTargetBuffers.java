package cathnav.gpu.device;

import cathnav.gpu.PreparedTarget;
import cathnav.gpu.SimilarityMetric;
import java.util.ArrayList;
import java.util.List;

/**
 * A target frame prepared for scoring on a device backend: the device buffers of the 0/1 mask, the target (NCC) or
 * its Sobel gradients (gradient correlation) centred over the mask and zero outside it, and the
 * {@link TargetStatistics} ({@code H}: a CUDA device pointer, an OpenCL memory object). Subclasses free the
 * buffers. Owned by its backend's thread.
 */
public abstract class DeviceTargetBuffers<H> implements PreparedTarget {
  private final int width;
  private final int height;
  private final SimilarityMetric metric;
  private List<H> buffers; // mask01, centredX, centredY (null for NCC), stats

  protected DeviceTargetBuffers(int width, int height, SimilarityMetric metric, H mask01, H centredX, H centredY,
      H stats) {
    this.width = width;
    this.height = height;
    this.metric = metric;
    this.buffers = new ArrayList<>(4);
    buffers.add(mask01);
    buffers.add(centredX);
    buffers.add(centredY);
    buffers.add(stats);
  }

  @Override
  public final int width() {
    return width;
  }

  @Override
  public final int height() {
    return height;
  }

  @Override
  public final SimilarityMetric metric() {
    return metric;
  }

  private H get(int i) {
    if (buffers == null) {
      throw new IllegalStateException("prepared target used after close, size=" + width + "x" + height);
    }
    return buffers.get(i);
  }

  /** The 0/1 mask; throws when closed. */
  public final H mask01() {
    return get(0);
  }

  /** The centred target (NCC) or its centred u gradient; throws when closed. */
  public final H centredX() {
    return get(1);
  }

  /** The centred v gradient, null for NCC; throws when closed. */
  public final H centredY() {
    return get(2);
  }

  /** The {@link TargetStatistics}; throws when closed. */
  public final H stats() {
    return get(3);
  }

  /** Frees the buffers once; later calls do nothing. */
  @Override
  public final void close() {
    if (buffers != null) {
      List<H> held = new ArrayList<>(3);
      for (H b : buffers) {
        if (b != null) {
          held.add(b);
        }
      }
      release(held);
      buffers = null;
    }
  }

  /** Frees {@code buffers} (none null) on the device and stops the backend tracking this target. */
  protected abstract void release(List<H> buffers);
}
