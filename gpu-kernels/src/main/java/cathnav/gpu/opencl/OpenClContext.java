package cathnav.gpu.opencl;

import static org.jocl.CL.*;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_image_desc;
import org.jocl.cl_image_format;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;

/**
 * An OpenCL context, in-order queue and the CathNav kernels on one device, with typed helpers for buffers and
 * launches. Owned by the backend's thread. Errors carry the operation, kernel and sizes.
 */
final class OpenClContext implements AutoCloseable {

  /** Work-group size of the reduction kernels (a power of two; the {@code LS} build option). */
  static final int REDUCE_LOCAL = 128;

  private static final String[] PROGRAMS = {"drr.cl", "reduce.cl", "image.cl"};

  final OpenClDevice device;
  final cl_context context;
  final cl_command_queue queue;
  private final cl_program[] programs = new cl_program[PROGRAMS.length];
  private final Map<String, cl_kernel> kernels = new HashMap<>();
  private long launches;

  OpenClContext(OpenClDevice device) {
    this.device = device;
    cl_context_properties properties = new cl_context_properties();
    properties.addProperty(CL_CONTEXT_PLATFORM, device.platform());
    this.context = clCreateContext(properties, 1, new org.jocl.cl_device_id[] {device.device()}, null, null, null);
    cl_command_queue q = null;
    try {
      q = clCreateCommandQueueWithProperties(context, device.device(), new cl_queue_properties(), null);
      String options = buildOptions(device);
      for (int i = 0; i < PROGRAMS.length; i++) {
        programs[i] = OpenClProgram.build(context, device.device(), PROGRAMS[i],
            OpenClProgram.resource(PROGRAMS[i]), options);
      }
    } catch (RuntimeException e) {
      releasePrograms();
      if (q != null) {
        clReleaseCommandQueue(q);
      }
      clReleaseContext(context);
      throw e;
    }
    this.queue = q;
  }

  /** The options every CathNav program is built with on {@code device}. */
  static String buildOptions(OpenClDevice device) {
    return "-cl-std=CL1.2 -DLS=" + REDUCE_LOCAL + (device.fp64() ? " -DHAVE_FP64" : "")
        + (device.images() ? " -DHAVE_IMAGES" : "");
  }

  /** The kernel {@code name} (created on first use). */
  cl_kernel kernel(String name) {
    cl_kernel k = kernels.get(name);
    if (k == null) {
      for (cl_program program : programs) {
        try {
          k = clCreateKernel(program, name, null);
          break;
        } catch (CLException e) {
          // not in this program: try the next one
        }
      }
      if (k == null) {
        throw new IllegalStateException("OpenCL kernel not found in any program, kernel=" + name);
      }
      kernels.put(name, k);
    }
    return k;
  }

  /** Allocates a read-write buffer of {@code bytes}. */
  cl_mem allocate(long bytes, String what) {
    if (bytes > device.maxAllocBytes()) {
      throw new IllegalArgumentException("OpenCL buffer larger than the device allows, what=" + what
          + ", bytes=" + bytes + ", maxAllocBytes=" + device.maxAllocBytes() + ", device=" + device.deviceName());
    }
    try {
      return clCreateBuffer(context, CL_MEM_READ_WRITE, Math.max(bytes, 4), null, null);
    } catch (CLException e) {
      throw new IllegalStateException("OpenCL allocation failed, what=" + what + ", bytes=" + bytes + ", error="
          + e.getMessage(), e);
    }
  }

