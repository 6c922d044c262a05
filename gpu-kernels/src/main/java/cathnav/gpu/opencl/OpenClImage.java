package cathnav.gpu.opencl;

import cathnav.gpu.device.DeviceBufferImage;
import org.jocl.CL;
import org.jocl.cl_mem;

/** A float32 row-major image in an OpenCL buffer. Owned by its backend's thread. */
final class OpenClImage extends DeviceBufferImage<cl_mem> {
  final OpenClBackend owner;

  OpenClImage(OpenClBackend owner, int width, int height, cl_mem buffer) {
    super("OpenCL", width, height, buffer);
    this.owner = owner;
  }

  @Override
  protected void release(cl_mem buffer) {
    CL.clReleaseMemObject(buffer);
    owner.forget(this);
  }
}
