package cathnav.gpu.cuda;

import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackendProvider;
import java.util.Optional;
import jcuda.CudaException;

/**
 * Provides the {@code cuda} backend (priority 300) on the device chosen by system property
 * {@code cathnav.cuda.device} (ordinal, default 0), storing volumes per {@link CudaVolumeMode}
 * ({@code cathnav.cuda.volume}) and rendering DRRs in blocks of {@code cathnav.cuda.block} threads (default
 * {@code 16x16}).
 *
 * <p>Absent, with the reason, when the build packaged no kernels (no nvcc), when JCuda's native library or the driver
 * ({@code libcuda.so.1}) cannot be loaded, or when the driver sees no device.
 */
public final class CudaBackendProvider implements ComputeBackendProvider {

  /** System property: DRR thread block, {@code <u>x<v>}. */
  public static final String BLOCK_PROPERTY = "cathnav.cuda.block";

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public int priority() {
    return 300;
  }

  @Override
  public Probe probe() {
    Optional<String> missing = CudaKernelImages.missing();
    if (missing.isPresent()) {
      return Probe.unavailable(missing.get());
    }
    try {
      CudaDevice device = CudaDevice.find();
      if (device.major() < 6) {
        return Probe.unavailable("CUDA device too old for float64 atomics, device=" + device.description()
            + ", needs sm_60 or newer");
      }
      return Probe.available(device.description());
    } catch (LinkageError e) {
      return Probe.unavailable("JCuda's native library or the CUDA driver (libcuda.so.1) cannot be loaded: "
          + brief(e));
    } catch (CudaException e) {
      return Probe.unavailable("CUDA driver reports no usable device: " + e.getMessage());
    } catch (RuntimeException e) {
      return Probe.unavailable("CUDA probe failed: " + e);
    }
  }

  @Override
  public ComputeBackend open() {
    return openBackend(CudaVolumeMode.fromSystemProperties());
  }

  /**
   * Opens the backend with an explicit volume mode.
   *
   * @throws IllegalStateException when the backend is unavailable (the probe's reason) or a module fails to load
   */
  public CudaBackend openBackend(CudaVolumeMode mode) {
    Probe probe = probe();
    if (!probe.available()) {
      throw new IllegalStateException("CUDA backend unavailable: " + probe.description());
    }
    return new CudaBackend(CudaDevice.find(), mode, block());
  }

  /**
   * The telling part of a JCuda load failure, whose message spans a page: the line naming the missing shared object
   * (e.g. {@code libcuda.so.1: cannot open shared object file}) and the first line.
   */
  static String brief(Throwable e) {
    String message = String.valueOf(e.getMessage());
    String first = message.lines().findFirst().orElse("").trim();
    String missing = message.lines()
        .filter(l -> l.contains("cannot open shared object file"))
        .map(l -> l.substring(l.lastIndexOf(".so: ") >= 0 ? l.lastIndexOf(".so: ") + 5 : 0).trim())
        .reduce((a, b) -> b)
        .orElse("");
    return e.getClass().getSimpleName() + ": " + first + (missing.isEmpty() ? "" : " (" + missing + ")");
  }

  static int[] block() {
    String value = System.getProperty(BLOCK_PROPERTY, "16x16").trim();
    String[] parts = value.split("x");
    try {
      int u = Integer.parseInt(parts[0]);
      int v = Integer.parseInt(parts[1]);
      if (parts.length == 2 && u > 0 && v > 0 && u * v <= 1024 && (u * v) % 32 == 0) {
        return new int[] {u, v};
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // reported below
    }
    throw new IllegalArgumentException("invalid DRR thread block, " + BLOCK_PROPERTY + "=" + value
        + ", expected <u>x<v> with u*v a multiple of 32 up to 1024, e.g. 16x16");
  }
}
