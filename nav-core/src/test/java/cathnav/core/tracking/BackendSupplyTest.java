package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cathnav.core.geometry.FrameGeometry;
import cathnav.core.service.PoseEstimate.TrackerPhase;
import cathnav.gpu.BackendUnavailableException;
import cathnav.gpu.ComputeBackend;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The background's backend supply: it opens the backend it names, and a GPU backend that cannot be opened on the
 * registration thread surfaces from {@code track} while the tracker still reports the GPU's name, which is what makes
 * the pipeline fall back to java.
 */
class BackendSupplyTest {

  @Test
  void anOpenerThatReturnsAnotherBackendIsRefusedAndItsBackendClosed() {
    AtomicBoolean closed = new AtomicBoolean();
    BackendSupply supply = new BackendSupply("opencl", () -> namedJava(closed));
    IllegalStateException e = assertThrows(IllegalStateException.class, supply::open);
    assertTrue(e.getMessage().contains("expected=opencl") && e.getMessage().contains("got=java"), e.getMessage());
    assertTrue(closed.get(), "the wrong backend was left open");
  }

  @Test
  void aGpuBackendThatFailsToOpenInTheBackgroundSurfacesFromTrackUnderTheGpuName() throws Exception {
    BackendSupply failing = new BackendSupply("opencl", () -> {
      throw new BackendUnavailableException("opencl", "requested compute backend unavailable, requested=opencl,"
          + " reason=CL_DEVICE_NOT_AVAILABLE");
    });
    BackgroundRegistration background = new BackgroundRegistration(failing, HeartFrames.MODEL,
        HeartBreathingScenario.CALIBRATION, TrackerSettings.DEFAULT.full(), HeartVerification.DEFAULT);
    FrameGeometry g = FrameGeometry.of(HeartBreathingScenario.VIEW);
    float[] frame = new float[g.width() * g.height()];
    Arrays.fill(frame, 1000);
    try (MotionCompensatedTracker t =
        new MotionCompensatedTracker(background, HeartFrames.MODEL, TrackerSettings.DEFAULT)) {
      assertEquals("opencl", t.backendName());
      long deadline = System.nanoTime() + 30_000_000_000L;
      for (long i = 0; System.nanoTime() < deadline; i++) {
        try {
          assertEquals(TrackerPhase.REGISTERING, t.track(frame, g, 1_000_000_000L + i).phase());
        } catch (IllegalStateException e) {
          assertTrue(String.valueOf(e.getCause()).contains("CL_DEVICE_NOT_AVAILABLE"), e.toString());
          assertEquals("opencl", t.backendName(), "the pipeline falls back only from a non-java tracker");
          return;
        }
        Thread.sleep(20);
      }
      fail("the failed backend never surfaced from track within 30 s");
    }
  }

  /** A backend called {@code java} that only records being closed (nothing else is called on it). */
  private static ComputeBackend namedJava(AtomicBoolean closed) {
    return (ComputeBackend) Proxy.newProxyInstance(ComputeBackend.class.getClassLoader(),
        new Class<?>[] {ComputeBackend.class}, (proxy, method, args) -> switch (method.getName()) {
          case "name" -> "java";
          case "close" -> {
            closed.set(true);
            yield null;
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
