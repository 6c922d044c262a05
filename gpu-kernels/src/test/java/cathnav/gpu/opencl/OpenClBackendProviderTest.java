package cathnav.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.ComputeBackendProvider;
import cathnav.gpu.ComputeBackendProvider.Probe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device choice and probing of the opencl backend. Here and in CI the only OpenCL platform is PoCL's CPU device
 * (package pocl-opencl-icd); the tests that rely on that say so.
 */
class OpenClBackendProviderTest {

  private static final String POCL = "Portable Computing Language";

  @Test
  void isRegisteredWithServiceLoaderAtPriority200() {
    ComputeBackendProvider provider = ServiceLoader.load(ComputeBackendProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("opencl"))
        .findFirst()
        .orElseThrow();
    assertEquals(200, provider.priority());
  }

  @Test
  void defaultChoiceIsTheGpuWhenThereIsOneElseTheCpu() {
    Probe gpu = new OpenClBackendProvider(new OpenClDeviceSpec("", "gpu")).probe();
    Probe chosen = new OpenClBackendProvider(OpenClDeviceSpec.ANY).probe();
    assertTrue(chosen.available(), chosen.description());
    if (gpu.available()) {
      assertEquals(gpu.description(), chosen.description());
    } else {
      assertTrue(chosen.description().contains("(CPU,"), chosen.description());
    }
  }

  @Test
  void poclCpuDeviceIsFoundHere() {
    Probe probe = new OpenClBackendProvider(new OpenClDeviceSpec("portable", "cpu")).probe();
    assertTrue(probe.available(), "PoCL (package pocl-opencl-icd) must be installed: " + probe.description());
    assertTrue(probe.description().startsWith(POCL), probe.description());
  }

  @Test
  void probeNamesTheSpecAndThePlatformsWhenNoPlatformMatches() {
    Probe probe = new OpenClBackendProvider(new OpenClDeviceSpec("no-such-vendor", "")).probe();
    assertFalse(probe.available());
    assertTrue(probe.description().contains("cathnav.opencl.platform=no-such-vendor"), probe.description());
    assertTrue(probe.description().contains(POCL), probe.description());
  }

  @Test
  void probeListsTheDevicesWhenTheDeviceIndexIsOutOfRange() {
    Probe probe = new OpenClBackendProvider(new OpenClDeviceSpec("", "99")).probe();
    assertFalse(probe.available());
    assertTrue(probe.description().contains("index=99"), probe.description());
    assertTrue(probe.description().contains("devices=["), probe.description());
  }

  @Test
  void openFailsWithTheProbeReasonWhenNoDeviceMatches() {
    OpenClBackendProvider provider = new OpenClBackendProvider(new OpenClDeviceSpec("no-such-vendor", ""));
    IllegalStateException e = assertThrows(IllegalStateException.class, provider::open);
    assertTrue(e.getMessage().contains("no-such-vendor"), e.getMessage());
  }

  @Test
  void probeIsUnavailableWithReasonWhenTheIcdLoaderFindsNoPlatform(@TempDir Path emptyVendors) throws Exception {
    // ocl-icd reads the vendor list from OCL_ICD_VENDORS instead of /etc/OpenCL/vendors: an empty directory is a
    // machine without any OpenCL driver. The loader reads it once per process, hence the child JVM.
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, OpenClProbeMain.class.getName());
    pb.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
    pb.redirectErrorStream(true);
    Process process = pb.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe child JVM did not finish");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), text);
    List<String> lines = text.lines().filter(l -> l.startsWith("available=")).toList();
    assertEquals(1, lines.size(), text);
    assertTrue(lines.get(0).startsWith("available=false description=no OpenCL platform"), text);
  }

  @Test
  void sourceFilesOfTheKernelsArePackaged() {
    for (String name : List.of("drr.cl", "reduce.cl", "image.cl")) {
      assertTrue(OpenClProgram.resource(name).contains("__kernel"), name);
    }
  }
}
