package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.core.registration.RealCtFixture;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.PoseEstimate.TrackerPhase;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * C-arm moves in heart mode, with the background jobs run inline (each job submitted for a frame is done before the
 * next frame is tracked, whatever the machine's speed): a sweep with a correct pose is never LOST and costs no
 * registration, the pose is re-checked once when the view is still, and registrations that truly fail still end in
 * LOST. (TRACKING after a move, which also needs the heart's breathing motion in the new view, is in
 * {@link HeartModeTrackerTest}.)
 */
class CArmMoveTrackerTest {

  private static final RigidTransform PATIENT =
      new PoseParameters(-3, 4, 2, -0.02, 0.03, 0.02).toTransform(RealCtFixture.HEART_CENTRE);
  private static final CArmGeometry START = TrackingFixture.view(-25, 15);
  private static final CArmGeometry END = TrackingFixture.view(20, 15);
  private static final long FRAME_NANOS = 66_666_667L;
  private static final int SWEEP_FRAMES = 15;

  private static HeartFrames frames;

  /** Runs each job at once on the caller's thread and counts them. */
  private static final class CountingExecutor implements Executor {
    int jobs;

    @Override
    public void execute(Runnable job) {
      jobs++;
      job.run();
    }
  }

  @BeforeAll
  static void open() {
    frames = new HeartFrames();
  }

  @AfterAll
  static void close() {
    frames.close();
  }

  private static MotionCompensatedTracker tracker(CountingExecutor jobs) {
    BackgroundRegistration background = new BackgroundRegistration(
        BackendSupply.JAVA, HeartFrames.MODEL,
        HeartModeTrackerTest.CALIBRATION, TrackerSettings.DEFAULT.full(), HeartVerification.DEFAULT, jobs);
    return new MotionCompensatedTracker(background, HeartFrames.MODEL, TrackerSettings.DEFAULT);
  }

  /** The view {@code k} of {@link #SWEEP_FRAMES} on the way from {@link #START} to {@link #END}. */
  private static CArmGeometry sweepView(int k) {
    double f = (k + 1.0) / (SWEEP_FRAMES + 1.0);
    return TrackingFixture.view(-25 + 45 * f, 15);
  }

  /** A frame of {@code view} with the heart where the CT saw it. */
  private static float[] exhaled(CArmGeometry view, long seed) {
    return frames.frame(view.toProjection(), PATIENT, PATIENT, seed);
  }

  /** Registers in {@link #START} (heart at rest): a few frames until the patient pose is accepted. */
  private static long registerAtStart(MotionCompensatedTracker t) {
    float[] frame = exhaled(START, 1);
    long i = 0;
    for (; i < 6; i++) {
      PoseEstimate e = t.track(frame, FrameGeometry.of(START), i * FRAME_NANOS);
      if (e.registrations() > 0) {
        assertEquals(TrackerPhase.UNVERIFIED, e.phase(), "one view cannot verify the heart");
        return i + 1;
      }
    }
    fail("the patient pose was not accepted in the first view within 6 frames");
    return i;
  }

  /** The sweep from {@link #START} to {@link #END}, one view per frame: returns the next frame index. */
  private static long sweep(MotionCompensatedTracker t, CountingExecutor jobs, long i, RigidTransform before) {
    int jobsBefore = jobs.jobs;
    Vec3 c = frames.layers.heartCentre();
    for (int k = 0; k < SWEEP_FRAMES; k++, i++) {
      CArmGeometry view = sweepView(k);
      PoseEstimate e = t.track(exhaled(view, 100 + k), FrameGeometry.of(view), i * FRAME_NANOS);
      assertEquals(TrackerPhase.CARM_MOVING, e.phase(), "sweep frame " + k);
      assertNotNull(e.pose(), "the last pose stays on screen, sweep frame " + k);
      assertEquals(0, new RigidTransform(e.pose()).apply(c).distance(before.apply(c)), 1e-9,
          "the last pose is held while the C-arm moves, sweep frame " + k);
    }
    assertEquals(jobsBefore, jobs.jobs, "no background job on the frames of a moving C-arm");
    return i;
  }

  @Test
  void aSweepWithACorrectPoseIsNeverLostAndIsReCheckedOnceStill() {
    CountingExecutor jobs = new CountingExecutor();
    try (MotionCompensatedTracker t = tracker(jobs)) {
      long i = registerAtStart(t);
      PoseEstimate before = t.track(exhaled(START, 2), FrameGeometry.of(START), i++ * FRAME_NANOS);
      i = sweep(t, jobs, i, new RigidTransform(before.pose()));
      int jobsAtStop = jobs.jobs;
      float[] still = exhaled(END, 3);
      Vec3 c = frames.layers.heartCentre();
      PoseEstimate e = null;
      int n = 0;
      for (; n < 12 && (e == null || e.phase() == TrackerPhase.CARM_MOVING); n++, i++) {
        e = t.track(still, FrameGeometry.of(END), i * FRAME_NANOS);
        if (n < MotionCompensatedTracker.STILL_FRAMES - 1) {
          assertEquals(jobsAtStop, jobs.jobs, "a job before the view counted as still, frame " + n);
        }
      }
      // the first job after the stop (on the last of the still frames) carried the pose into this view and
      // confirmed it at rest; the frame that took it started the next check
      assertEquals(MotionCompensatedTracker.STILL_FRAMES + 1, n, "frames until the pose was accepted in the new view");
      assertEquals(jobsAtStop + 2, jobs.jobs, "jobs until the pose was accepted in the new view");
      // the heart is found and checked in the new view; it never moved, so its breathing direction is unknown and
      // the pose stays amber (UNVERIFIED), not a failure
      assertEquals(TrackerPhase.UNVERIFIED, e.phase());
      for (int k = 0; k < 3; k++, i++) {
        e = t.track(still, FrameGeometry.of(END), i * FRAME_NANOS);
        assertEquals(TrackerPhase.UNVERIFIED, e.phase(), "still frame " + (n + k));
      }
      double error = new RigidTransform(e.pose()).apply(c).distance(PATIENT.apply(c));
      assertTrue(error < 2.0, "pose " + error + " mm from the heart");
    }
  }

  @Test
  void registrationsThatTrulyFailInTheNewViewStillEndInLost() {
    CountingExecutor jobs = new CountingExecutor();
    try (MotionCompensatedTracker t = tracker(jobs)) {
      long i = registerAtStart(t);
      PoseEstimate before = t.track(exhaled(START, 2), FrameGeometry.of(START), i++ * FRAME_NANOS);
      i = sweep(t, jobs, i, new RigidTransform(before.pose()));
      // the C-arm stops on a view without the patient: nothing to register
      float[] empty = emptyField(END, 4);
      int lostAfter = TrackerSettings.DEFAULT.lostAfterFailures();
      PoseEstimate e = null;
      int n = 0;
      for (; n < MotionCompensatedTracker.STILL_FRAMES + lostAfter + 2 && (e == null || e.phase() != TrackerPhase.LOST);
          n++, i++) {
        e = t.track(empty, FrameGeometry.of(END), i * FRAME_NANOS);
        assertNotEquals(TrackerPhase.TRACKING, e.phase(), "frame " + n);
      }
      assertEquals(TrackerPhase.LOST, e.phase(), "failed registrations in a still view must end in LOST");
      assertTrue(jobs.jobs >= lostAfter, "jobs=" + jobs.jobs);
    }
  }

  /** Raw values of an open field (no patient) on the detector of {@code view}: flat exposure with Poisson noise. */
  private static float[] emptyField(CArmGeometry view, long seed) {
    int n = view.toProjection().width() * view.toProjection().height();
    SplittableRandom random = new SplittableRandom(seed);
    float[] out = new float[n];
    for (int k = 0; k < n; k++) {
      double q = HeartFrames.QUANTA + Math.sqrt(HeartFrames.QUANTA) * gaussian(random);
      out[k] = (float) (HeartFrames.DARK_OFFSET + HeartFrames.GAIN * Math.max(0, Math.round(q)));
    }
    return out;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
