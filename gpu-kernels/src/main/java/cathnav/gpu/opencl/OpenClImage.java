package cathnav.gpu.opencl;

import cathnav.gpu.DeviceImage;
import org.jocl.CL;
import org.jocl.cl_mem;

/** A float32 row-major image in an OpenCL buffer. Owned by its backend's thread. */
final class OpenClImage implements DeviceImage {
  final OpenClBackend owner;
  final int width;
  final int height;
  private cl_mem buffer;

  OpenClImage(OpenClBackend owner, int width, int height, cl_mem buffer) {
    this.owner = owner;
    this.width = width;
    this.height = height;
    this.buffer = buffer;
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

  /** The buffer; throws when closed. */
  cl_mem buffer() {
    if (buffer == null) {
      throw new IllegalStateException("OpenCL image used after close, size=" + width + "x" + height);
    }
    return buffer;
  }

  @Override
  public void close() {
    if (buffer != null) {
      CL.clReleaseMemObject(buffer);
      buffer = null;
      owner.forget(this);
    }
  }
}
