package cathnav.core.tracking;

import static cathnav.core.testing.Waits.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.FrameGeometry;
import cathnav.core.service.PoseEstimate.TrackerPhase;
import cathnav.gpu.BackendUnavailableException;
import cathnav.gpu.ComputeBackend;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The background's backend supply: it opens the backend it names, trying a failed open once more, and a GPU backend
 * that cannot be opened on the registration thread surfaces from {@code track} while the tracker still reports the
 * GPU's name, which is what makes the pipeline fall back to java.
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
  void anOpenerThatFailsOnceIsTriedAgainAndItsSecondBackendReturned() {
    AtomicInteger calls = new AtomicInteger();
    ComputeBackend second = namedOpencl();
    BackendSupply flaky = new BackendSupply("opencl", () -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("OpenCL program build failed, program=image.cl (kernel cache race)");
      }
      return second;
    });
    assertSame(second, flaky.open());
    assertEquals(2, calls.get());
  }

  @Test
  void anOpenerThatFailsTwiceThrowsTheSecondFailureWithTheFirstSuppressed() {
    AtomicInteger calls = new AtomicInteger();
    BackendSupply broken = new BackendSupply("cuda", () -> {
      throw new IllegalStateException("CUDA_ERROR_NO_DEVICE, attempt=" + calls.incrementAndGet());
    });
    IllegalStateException e = assertThrows(IllegalStateException.class, broken::open);
    assertTrue(e.getMessage().endsWith("attempt=2"), e.getMessage());
    assertEquals(1, e.getSuppressed().length);
    assertTrue(e.getSuppressed()[0].getMessage().endsWith("attempt=1"), e.getSuppressed()[0].getMessage());
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
      AtomicLong frames = new AtomicLong();
      AtomicReference<IllegalStateException> surfaced = new AtomicReference<>();
      until("the failed backend to surface from track", () -> {
        try {
          assertEquals(TrackerPhase.REGISTERING, t.track(frame, g, 1_000_000_000L + frames.getAndIncrement()).phase());
          LockSupport.parkNanos(20_000_000L); // a frame every 20 ms or so, as before
          return false;
        } catch (IllegalStateException e) {
          surfaced.set(e);
          return true;
        }
      });
      assertTrue(String.valueOf(surfaced.get().getCause()).contains("CL_DEVICE_NOT_AVAILABLE"),
          surfaced.get().toString());
      assertEquals("opencl", t.backendName(), "the pipeline falls back only from a non-java tracker");
    }
  }

  /** A backend called {@code opencl} on which nothing is called. */
  private static ComputeBackend namedOpencl() {
    return (ComputeBackend) Proxy.newProxyInstance(ComputeBackend.class.getClassLoader(),
        new Class<?>[] {ComputeBackend.class}, (proxy, method, args) -> switch (method.getName()) {
          case "name" -> "opencl";
          default -> throw new UnsupportedOperationException(method.getName());
        });
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
