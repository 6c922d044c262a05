package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.ConfidenceFeature;
import cathnav.core.registration.RealCtFixture;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.PoseEstimate.TrackerPhase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CPU mode with a heart region: the pose follows the heart, not the thorax, and is reported TRACKING only once a
 * background check verified it; a frame whose heart cannot be found is never TRACKING.
 */
class HeartModeTrackerTest {

  private static HeartFrames frames;
  private static final RigidTransform PATIENT =
      new PoseParameters(-3, 4, 2, -0.02, 0.03, 0.02).toTransform(RealCtFixture.HEART_CENTRE);
  private static final CArmGeometry VIEW = TrackingFixture.view(-25, 15);
  private static final long FRAME_NANOS = 66_666_667L;

  @BeforeAll
  static void open() {
    frames = new HeartFrames();
  }

  @AfterAll
  static void close() {
    frames.close();
  }

  /**
   * Confidence rises from 0.01 at similarity 0.70 to 0.99 at 0.80: these frames carry a dark offset, which the whole-CT
   * registration's logarithm bends (its similarity is lower than on {@link TrackingFixture}'s frames); what is
   * under test here is the heart stage, not the patient registration's acceptance.
   */
  static final ConfidenceCalibration CALIBRATION = new ConfidenceCalibration(
      List.of(ConfidenceFeature.SIMILARITY), new double[] {92}, -69, "test", null);

  private static MotionCompensatedTracker tracker() {
    BackgroundRegistration background = new BackgroundRegistration(
        BackendSupply.JAVA, HeartFrames.MODEL, CALIBRATION,
        TrackerSettings.DEFAULT.full(), HeartVerification.DEFAULT);
    return new MotionCompensatedTracker(background, HeartFrames.MODEL, TrackerSettings.DEFAULT);
  }

  @Test
  void followsABreathingHeartAndReportsTrackingOnlyWithinTwoMm() throws Exception {
    Vec3 shift = HeartVerification.DEFAULT.breathingDirection().times(8);
    RigidTransform heart = HeartFrames.heartPose(PATIENT, shift);
    CArmGeometry other = TrackingFixture.view(20, 15);
    FrameGeometry g = FrameGeometry.of(VIEW);
    FrameGeometry g2 = FrameGeometry.of(other);
    // breathed in (the heart 8 mm down and forward), out (where the CT saw it), in one view then in another
    float[] inhaled = frames.frame(VIEW.toProjection(), PATIENT, heart, 11);
    float[] exhaled = frames.frame(VIEW.toProjection(), PATIENT, PATIENT, 13);
    float[] exhaled2 = frames.frame(other.toProjection(), PATIENT, PATIENT, 14);
    float[] inhaled2 = frames.frame(other.toProjection(), PATIENT, heart, 15);
    Vec3 c = frames.layers.heartCentre();
    try (MotionCompensatedTracker t = tracker()) {
      long deadline = System.nanoTime() + 240_000_000_000L;
      long i = 0;
      // breathed in: the patient registers, but nothing is verified while no frame showed the heart at rest
      for (int registered = 0; registered < 10; i++) {
        deadline(deadline);
        PoseEstimate e = t.track(inhaled, g, 1_000_000_000L + i * FRAME_NANOS);
        assertNotEquals(TrackerPhase.TRACKING, e.phase(), "verified before any frame showed the heart at rest");
        assertNotEquals(TrackerPhase.LOST, e.phase());
        registered += e.registrations() > 0 ? 1 : 0;
        Thread.sleep(50);
      }
      // breathed out in the same view: registered at rest, but one view cannot confirm its own depth
      for (int n = 0; n < 60; n++, i++) {
        PoseEstimate e = t.track(exhaled, g, 1_000_000_000L + i * FRAME_NANOS);
        assertNotEquals(TrackerPhase.TRACKING, e.phase(), "verified from a single view");
        Thread.sleep(50);
      }
      // the C-arm moves 45 degrees: breathed out there until verified
      for (PoseEstimate e = null; e == null || e.phase() != TrackerPhase.TRACKING; i++) {
        deadline(deadline);
        e = t.track(exhaled2, g2, 1_000_000_000L + i * FRAME_NANOS);
        assertNotEquals(TrackerPhase.LOST, e.phase());
        Thread.sleep(50);
      }
      int tracking = 0;
      double worst = 0;
      for (int n = 0; n < 10; n++, i++) {
        PoseEstimate e = t.track(inhaled2, g2, 1_000_000_000L + i * FRAME_NANOS);
        if (e.phase() == TrackerPhase.TRACKING) {
          worst = Math.max(worst, new RigidTransform(e.pose()).apply(c).distance(heart.apply(c)));
          tracking++;
        }
      }
      double thorax = PATIENT.apply(c).distance(heart.apply(c));
      System.out.printf("heart mode: %d of 10 inhaled frames TRACKING, worst error %.2f mm (the thorax's pose is"
          + " %.2f mm off the heart)%n", tracking, worst, thorax);
      assertTrue(tracking > 0, "no inhaled frame verified");
      assertTrue(worst < 2.0, "TRACKING pose " + worst + " mm from the heart");
    }
  }

  private static void deadline(long deadline) {
    if (System.nanoTime() > deadline) {
      fail("the background did not get there within 240 s");
    }
  }

  @Test
  void neverReportsTrackingWhenTheHeartIsNotInTheFrame() throws Exception {
    // the thorax registers, but the heart's region holds only background: nothing to verify
    float[] frame = frames.frame(VIEW.toProjection(), PATIENT, null, 12);
    FrameGeometry g = FrameGeometry.of(VIEW);
    try (MotionCompensatedTracker t = tracker()) {
      long deadline = System.nanoTime() + 180_000_000_000L;
      int afterRegistration = 0;
      for (long i = 0; afterRegistration < 40; i++) {
        if (System.nanoTime() > deadline) {
          fail("background registration did not finish in 180 s");
        }
        PoseEstimate e = t.track(frame, g, 1_000_000_000L + i * FRAME_NANOS);
        assertNotEquals(TrackerPhase.TRACKING, e.phase(), "frame " + i);
        if (e.registrations() > 0) {
          afterRegistration++;
          assertEquals(TrackerPhase.UNRELIABLE, e.phase(), "no heart to match: the pose is unreliable");
        }
        Thread.sleep(50);
      }
    }
  }
}
