package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.registration.RealCtFixture;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.PoseEstimate.TrackerPhase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CPU mode: background full registration, per-frame 2D motion compensation, pose age. */
class MotionCompensatedTrackerTest {

  private static TrackingFixture fixture;
  private static final RigidTransform TRUTH =
      new PoseParameters(-3, 4, 2, -0.02, 0.03, 0.02).toTransform(RealCtFixture.HEART_CENTRE);
  private static final CArmGeometry VIEW = TrackingFixture.view(-25, 15);

  @BeforeAll
  static void open() {
    fixture = new TrackingFixture();
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  private static MotionCompensatedTracker tracker() {
    BackgroundRegistration background = new BackgroundRegistration(
        BackendSupply.JAVA, TrackingFixture.MODEL,
        TrackingFixture.CALIBRATION, TrackerSettings.DEFAULT.full());
    return new MotionCompensatedTracker(background, TrackingFixture.MODEL, TrackerSettings.DEFAULT);
  }

  /** Feeds the same frame until the background registration is accepted (bounded wait), returning that estimate. */
  private static PoseEstimate trackUntilRegistered(MotionCompensatedTracker t, float[] frame, FrameGeometry g,
      long timestamp) throws InterruptedException {
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      PoseEstimate e = t.track(frame, g, timestamp);
      if (e.registrations() > 0) {
        return e;
      }
      assertEquals(TrackerPhase.REGISTERING, e.phase());
      assertNull(e.pose(), "no pose may be shown before the first registration");
      Thread.sleep(50);
    }
    fail("background registration did not finish in 180 s");
    return null;
  }

  @Test
  void reportsRegisteringUntilTheBackgroundRegistrationIsAccepted() throws Exception {
    try (MotionCompensatedTracker t = tracker()) {
      float[] frame = fixture.frame(VIEW, TRUTH, 1);
      PoseEstimate first = t.track(frame, TrackingFixture.geometry(VIEW), 1_000);
      assertEquals(TrackerPhase.REGISTERING, first.phase());
      PoseEstimate registered = trackUntilRegistered(t, frame, TrackingFixture.geometry(VIEW), 1_000);
      assertEquals(TrackerPhase.UNVERIFIED, registered.phase());
      assertNotNull(registered.pose());
      double err = TrackingFixture.projectedCentreErrorMm(VIEW, new RigidTransform(registered.pose()), TRUTH);
      assertTrue(err < 0.5, "projected centre error=" + err + " mm");
    }
  }

  @Test
  void followsAnInPlaneShiftAndReportsTheRegistrationsAge() throws Exception {
    try (MotionCompensatedTracker t = tracker()) {
      trackUntilRegistered(t, fixture.frame(VIEW, TRUTH, 2), TrackingFixture.geometry(VIEW), 1_000_000_000L);
      // 4 mm along the detector's u-axis and 3 mm along v, 0.5 s later
      RigidTransform moved = new PoseParameters(0, 0, 0, 0, 0, 0).toTransform(RealCtFixture.HEART_CENTRE);
      var u = VIEW.uAxis().times(4).plus(VIEW.vAxis().times(3));
      moved = new PoseParameters(u.x(), u.y(), u.z(), 0, 0, 0).toTransform(RealCtFixture.HEART_CENTRE).compose(TRUTH);
      PoseEstimate e = t.track(fixture.frame(VIEW, moved, 3), TrackingFixture.geometry(VIEW), 1_500_000_000L);
      assertEquals(TrackerPhase.UNVERIFIED, e.phase());
      assertEquals(500_000_000L, e.poseAgeNanos());
      double err = TrackingFixture.projectedCentreErrorMm(VIEW, new RigidTransform(e.pose()), moved);
      double uncompensated = TrackingFixture.projectedCentreErrorMm(VIEW, TRUTH, moved);
      assertTrue(err < 0.6, "projected centre error=" + err + " mm (uncompensated " + uncompensated + " mm)");
    }
  }

  @Test
  void aCArmMoveKeepsThePoseAndReportsTheCArmMoving() throws Exception {
    try (MotionCompensatedTracker t = tracker()) {
      PoseEstimate registered =
          trackUntilRegistered(t, fixture.frame(VIEW, TRUTH, 4), TrackingFixture.geometry(VIEW), 1_000);
      CArmGeometry other = TrackingFixture.view(30, -10);
      PoseEstimate e = t.track(fixture.frame(other, TRUTH, 5), TrackingFixture.geometry(other), 2_000);
      assertEquals(TrackerPhase.CARM_MOVING, e.phase());
      assertNotNull(e.pose());
      assertEquals(0, new RigidTransform(e.pose()).apply(RealCtFixture.HEART_CENTRE)
          .distance(new RigidTransform(registered.pose()).apply(RealCtFixture.HEART_CENTRE)), 1e-9);
    }
  }
}
