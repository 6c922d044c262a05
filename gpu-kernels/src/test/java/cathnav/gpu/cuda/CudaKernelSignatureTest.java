package cathnav.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cathnav.gpu.device.RaySetup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged CUDA kernels against the Java side, without a GPU: every {@link CudaKernel} exists in its module's
 * PTX with the parameter list Java passes, and the cubin is an ELF image. Runs where the build had nvcc.
 */
class CudaKernelSignatureTest {

  private static void assumePackaged() {
    assumeTrue(CudaKernelImages.missing().isEmpty(),
        "CUDA kernels not packaged (build without nvcc): " + CudaKernelImages.missing().orElse(""));
  }

  @ParameterizedTest
  @EnumSource(CudaKernel.class)
  void entryPointInPtxHasTheParameterListJavaPasses(CudaKernel kernel) {
    assumePackaged();
    String ptx = new String(CudaKernelImages.ptx(kernel.module).orElseThrow(), StandardCharsets.US_ASCII);
    Matcher entry = Pattern.compile("\\.entry\\s+" + kernel.entry() + "\\s*\\(([^)]*)\\)").matcher(ptx);
    assertTrue(entry.find(), "entry point missing from " + kernel.module + ".ptx, kernel=" + kernel.entry());
    List<String> kinds = new ArrayList<>();
    Matcher param = Pattern.compile("\\.param\\s+\\.(\\w+)(?:\\s+\\d+\\s+\\.b8\\s+\\w+\\[(\\d+)\\])?")
        .matcher(entry.group(1));
    while (param.find()) {
      kinds.add(param.group(2) == null ? param.group(1) : param.group(1) + "[" + param.group(2) + "]");
    }
    List<String> expected = new ArrayList<>();
    for (char c : kernel.signature.toCharArray()) {
      expected.add(switch (c) {
        case 'p', 't', 'l' -> "u64";
        case 'i' -> "u32";
        case 'f' -> "f32";
        case 'd' -> "f64";
        case 'r' -> "align[" + 4 * RaySetup.FLOATS_PER_POSE + "]"; // .param .align 4 .b8 name[128], by value
        default -> throw new IllegalStateException("unknown signature letter " + c);
      });
    }
    assertEquals(expected, kinds, "kernel=" + kernel.entry() + ", signature=" + kernel.signature);
  }

  @Test
  void cubinsAreElfImagesForSm90() {
    assumePackaged();
    for (String module : CudaKernelImages.MODULES) {
      byte[] cubin = CudaKernelImages.cubin(module).orElseThrow();
      byte[] magic = {cubin[0], cubin[1], cubin[2], cubin[3]};
      assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, magic, module + ".cubin");
      String ptx = new String(CudaKernelImages.ptx(module).orElseThrow(), StandardCharsets.US_ASCII);
      assertTrue(ptx.contains(".target sm_90"), module + ".ptx must target compute_90");
      assertEquals(0, ptx.charAt(ptx.length() - 1), "PTX handed to cuModuleLoadData must be NUL-terminated");
    }
  }
}
