package cathnav.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.cpu.JavaBackendProvider;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Backend discovery and selection: priorities, probing, fallback policies, and what callers get to see. */
class ComputeBackendsTest {

  /** A provider whose probe and open are scripted. */
  private static final class FakeProvider implements ComputeBackendProvider {
    final String name;
    final int priority;
    final Supplier<Probe> probe;
    final Supplier<ComputeBackend> open;
    int opened;

    FakeProvider(String name, int priority, Supplier<Probe> probe, Supplier<ComputeBackend> open) {
      this.name = name;
      this.priority = priority;
      this.probe = probe;
      this.open = open;
    }

    static FakeProvider available(String name, int priority) {
      return new FakeProvider(name, priority, () -> Probe.available("fake " + name), () -> new NamedBackend(name));
    }

    static FakeProvider unavailable(String name, int priority, String reason) {
      return new FakeProvider(name, priority, () -> Probe.unavailable(reason), () -> {
        throw new AssertionError("opened an unavailable backend");
      });
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public Probe probe() {
      return probe.get();
    }

    @Override
    public ComputeBackend open() {
      opened++;
      return open.get();
    }
  }

  /** Only its name matters to selection. */
  private static final class NamedBackend implements ComputeBackend {
    private final String name;

    NamedBackend(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String deviceDescription() {
      return "fake device " + name;
    }

    @Override
    public DeviceVolume uploadVolume(VolumeGrid grid, Attenuation attenuation) {
      throw new UnsupportedOperationException();
    }

    @Override
    public DeviceImage createImage(int width, int height) {
      throw new UnsupportedOperationException();
    }

    @Override
    public DeviceImage uploadImage(int width, int height, float[] pixels) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void download(DeviceImage image, float[] destination) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void render(DeviceVolume v, Projection p, double[] pose, RenderOptions o, DeviceImage out) {
      throw new UnsupportedOperationException();
    }

    @Override
    public PreparedTarget prepareTarget(DeviceImage target, SimilarityMetric metric, DeviceImage mask) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void scorePoses(
        DeviceVolume v, Projection p, PreparedTarget t, double[] poses, int count, RenderOptions o, float[] scores) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void logTransform(DeviceImage in, DeviceImage out, float floor, float offset, float scale, boolean negate) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void downsample2x(DeviceImage in, DeviceImage out) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void sobel(DeviceImage in, DeviceImage gx, DeviceImage gy) {
      throw new UnsupportedOperationException();
    }

    @Override
    public double[] sumAndSumOfSquares(DeviceImage image) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  @Test
  void autoTakesHighestPriorityProviderThatProbes() {
    List<ComputeBackendProvider> providers =
        List.of(
            FakeProvider.available("java", 100),
            FakeProvider.unavailable("cuda", 300, "no driver"),
            FakeProvider.available("opencl", 200));
    BackendSelection selection = ComputeBackends.select("auto", FallbackPolicy.FAIL, providers);
    assertEquals("opencl", selection.backend().name());
    assertEquals("auto", selection.requested());
    assertFalse(selection.fellBack());
  }

  @Test
  void namedAvailableBackendIsTakenEvenWhenBetterOnesExist() {
    List<ComputeBackendProvider> providers =
        List.of(FakeProvider.available("java", 100), FakeProvider.available("cuda", 300));
    BackendSelection selection = ComputeBackends.select("JAVA", FallbackPolicy.FAIL, providers);
    assertEquals("java", selection.backend().name());
    assertFalse(selection.fellBack());
  }

  @Test
  void failPolicyThrowsWithTheProbeReason() {
    List<ComputeBackendProvider> providers =
        List.of(FakeProvider.available("java", 100), FakeProvider.unavailable("cuda", 300, "libcuda.so.1 missing"));
    BackendUnavailableException e =
        assertThrows(
            BackendUnavailableException.class, () -> ComputeBackends.select("cuda", FallbackPolicy.FAIL, providers));
    assertEquals("cuda", e.requested());
    assertTrue(e.getMessage().contains("libcuda.so.1 missing"), e.getMessage());
  }

  @Test
  void warnPolicyFallsBackToBestOtherBackendAndSaysWhy() {
    List<ComputeBackendProvider> providers =
        List.of(
            FakeProvider.available("java", 100),
            FakeProvider.available("opencl", 200),
            FakeProvider.unavailable("cuda", 300, "no device"));
    BackendSelection selection = ComputeBackends.select("cuda", FallbackPolicy.WARN, providers);
    assertEquals("opencl", selection.backend().name());
    assertEquals("cuda", selection.requested());
    assertTrue(selection.fellBack());
    assertTrue(selection.fallbackReason().orElseThrow().contains("no device"), selection.describe());
  }

  @Test
  void acceptPolicyFallsBackWhenNoProviderIsInstalledForTheName() {
    List<ComputeBackendProvider> providers = List.of(FakeProvider.available("java", 100));
    BackendSelection selection = ComputeBackends.select("opencl", FallbackPolicy.ACCEPT, providers);
    assertEquals("java", selection.backend().name());
    assertTrue(selection.fallbackReason().orElseThrow().contains("no provider installed"), selection.describe());
  }

  @Test
  void probeThrowingLinkageErrorCountsAsUnavailable() {
    FakeProvider broken =
        new FakeProvider(
            "cuda",
            300,
            () -> {
              throw new UnsatisfiedLinkError("no JCudaDriver in java.library.path");
            },
            () -> {
              throw new AssertionError("opened a backend whose probe failed");
            });
    List<ComputeBackendProvider> providers = List.of(broken, FakeProvider.available("java", 100));
    BackendSelection selection = ComputeBackends.select("auto", FallbackPolicy.FAIL, providers);
    assertEquals("java", selection.backend().name());
    assertEquals(0, broken.opened);
    ProviderStatus status = ComputeBackends.probeAll(providers).get(0);
    assertFalse(status.available());
    assertTrue(status.probe().description().contains("UnsatisfiedLinkError"), status.toString());
  }

  @Test
  void backendFailingToOpenIsSkippedByAuto() {
    FakeProvider failing =
        new FakeProvider("opencl", 200, () -> ComputeBackendProvider.Probe.available("pocl"), () -> {
          throw new IllegalStateException("CL_OUT_OF_RESOURCES");
        });
    List<ComputeBackendProvider> providers = List.of(failing, FakeProvider.available("java", 100));
    BackendSelection selection = ComputeBackends.select("auto", FallbackPolicy.FAIL, providers);
    assertEquals("java", selection.backend().name());
    assertEquals(1, failing.opened);
  }

  @Test
  void noAvailableBackendThrowsListingEveryProbe() {
    List<ComputeBackendProvider> providers =
        List.of(FakeProvider.unavailable("cuda", 300, "no driver"), FakeProvider.unavailable("opencl", 200, "no platform"));
    BackendUnavailableException e =
        assertThrows(BackendUnavailableException.class, () -> ComputeBackends.select("auto", FallbackPolicy.WARN, providers));
    assertTrue(e.getMessage().contains("no driver") && e.getMessage().contains("no platform"), e.getMessage());
  }

  @Test
  void unknownBackendNameIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ComputeBackends.select("vulkan", FallbackPolicy.ACCEPT, List.of(FakeProvider.available("java", 100))));
    assertTrue(e.getMessage().contains("vulkan"), e.getMessage());
  }

  @Test
  void probeAllListsProvidersBestFirst() {
    List<ProviderStatus> statuses =
        ComputeBackends.probeAll(
            List.of(FakeProvider.available("java", 100), FakeProvider.unavailable("cuda", 300, "no driver")));
    assertEquals(List.of("cuda", "java"), statuses.stream().map(ProviderStatus::name).toList());
    assertEquals("cuda (priority 300): unavailable, no driver", statuses.get(0).toString());
  }

  @Test
  void javaProviderIsInstalledThroughServiceLoaderAndAlwaysProbes() {
    ComputeBackendProvider java =
        ComputeBackends.installed().stream().filter(p -> p.name().equals("java")).findFirst().orElseThrow();
    assertSame(JavaBackendProvider.class, java.getClass());
    assertEquals(100, java.priority());
    assertTrue(java.probe().available());
    try (ComputeBackend backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend()) {
      assertEquals("java", backend.name());
    }
  }
}
