package cathnav.gpu.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The CUDA kernels compiled at build time by nvcc ({@code gpu-kernels/src/main/cuda/build-kernels.sh}), packaged as
 * resources {@code cathnav/gpu/cuda/<module>.cubin} (sm_90) and {@code <module>.ptx} (compute_90) with
 * {@code kernels.properties} naming the nvcc that built them. Stateless; thread-safe.
 */
final class CudaKernelImages {

  /** The kernel modules, one per {@code .cu} file. */
  static final List<String> MODULES = List.of("drr", "image");

  private static final String ROOT = "/cathnav/gpu/cuda/";

  private CudaKernelImages() {}

  /** Why the kernels cannot be used, or empty when every module has a cubin or a PTX image. */
  static Optional<String> missing() {
    for (String module : MODULES) {
      if (CudaKernelImages.class.getResource(ROOT + module + ".cubin") == null
          && CudaKernelImages.class.getResource(ROOT + module + ".ptx") == null) {
        return Optional.of("CUDA kernels not packaged (no " + ROOT.substring(1) + module + ".cubin or .ptx): this "
            + "build ran without nvcc; build where /usr/local/cuda/bin/nvcc exists or pass -Dcathnav.nvcc=PATH");
      }
    }
    return Optional.empty();
  }

  /** The cubin of {@code module}, or empty when only PTX was packaged. */
  static Optional<byte[]> cubin(String module) {
    return read(module + ".cubin", false);
  }

  /** The PTX of {@code module}, NUL-terminated as {@code cuModuleLoadData} expects of text images. */
  static Optional<byte[]> ptx(String module) {
    return read(module + ".ptx", true);
  }

  /** What built the kernels, e.g. {@code nvcc 13.0, sm_90 + compute_90}. */
  static String buildInfo() {
    Properties p = new Properties();
    try (InputStream in = CudaKernelImages.class.getResourceAsStream(ROOT + "kernels.properties")) {
      if (in == null) {
        return "build info missing";
      }
      p.load(in);
    } catch (IOException e) {
      return "build info unreadable: " + e.getMessage();
    }
    return "nvcc " + p.getProperty("nvccVersion", "?") + ", " + p.getProperty("cubinArch", "?") + " + "
        + p.getProperty("ptxArch", "?");
  }

  private static Optional<byte[]> read(String name, boolean terminate) {
    try (InputStream in = CudaKernelImages.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      return Optional.of(terminate ? Arrays.copyOf(bytes, bytes.length + 1) : bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CUDA kernel resource, resource=" + ROOT + name, e);
    }
  }
}