  /** Allocates a buffer initialised from {@code host} ({@code bytes} of it, read by the driver during the call). */
  cl_mem allocateCopy(Pointer host, long bytes, String what) {
    if (bytes > device.maxAllocBytes()) {
      throw new IllegalArgumentException("OpenCL buffer larger than the device allows, what=" + what
          + ", bytes=" + bytes + ", maxAllocBytes=" + device.maxAllocBytes() + ", device=" + device.deviceName());
    }
    try {
      return clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, bytes, host, null);
    } catch (CLException e) {
      throw new IllegalStateException("OpenCL allocation failed, what=" + what + ", bytes=" + bytes + ", error="
          + e.getMessage(), e);
    }
  }

  /** A read-only {@code CL_R}/{@code CL_FLOAT} 3D image of {@code nx * ny * nz} voxels initialised from {@code mu}. */
  cl_mem image3d(float[] mu, int nx, int ny, int nz, String what) {
    cl_image_format format = new cl_image_format();
    format.image_channel_order = CL_R;
    format.image_channel_data_type = CL_FLOAT;
    cl_image_desc desc = new cl_image_desc();
    desc.image_type = CL_MEM_OBJECT_IMAGE3D;
    desc.image_width = nx;
    desc.image_height = ny;
    desc.image_depth = nz;
    try {
      return clCreateImage(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, format, desc, Pointer.to(mu), null);
    } catch (CLException e) {
      throw new IllegalStateException("OpenCL 3D image creation failed, what=" + what + ", size=" + nx + "x" + ny + "x"
          + nz + ", device=" + device.deviceName() + ", error=" + e.getMessage(), e);
    }
  }

  void write(cl_mem buffer, Pointer host, long bytes) {
    clEnqueueWriteBuffer(queue, buffer, CL_TRUE, 0, bytes, host, 0, null, null);
  }

  void read(cl_mem buffer, Pointer host, long bytes) {
    clEnqueueReadBuffer(queue, buffer, CL_TRUE, 0, bytes, host, 0, null, null);
  }

  /**
   * Sets {@code args} (cl_mem, Integer, Float, or float[] for a struct of floats by value) on kernel {@code name} and enqueues it over {@code global}
   * work items (rounded up to multiples of {@code local}; {@code local} null lets the driver choose).
   */
  void launch(String name, long[] global, long[] local, Object... args) {
    cl_kernel k = kernel(name);
    long[] rounded = global.clone();
    if (local != null) {
      for (int i = 0; i < rounded.length; i++) {
        rounded[i] = (rounded[i] + local[i] - 1) / local[i] * local[i];
      }
    }
    try {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a instanceof cl_mem m) {
          clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
        } else if (a instanceof Integer v) {
          clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {v}));
        } else if (a instanceof Float v) {
          clSetKernelArg(k, i, Sizeof.cl_float, Pointer.to(new float[] {v}));
        } else if (a instanceof float[] v) {
          clSetKernelArg(k, i, (long) v.length * Sizeof.cl_float, Pointer.to(v)); // a struct of floats by value
        } else {
          throw new IllegalArgumentException("unsupported kernel argument, kernel=" + name + ", index=" + i
              + ", type=" + (a == null ? "null" : a.getClass().getSimpleName()));
        }
      }
      clEnqueueNDRangeKernel(queue, k, rounded.length, null, rounded, local, 0, null, null);
      launches++;
    } catch (CLException e) {
      throw new IllegalStateException("OpenCL kernel launch failed, kernel=" + name + ", global="
          + Arrays.toString(rounded) + ", local=" + Arrays.toString(local) + ", error=" + e.getMessage(), e);
    }
  }

  /** Kernels enqueued so far (for the launch-count contract of batched scoring). */
  long launches() {
    return launches;
  }

  void finish() {
    clFinish(queue);
  }

  /** Bytes of one accumulator ({@code acc_t} in the kernels: double with fp64, else float). */
  int accBytes() {
    return device.fp64() ? Sizeof.cl_double : Sizeof.cl_float;
  }

  /** Reads {@code count} accumulators as doubles. */
  double[] readAcc(cl_mem buffer, int count) {
    double[] out = new double[count];
    if (device.fp64()) {
      read(buffer, Pointer.to(out), (long) count * Sizeof.cl_double);
    } else {
      float[] f = new float[count];
      read(buffer, Pointer.to(f), (long) count * Sizeof.cl_float);
      for (int i = 0; i < count; i++) {
        out[i] = f[i];
      }
    }
    return out;
  }

  /** Writes {@code values} as accumulators. */
  void writeAcc(cl_mem buffer, double[] values) {
    if (device.fp64()) {
      write(buffer, Pointer.to(values), (long) values.length * Sizeof.cl_double);
    } else {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      write(buffer, Pointer.to(f), (long) f.length * Sizeof.cl_float);
    }
  }

  private void releasePrograms() {
    for (cl_program p : programs) {
      if (p != null) {
        clReleaseProgram(p);
      }
    }
  }

  @Override
  public void close() {
    kernels.values().forEach(org.jocl.CL::clReleaseKernel);
    kernels.clear();
    releasePrograms();
    Arrays.fill(programs, null);
    clReleaseCommandQueue(queue);
    clReleaseContext(context);
  }
}
