package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.ConfidenceFeature;
import cathnav.core.registration.RealCtFixture;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.PoseEstimate.TrackerPhase;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
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
  /** The breathing scenarios' frame spacing, ns. */
  private static final long FRAME_250MS = 250_000_000L;
  /** The patient's breathing direction in the breathing scenarios: 15 degrees off the prior. */
  private static final Vec3 BREATHING = new Vec3(0.2, 0.45, -0.87).normalized();
  /** Frames in the first view of the breathing scenarios (10 s). */
  private static final int FIRST_VIEW_FRAMES = 40;

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

  /** The Lujan breathing profile (0 at exhale, 1 at inspiration), period 4 s. */
  private static double breath(double t) {
    double c = Math.cos(Math.PI * t / 4);
    return 1 - c * c * c * c;
  }

  /**
   * Holds the tracker's background job until the test runs it, so that the test decides which frames the
   * background sees (a job runs on the frame it was submitted with).
   */
  private static final class HeldJobs implements Executor {
    private Runnable held;

    @Override
    public void execute(Runnable job) {
      held = job;
    }

    void runHeld() {
      Runnable job = held;
      held = null;
      if (job != null) {
        job.run();
      }
    }
  }

  /** Every 16th frame (every 4 s, at exhale) the background runs: the held job, then this frame's. */
  private static PoseEstimate trackWithJobsEvery16(MotionCompensatedTracker t, HeldJobs jobs, int i, float[] frame,
      FrameGeometry g, long timestamp) {
    if (i % 16 == 0) {
      jobs.runHeld();
    }
    PoseEstimate e = t.track(frame, g, timestamp);
    if (i % 16 == 0) {
      jobs.runHeld();
    }
    return e;
  }

  /**
   * A patient who breathes 15 degrees off the prior (leftward 0.2, anterior 0.45, inferior 0.87; the prior has no
   * left-right part and anterior 0.3), 10 mm at inspiration, frames every 0.25 s: one view never verifies; after a
   * 45 degree C-arm move TRACKING waits until the second view's in-plane motion has given the direction, and then
   * holds the heart within 2 mm, where the prior's depth would put it further off. Until then the amber pose says
   * what it waits for: a second view while the patient is registered in one, then the breathing measured in both.
   */
  @Test
  void tracksTheHeartWithinTwoMmOnceItsOwnBreathingDirectionIsEstimated() {
    CArmGeometry other = TrackingFixture.view(20, 15);
    Vec3 c = frames.layers.heartCentre();
    HeldJobs jobs = new HeldJobs();
    try (MotionCompensatedTracker t = heartTracker(jobs)) {
      int i = FIRST_VIEW_FRAMES;
      assertEquals(MotionCompensatedTracker.WAITING_FOR_SECOND_VIEW, breatheInTheFirstView(t, jobs),
          "registered in one view: the cardiologist is told to turn the C-arm");
      int firstInOther = i;
      int firstTracking = -1;
      int tracking = 0;
      double worst = 0;
      double worstPrior = 0;
      HeartView priorView = null;
      Set<String> secondViewWaits = new LinkedHashSet<>();
      for (; i < firstInOther + 48; i++) { // 12 s in the second view
        Vec3 shift = BREATHING.times(10 * breath(i * 0.25));
        RigidTransform heart = HeartFrames.heartPose(PATIENT, shift);
        PoseEstimate e = trackWithJobsEvery16(t, jobs, i, frames.frame(other.toProjection(), PATIENT, heart, i),
            FrameGeometry.of(other), i * FRAME_250MS);
        assertNotEquals(TrackerPhase.LOST, e.phase(), "frame " + i);
        if (e.phase() == TrackerPhase.UNVERIFIED && firstTracking < 0) {
          secondViewWaits.add(e.waitingFor());
        }
        if (e.phase() != TrackerPhase.TRACKING) {
          continue;
        }
        assertEquals("", e.waitingFor(), "TRACKING waits for nothing");
        firstTracking = firstTracking < 0 ? i : firstTracking;
        tracking++;
        worst = Math.max(worst, new RigidTransform(e.pose()).apply(c).distance(heart.apply(c)));
        // the same in-plane shift with the prior's depth, for comparison
        priorView = priorView != null ? priorView : HeartView.render(frames.backend, frames.staticLayer,
            frames.heartLayer, other.toProjection(), PATIENT, c, frames.render, 16,
            frames.frame(other.toProjection(), PATIENT, PATIENT, 99));
        ProjectionGeometry g = new ProjectionGeometry(other.toProjection());
        double[] a = g.project(PATIENT.apply(c));
        double[] b = g.project(heart.apply(c));
        Vec3 prior = priorView.translation(b[0] - a[0], b[1] - a[1], HeartVerification.DEFAULT.breathingDirection());
        worstPrior = Math.max(worstPrior, prior.distance(shift));
      }
      System.out.printf("breathing 15 deg off the prior: first TRACKING %.2f s after the move, %d of %d frames"
          + " TRACKING, worst error %.2f mm (the prior's depth alone: up to %.2f mm)%n",
          (firstTracking - firstInOther) * 0.25, tracking, i - firstInOther, worst, worstPrior);
      assertTrue(tracking > 0, "never TRACKING in the second view");
      assertTrue(secondViewWaits.contains(MotionCompensatedTracker.WAITING_FOR_BREATHING),
          "before TRACKING in the second view the pose said it waits for: " + secondViewWaits);
      assertTrue((firstTracking - firstInOther) * 0.25 >= BreathingDirectionEstimator.MIN_SPAN_S,
          "TRACKING " + (firstTracking - firstInOther) * 0.25 + " s after the move, before the second view could"
          + " show the breathing direction");
      assertTrue(worst < 2.0, "TRACKING pose " + worst + " mm from the heart");
      assertTrue(worstPrior > worst, "the prior would have done as well: " + worstPrior + " mm");
    }
  }

  /**
   * Registered with the heart at rest in one view, then held in a second view 45 degrees away while the heart stays
   * 6 mm out of its CT position (no rest there yet): the amber pose says it waits to confirm the patient in this
   * view, never that the C-arm should turn again.
   */
  @Test
  void inTheSecondViewThePoseWaitsForTheHeartAtRestThereNotForAnotherTurn() {
    CArmGeometry other = TrackingFixture.view(20, 15);
    RigidTransform displaced = HeartFrames.heartPose(PATIENT, BREATHING.times(6));
    HeldJobs jobs = new HeldJobs();
    try (MotionCompensatedTracker t = heartTracker(jobs)) {
      breatheInTheFirstView(t, jobs);
      Set<String> waits = new LinkedHashSet<>();
      for (int i = FIRST_VIEW_FRAMES; i < FIRST_VIEW_FRAMES + 40; i++) {
        PoseEstimate e = trackWithJobsEvery16(t, jobs, i, frames.frame(other.toProjection(), PATIENT, displaced, i),
            FrameGeometry.of(other), i * FRAME_250MS);
        if (e.phase() == TrackerPhase.UNVERIFIED) {
          waits.add(e.waitingFor());
        }
      }
      assertEquals(Set.of(MotionCompensatedTracker.WAITING_FOR_REST_IN_THIS_VIEW), waits);
    }
  }

  /**
   * In the second view the heart rests only on one frame in 16 (it is held 6 mm out of its CT position otherwise),
   * and the background runs the waiting job only every 16 frames: the job goes to a frame with the heart at rest,
   * so the second view's registration at rest confirms the patient pose. A job started on whatever frame came after
   * the last one finished (the frame after the background ran) never saw the heart at rest here.
   */
  @Test
  void theRegistrationAtRestInTheSecondViewGoesToAFrameWithTheHeartAtRest() {
    CArmGeometry other = TrackingFixture.view(20, 15);
    RigidTransform displaced = HeartFrames.heartPose(PATIENT, BREATHING.times(6));
    Set<String> beforeConfirmation = Set.of(MotionCompensatedTracker.WAITING_FOR_REST,
        MotionCompensatedTracker.WAITING_FOR_SECOND_VIEW, MotionCompensatedTracker.WAITING_FOR_REST_IN_THIS_VIEW);
    HeldJobs jobs = new HeldJobs();
    try (MotionCompensatedTracker t = heartTracker(jobs)) {
      breatheInTheFirstView(t, jobs);
      int confirmedAt = -1;
      for (int i = FIRST_VIEW_FRAMES; i < FIRST_VIEW_FRAMES + 64 && confirmedAt < 0; i++) {
        RigidTransform heart = i % 16 == 3 ? PATIENT : displaced;
        PoseEstimate e = trackWithJobsEvery16(t, jobs, i, frames.frame(other.toProjection(), PATIENT, heart, i),
            FrameGeometry.of(other), i * FRAME_250MS);
        if (e.phase() == TrackerPhase.TRACKING
            || e.phase() == TrackerPhase.UNVERIFIED && !beforeConfirmation.contains(e.waitingFor())) {
          confirmedAt = i;
        }
      }
      assertTrue(confirmedAt >= 0, "the patient pose was never confirmed in the second view");
    }
  }

  /** A heart-mode tracker whose background jobs wait in {@code jobs}. */
  private static MotionCompensatedTracker heartTracker(HeldJobs jobs) {
    BackgroundRegistration background = new BackgroundRegistration(BackendSupply.JAVA, HeartFrames.MODEL,
        CALIBRATION, TrackerSettings.DEFAULT.full(), HeartVerification.DEFAULT, jobs);
    return new MotionCompensatedTracker(background, HeartFrames.MODEL, TrackerSettings.DEFAULT);
  }

  /**
   * {@link #FIRST_VIEW_FRAMES} frames, 0.25 s apart, of the patient breathing 10 mm along {@link #BREATHING} in
   * {@link #VIEW}: never TRACKING (one view) nor LOST. Returns what the last unverified pose waited for.
   */
  private static String breatheInTheFirstView(MotionCompensatedTracker t, HeldJobs jobs) {
    String waits = null;
    for (int i = 0; i < FIRST_VIEW_FRAMES; i++) {
      RigidTransform heart = HeartFrames.heartPose(PATIENT, BREATHING.times(10 * breath(i * 0.25)));
      PoseEstimate e = trackWithJobsEvery16(t, jobs, i, frames.frame(VIEW.toProjection(), PATIENT, heart, i),
          FrameGeometry.of(VIEW), i * FRAME_250MS);
      assertNotEquals(TrackerPhase.TRACKING, e.phase(), "verified from a single view, frame " + i);
      assertNotEquals(TrackerPhase.LOST, e.phase(), "frame " + i);
      waits = e.phase() == TrackerPhase.UNVERIFIED ? e.waitingFor() : waits;
    }
    return waits;
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
