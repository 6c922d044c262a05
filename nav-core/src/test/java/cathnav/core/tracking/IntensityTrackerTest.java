package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.registration.RealCtFixture;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.PoseEstimate.TrackerPhase;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import cathnav.core.registration.LevelSchedule;
import cathnav.core.registration.RegistrationOptions;
import cathnav.gpu.SimilarityMetric;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-frame intensity tracker, run on the java backend with small frames of the real CT. */
class IntensityTrackerTest {

  private static TrackingFixture fixture;
  private static final RigidTransform TRUTH =
      new PoseParameters(4, -3, 2, 0.03, -0.02, 0.04).toTransform(RealCtFixture.HEART_CENTRE);

  @BeforeAll
  static void open() {
    fixture = new TrackingFixture();
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  /**
   * For the failure tests: the phases do not depend on how long a registration searches, so a short one (two
   * coarse CMA-ES generations) keeps them fast.
   */
  private static final TrackerSettings SHORT_SEARCH = new TrackerSettings(0.5, 2, 0.6,
      new RegistrationOptions(128, 3, List.of(new LevelSchedule(2, SimilarityMetric.NCC, 6, 2, 6, 20, 5, 5, 3, 0)), 1),
      RegistrationOptions.TRACKING);

  private static IntensityTracker tracker() {
    return tracker(TrackerSettings.DEFAULT);
  }

  private static IntensityTracker tracker(TrackerSettings settings) {
    return new IntensityTracker(ComputeBackends.select("java", FallbackPolicy.FAIL).backend(), TrackingFixture.MODEL,
        settings, TrackingFixture.CALIBRATION);
  }

  @Test
  void registersTheFirstFrameThenFollowsTheHeartFrameToFrame() {
    CArmGeometry view = TrackingFixture.view(20, 10);
    try (IntensityTracker t = tracker()) {
      PoseEstimate first = t.track(fixture.frame(view, TRUTH, 1), TrackingFixture.geometry(view), 1_000);
      assertEquals(TrackerPhase.UNVERIFIED, first.phase(), "a whole-CT registration never claims TRACKING");
      assertEquals(1, first.registrations());
      assertTrue(TrackingFixture.projectedCentreErrorMm(view, new RigidTransform(first.pose()), TRUTH) < 0.5);
      // the heart moves 2 mm to the patient's left and 1.5 mm up before the next frame
      RigidTransform moved = new PoseParameters(-2, 0, 1.5, 0, 0, 0).toTransform(RealCtFixture.HEART_CENTRE)
          .compose(TRUTH);
      PoseEstimate next = t.track(fixture.frame(view, moved, 2), TrackingFixture.geometry(view), 34_000_000);
      assertEquals(TrackerPhase.UNVERIFIED, next.phase());
      assertEquals(1, next.registrations(), "a tracking update is not a full registration");
      assertEquals(0, next.poseAgeNanos());
      double err = TrackingFixture.projectedCentreErrorMm(view, new RigidTransform(next.pose()), moved);
      assertTrue(err < 0.5, "projected centre error=" + err + " mm");
    }
  }

  @Test
  void aCArmMoveTriggersAFullRegistration() {
    CArmGeometry lao = TrackingFixture.view(20, 10);
    CArmGeometry rao = TrackingFixture.view(-30, 0);
    try (IntensityTracker t = tracker()) {
      t.track(fixture.frame(lao, TRUTH, 3), TrackingFixture.geometry(lao), 1_000);
      PoseEstimate after = t.track(fixture.frame(rao, TRUTH, 4), TrackingFixture.geometry(rao), 2_000);
      assertEquals(2, after.registrations());
      assertEquals(TrackerPhase.UNVERIFIED, after.phase());
    }
  }

  @Test
  void aFrameWithoutThePatientIsNeverReportedAsTracking() {
    CArmGeometry view = TrackingFixture.view(0, 0);
    float[] flat = new float[128 * 128];
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (int i = 0; i < flat.length; i++) {
      flat[i] = 4000 + (float) r.nextDouble(-60, 60);
    }
    try (IntensityTracker t = tracker(SHORT_SEARCH)) {
      PoseEstimate e = t.track(flat, TrackingFixture.geometry(view), 1_000);
      assertTrue(e.phase() == TrackerPhase.UNRELIABLE || e.phase() == TrackerPhase.LOST, "phase=" + e.phase());
      assertTrue(e.confidence() < TrackerSettings.DEFAULT.confidenceThreshold(), "confidence=" + e.confidence());
      assertEquals(0, e.registrations());
    }
  }

  @Test
  void repeatedFailedRegistrationsAreReportedLost() {
    CArmGeometry view = TrackingFixture.view(0, 0);
    float[] flat = new float[128 * 128];
    Arrays.fill(flat, 4000);
    flat[0] = 3000; // not perfectly flat, so similarities are defined
    try (IntensityTracker t = tracker(SHORT_SEARCH)) {
      PoseEstimate e = null;
      for (int i = 0; i < SHORT_SEARCH.lostAfterFailures(); i++) {
        e = t.track(flat, TrackingFixture.geometry(view), 1_000 + i);
      }
      assertEquals(TrackerPhase.LOST, e.phase());
    }
  }
}
