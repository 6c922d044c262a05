package cathnav.gpu.device;

import cathnav.gpu.DeviceImage;

/**
 * A float32 row-major image held in one device buffer of a device backend: its size in pixels and the buffer handle
 * ({@code H}: a CUDA device pointer, an OpenCL memory object) until {@link #close()}. Subclasses free the buffer.
 * Owned by its backend's thread.
 */
public abstract class DeviceBufferImage<H> implements DeviceImage {
  private final String device;
  private final int width;
  private final int height;
  private H buffer;

  /** {@code device} names the device API in errors ("CUDA", "OpenCL"). */
  protected DeviceBufferImage(String device, int width, int height, H buffer) {
    this.device = device;
    this.width = width;
    this.height = height;
    this.buffer = buffer;
  }

  @Override
  public final int width() {
    return width;
  }

  @Override
  public final int height() {
    return height;
  }

  /** Pixels, {@code width * height}. */
  public final int pixels() {
    return width * height;
  }

  /** The buffer; throws when closed. */
  public final H buffer() {
    if (buffer == null) {
      throw new IllegalStateException(device + " image used after close, size=" + width + "x" + height);
    }
    return buffer;
  }

  /** Frees the buffer once; later calls do nothing. */
  @Override
  public final void close() {
    if (buffer != null) {
      release(buffer);
      buffer = null;
    }
  }

  /** Frees {@code buffer} on the device and stops the backend tracking this image. */
  protected abstract void release(H buffer);
}
