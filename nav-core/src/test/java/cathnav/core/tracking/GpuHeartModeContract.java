package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.service.FrameTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GPU mode with a heart region, for one GPU backend ({@link #backend()}): {@link RegistrationTrackerFactory} opens the
 * heart-mode tracker whose background runs on that backend, and it follows the breathing heart to TRACKING within
 * 2 mm ({@link HeartBreathingScenario}). Without a heart region the GPU keeps the per-frame {@link IntensityTracker}.
 * A subclass names the backend; the test fails (does not skip) when that backend cannot be opened here.
 */
abstract class GpuHeartModeContract {

  /** Largest accepted distance between a TRACKING pose's heart centre and the true one, mm. */
  static final double TOLERANCE_MM = 2.0;

  private static HeartFrames frames;

  /** The GPU backend under test, as {@code --backend} names it. */
  abstract String backend();

  @BeforeAll
  static void renderFrames() {
    frames = new HeartFrames();
  }

  @AfterAll
  static void closeFrames() {
    frames.close();
  }

  @Test
  void aHeartRegionOpensTheHeartModeTrackerOnTheGpu() {
    try (FrameTracker t = HeartBreathingScenario.FACTORY.open(
        HeartBreathingScenario.procedureModel(HeartFrames.MODEL), backend())) {
      assertInstanceOf(MotionCompensatedTracker.class, t);
      assertEquals(backend(), t.backendName());
    }
  }

  @Test
  void withoutAHeartRegionTheGpuKeepsTheIntensityTracker() {
    try (FrameTracker t = HeartBreathingScenario.FACTORY.open(
        HeartBreathingScenario.procedureModel(TrackingFixture.MODEL), backend())) {
      assertInstanceOf(IntensityTracker.class, t);
      assertEquals(backend(), t.backendName());
    }
  }

  @Test
  void followsTheBreathingHeartToTrackingWithinTolerance() throws Exception {
    try (FrameTracker t = HeartBreathingScenario.FACTORY.open(
        HeartBreathingScenario.procedureModel(HeartFrames.MODEL), backend())) {
      HeartBreathingScenario.Result r = HeartBreathingScenario.run(t, frames, 240);
      System.out.printf("heart mode on %s: %d of %d inhaled frames TRACKING, worst error %.2f mm (the thorax's pose"
          + " is %.2f mm off the heart)%n", backend(), r.tracking(), r.frames(), r.worstErrorMm(), r.thoraxErrorMm());
      assertTrue(r.tracking() > 0, "no inhaled frame verified on " + backend());
      assertTrue(r.worstErrorMm() < TOLERANCE_MM,
          "TRACKING pose " + r.worstErrorMm() + " mm from the heart on " + backend());
    }
  }
}
