package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.RigidTransform;
import cathnav.core.registration.RawFrame;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.Projection;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A GPU backend is closed by the registration thread that opened it, even when close stops waiting for its job. */
class BackgroundRegistrationCloseTest {

  @Test
  void aBackendStillBusyWhenCloseStopsWaitingIsClosedOnItsThreadWhenTheJobEnds() throws Exception {
    CountDownLatch deviceCallMayReturn = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<Thread> openedOn = new AtomicReference<>();
    AtomicReference<Thread> closedOn = new AtomicReference<>();
    // the opener stands for a long device call: it ignores interrupts, as a native call does
    BackendSupply slow = new BackendSupply("opencl", () -> {
      openedOn.set(Thread.currentThread());
      awaitUninterruptibly(deviceCallMayReturn);
      return recordingClose(closedOn, closed);
    });
    BackgroundRegistration background = new BackgroundRegistration(slow, TrackingFixture.MODEL,
        TrackingFixture.CALIBRATION, TrackerSettings.DEFAULT.full());
    Projection projection = TrackingFixture.view(0, 0).toProjection();
    float[] pixels = new float[projection.width() * projection.height()];
    Arrays.fill(pixels, 1000);
    background.submit(new RawFrame(projection.width(), projection.height(), pixels), projection,
        RigidTransform.IDENTITY, HostAttenuation.intensities(pixels, projection, 64), 0);

    background.close(); // gives up waiting after CLOSE_WAIT_S: the job is still inside the device call
    deviceCallMayReturn.countDown();

    assertTrue(closed.await(30, TimeUnit.SECONDS), "the backend was never closed");
    assertSame(openedOn.get(), closedOn.get(), "closed on another thread than the one that opened and used it");
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A backend called {@code opencl} whose every call but {@code name} and {@code close} fails. */
  private static ComputeBackend recordingClose(AtomicReference<Thread> closedOn, CountDownLatch closed) {
    return (ComputeBackend) Proxy.newProxyInstance(ComputeBackend.class.getClassLoader(),
        new Class<?>[] {ComputeBackend.class}, (proxy, method, args) -> switch (method.getName()) {
          case "name" -> "opencl";
          case "close" -> {
            closedOn.set(Thread.currentThread());
            closed.countDown();
            yield null;
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
