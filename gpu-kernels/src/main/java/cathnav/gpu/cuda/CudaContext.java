package cathnav.gpu.cuda;

import static jcuda.driver.JCudaDriver.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import cathnav.gpu.device.RaySetup;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUtexObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CUDA context on one device with CathNav's kernel modules loaded (cubin first, PTX when the cubin does not fit the
 * GPU), and typed helpers for memory and launches on the legacy default stream (in order with the synchronous
 * copies). Owned by the backend's thread; {@link #makeCurrent()} binds the context to the calling thread.
 */
final class CudaContext implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CudaContext.class);

  final CudaDevice device;
  private final CUcontext context = new CUcontext();
  private final List<CUmodule> modules = new ArrayList<>();
  private final Map<CudaKernel, CUfunction> functions = new EnumMap<>(CudaKernel.class);
  private final List<String> loaded = new ArrayList<>();
  private long launches;

  CudaContext(CudaDevice device) {
    this.device = device;
    cuCtxCreate(context, 0, device.handle());
    try {
      for (String module : CudaKernelImages.MODULES) {
        modules.add(load(module));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private CUmodule load(String name) {
    CUmodule module = new CUmodule();
    Optional<byte[]> cubin = CudaKernelImages.cubin(name);
    if (cubin.isPresent()) {
      try {
        cuModuleLoadData(module, cubin.get());
        loaded.add(name + ".cubin");
        return module;
      } catch (CudaException e) {
        LOG.info("event=cubin_rejected module={} device=\"{}\" error=\"{}\" fallback=ptx", name, device.name(),
            e.getMessage());
      }
    }
    byte[] ptx = CudaKernelImages.ptx(name).orElseThrow(() -> new IllegalStateException(
        "CUDA module has no usable image, module=" + name + ", device=" + device.description()));
    try {
      cuModuleLoadData(module, ptx);
    } catch (CudaException e) {
      throw new IllegalStateException("CUDA module failed to load from PTX, module=" + name + ", device="
          + device.description() + ", error=" + e.getMessage(), e);
    }
    loaded.add(name + ".ptx");
    return module;
  }

  /** Which images were loaded, e.g. {@code [drr.cubin, image.cubin]}. */
  List<String> loadedImages() {
    return List.copyOf(loaded);
  }

  void makeCurrent() {
    cuCtxSetCurrent(context);
  }

  CUfunction function(CudaKernel kernel) {
    CUfunction f = functions.get(kernel);
    if (f == null) {
      f = new CUfunction();
      try {
        cuModuleGetFunction(f, modules.get(CudaKernelImages.MODULES.indexOf(kernel.module)), kernel.entry());
      } catch (CudaException e) {
        throw new IllegalStateException("CUDA kernel missing from its module, kernel=" + kernel.entry() + ", module="
            + kernel.module + ", error=" + e.getMessage(), e);
      }
      functions.put(kernel, f);
    }
    return f;
  }

  CUdeviceptr allocate(long bytes, String what) {
    CUdeviceptr p = new CUdeviceptr();
    try {
      cuMemAlloc(p, Math.max(bytes, 4));
    } catch (CudaException e) {
      long[] free = new long[1];
      long[] total = new long[1];
      cuMemGetInfo(free, total);
      throw new IllegalStateException("CUDA allocation failed, what=" + what + ", bytes=" + bytes + ", freeBytes="
          + free[0] + ", error=" + e.getMessage(), e);
    }
    return p;
  }

  void free(CUdeviceptr p) {
    if (p != null) {
      cuMemFree(p);
    }
  }

  void upload(CUdeviceptr dst, Pointer src, long bytes) {
    cuMemcpyHtoD(dst, src, bytes);
  }

  void download(Pointer dst, CUdeviceptr src, long bytes) {
    cuMemcpyDtoH(dst, src, bytes);
  }

  /** Kernels launched so far (memsets and copies not counted). */
  long launches() {
    return launches;
  }

  /** Zeroes {@code bytes} (a multiple of 4) at {@code p}, ordered with launches. */
  void zero(CUdeviceptr p, long bytes) {
    cuMemsetD32(p, 0, bytes / 4);
  }

  /**
   * Launches {@code kernel} with {@code grid} blocks of {@code block} threads on the default stream. The arguments
   * must match {@link CudaKernel#signature}: {@link CUdeviceptr}, {@link CUtexObject}, Integer, Long, Float, Double,
   * or a {@code float[]} ray block passed by value.
   *
   * @throws IllegalArgumentException when the arguments do not match the kernel's parameter list
   */
  void launch(CudaKernel kernel, int[] grid, int[] block, Object... args) {
    String signature = kernel.signature;
    if (args.length != signature.length()) {
      throw new IllegalArgumentException("wrong argument count, kernel=" + kernel.entry() + ", expected="
          + signature.length() + ", actual=" + args.length);
    }
    Pointer[] params = new Pointer[args.length];
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      char kind = signature.charAt(i);
      if (kind == 'p' && a instanceof CUdeviceptr p) {
        params[i] = Pointer.to(p);
      } else if (kind == 't' && a instanceof CUtexObject t) {
        params[i] = Pointer.to(t);
      } else if (kind == 'i' && a instanceof Integer v) {
        params[i] = Pointer.to(new int[] {v});
      } else if (kind == 'l' && a instanceof Long v) {
        params[i] = Pointer.to(new long[] {v});
      } else if (kind == 'f' && a instanceof Float v) {
        params[i] = Pointer.to(new float[] {v});
      } else if (kind == 'd' && a instanceof Double v) {
        params[i] = Pointer.to(new double[] {v});
      } else if (kind == 'r' && a instanceof float[] v && v.length == RaySetup.FLOATS_PER_POSE) {
        params[i] = Pointer.to(v);
      } else {
        throw new IllegalArgumentException("wrong argument type, kernel=" + kernel.entry() + ", index=" + i
            + ", expected=" + kind + ", actual=" + (a == null ? "null" : a.getClass().getSimpleName()));
      }
    }
    try {
      cuLaunchKernel(function(kernel), grid[0], grid[1], grid[2], block[0], block[1], block[2], 0, null,
          Pointer.to(params), null);
      launches++;
    } catch (CudaException e) {
      throw new IllegalStateException("CUDA kernel launch failed, kernel=" + kernel.entry() + ", grid=" + grid[0]
          + "x" + grid[1] + "x" + grid[2] + ", block=" + block[0] + "x" + block[1] + "x" + block[2] + ", error="
          + e.getMessage(), e);
    }
  }

  /** Waits for the device; kernel faults surface here, named with {@code after}. */
  void synchronize(String after) {
    try {
      cuCtxSynchronize();
    } catch (CudaException e) {
      throw new IllegalStateException("CUDA error after " + after + ", error=" + e.getMessage(), e);
    }
  }

  static int blocks(long n, int per) {
    return (int) ((n + per - 1) / per);
  }

  @Override
  public void close() {
    for (CUmodule m : modules) {
      try {
        cuModuleUnload(m);
      } catch (CudaException e) {
        LOG.warn("event=module_unload_failed error=\"{}\"", e.getMessage());
      }
    }
    modules.clear();
    functions.clear();
    cuCtxDestroy(context);
  }
}
