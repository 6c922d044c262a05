package cathnav.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import cathnav.gpu.ComputeBackendProvider;
import cathnav.gpu.ComputeBackendProvider.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The cuda provider on a machine without a GPU (here and in CI): present in ServiceLoader, absent with a reason. */
class CudaBackendProviderTest {

  @Test
  void isRegisteredWithServiceLoaderAtPriority300() {
    ComputeBackendProvider provider = ServiceLoader.load(ComputeBackendProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("cuda"))
        .findFirst()
        .orElseThrow();
    assertEquals(300, provider.priority());
  }

  @Test
  void withoutAGpuTheProbeIsUnavailableAndSaysWhatIsMissing() {
    assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "an NVIDIA driver is present");
    Probe probe = new CudaBackendProvider().probe();
    assertFalse(probe.available(), probe.description());
    String reason = probe.description();
    if (CudaKernelImages.missing().isPresent()) {
      assertTrue(reason.contains("nvcc"), reason);
    } else {
      assertTrue(reason.contains("libcuda.so.1") || reason.contains("no usable device"), reason);
    }
  }

  @Test
  void loadFailureIsCondensedToTheMissingLibrary() {
    UnsatisfiedLinkError e = new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver\"\n"
        + "Stack trace from the attempt to load the library as a resource:\n"
        + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver.so: libcuda.so.1: cannot open shared object file: "
        + "No such file or directory\n---(end of nested stack traces)---");
    assertEquals("UnsatisfiedLinkError: Error while loading native library \"JCudaDriver\" (libcuda.so.1: cannot "
        + "open shared object file: No such file or directory)", CudaBackendProvider.brief(e));
  }

  @Test
  void openWithoutAGpuFailsWithTheProbeReason() {
    assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "an NVIDIA driver is present");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new CudaBackendProvider().openBackend(CudaVolumeMode.EXACT));
    assertTrue(e.getMessage().startsWith("CUDA backend unavailable: "), e.getMessage());
  }

  @Test
  void volumeModeParsesItsPropertyValues() {
    assertEquals(CudaVolumeMode.TEXTURE_FLOAT, CudaVolumeMode.parse("texture"));
    assertEquals(CudaVolumeMode.TEXTURE_UINT16, CudaVolumeMode.parse(" Texture16 "));
    assertEquals(CudaVolumeMode.EXACT, CudaVolumeMode.parse("exact"));
  }

  @Test
  void unknownVolumeModeNamesThePropertyAndTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CudaVolumeMode.parse("fast"));
    assertTrue(e.getMessage().contains("cathnav.cuda.volume=fast"), e.getMessage());
    assertTrue(e.getMessage().contains("texture16"), e.getMessage());
  }

  @Test
  void drrBlockMustBeWholeWarps() {
    String before = System.getProperty(CudaBackendProvider.BLOCK_PROPERTY);
    try {
      System.setProperty(CudaBackendProvider.BLOCK_PROPERTY, "8x8");
      assertArrayEquals(new int[] {8, 8}, CudaBackendProvider.block());
      System.setProperty(CudaBackendProvider.BLOCK_PROPERTY, "5x5");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, CudaBackendProvider::block);
      assertTrue(e.getMessage().contains("cathnav.cuda.block=5x5"), e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(CudaBackendProvider.BLOCK_PROPERTY);
      } else {
        System.setProperty(CudaBackendProvider.BLOCK_PROPERTY, before);
      }
    }
  }

  private static void assertArrayEquals(int[] expected, int[] actual) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
  }
}
