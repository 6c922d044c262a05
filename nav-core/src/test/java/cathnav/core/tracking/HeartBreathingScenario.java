package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.core.overlay.GuidanceModel;
import cathnav.core.overlay.TestMeshes;
import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.ConfidenceFeature;
import cathnav.core.registration.RealCtFixture;
import cathnav.core.service.FrameTracker;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.PoseEstimate.TrackerPhase;
import cathnav.core.service.ProcedureModel;
import java.util.List;

/**
 * A breathing patient seen in two C-arm views, for trackers opened by {@link RegistrationTrackerFactory} on any
 * backend; the patient breathes along {@link #BREATHING} (15 degrees off the tracker's prior), frames 0.25 s apart:
 * breathed in (the heart 8 mm from where the CT saw it) in one view, breathed out there (until registered at
 * rest), breathing in and out there (2 s each, twice), then in a view 45 degrees away breathing in and out until the
 * tracker reports TRACKING (it needs
 * the second view's heart motion for the breathing direction, and a frame there at rest), then breathed in again in
 * that view. It asserts along
 * the way that nothing is TRACKING from one view alone, and never LOST; the result is what the last, breathed-in
 * frames reported.
 */
final class HeartBreathingScenario {

  static final RigidTransform PATIENT =
      new PoseParameters(-3, 4, 2, -0.02, 0.03, 0.02).toTransform(RealCtFixture.HEART_CENTRE);
  static final CArmGeometry VIEW = TrackingFixture.view(-25, 15);
  static final CArmGeometry OTHER_VIEW = TrackingFixture.view(20, 15);
  /** The patient's breathing direction, RAS: leftward 0.2, anterior 0.45, inferior 0.87 (the prior: 0, 0.3, 0.95). */
  static final Vec3 BREATHING = new Vec3(0.2, 0.45, -0.87).normalized();
  static final RigidTransform HEART = HeartFrames.heartPose(PATIENT, BREATHING.times(8));
  private static final long FRAME_NANOS = 250_000_000L;
  private static final int NOISE_DRAWS = 4;

  /**
   * Confidence rises from 0.01 at similarity 0.70 to 0.99 at 0.80: these frames carry a dark offset, which the
   * whole-CT registration's logarithm bends; what is under test is the heart stage, not the patient registration's
   * acceptance.
   */
  static final ConfidenceCalibration CALIBRATION = new ConfidenceCalibration(
      List.of(ConfidenceFeature.SIMILARITY), new double[] {92}, -69, "test", null);

  /** The factory under test: default settings, {@link #CALIBRATION}. */
  static final RegistrationTrackerFactory FACTORY =
      new RegistrationTrackerFactory(TrackerSettings.DEFAULT, CALIBRATION, null);

  /**
   * What the breathed-in frames in the second view reported.
   *
   * @param tracking how many of them were TRACKING
   * @param frames how many were tracked
   * @param worstErrorMm the largest distance between a TRACKING pose's heart centre and the true one, mm (0 when none)
   * @param thoraxErrorMm the same distance for the patient (thorax) pose, which does not follow the heart, mm
   */
  record Result(int tracking, int frames, double worstErrorMm, double thoraxErrorMm) {}

  private HeartBreathingScenario() {}

  /** A procedure model around {@code data} (the guidance mesh is a placeholder: the tracker does not use it). */
  static ProcedureModel procedureModel(RegistrationModel data) {
    GuidanceModel g = new GuidanceModel("sphere", TestMeshes.sphere(new double[] {0, 0, 0}, 30, 8, 16, c -> 1),
        List.of());
    return new ProcedureModel("heart-case", g, data, 0);
  }

  /** Runs the scenario on {@code tracker}, failing when it takes longer than {@code timeoutS} seconds. */
  static Result run(FrameTracker tracker, HeartFrames frames, long timeoutS) throws InterruptedException {
    FrameGeometry g = FrameGeometry.of(VIEW);
    FrameGeometry g2 = FrameGeometry.of(OTHER_VIEW);
    float[] inhaled = frames.frame(VIEW.toProjection(), PATIENT, HEART, 11);
    // a few noise draws per position, as a detector gives fresh noise every frame
    float[][] exhaled = new float[NOISE_DRAWS][];
    float[][] exhaled2 = new float[NOISE_DRAWS][];
    float[][] inhaled2 = new float[NOISE_DRAWS][];
    for (int d = 0; d < NOISE_DRAWS; d++) {
      exhaled[d] = frames.frame(VIEW.toProjection(), PATIENT, PATIENT, 13 + 100 * d);
      exhaled2[d] = frames.frame(OTHER_VIEW.toProjection(), PATIENT, PATIENT, 14 + 100 * d);
      inhaled2[d] = frames.frame(OTHER_VIEW.toProjection(), PATIENT, HEART, 15 + 100 * d);
    }
    long deadline = System.nanoTime() + timeoutS * 1_000_000_000L;
    long i = 0;
    long registrations = 0;
    for (int registered = 0; registered < 10; i++) {
      deadline(deadline, timeoutS);
      PoseEstimate e = tracker.track(inhaled, g, time(i));
      assertNotEquals(TrackerPhase.TRACKING, e.phase(), "verified before any frame showed the heart at rest");
      assertNotEquals(TrackerPhase.LOST, e.phase());
      registered += e.registrations() > 0 ? 1 : 0;
      Thread.sleep(50);
    }
    // breathed out until the patient is registered again with the heart at rest (the first registration's frame
    // was breathed in), and at least 60 frames
    for (int n = 0; n < 60 || registrations < 2; n++, i++) {
      deadline(deadline, timeoutS);
      PoseEstimate e = tracker.track(exhaled[n % NOISE_DRAWS], g, time(i));
      assertNotEquals(TrackerPhase.TRACKING, e.phase(), "verified from a single view");
      registrations = e.registrations();
      Thread.sleep(50);
    }
    float[][] inhaled1 = new float[NOISE_DRAWS][];
    for (int d = 0; d < NOISE_DRAWS; d++) {
      inhaled1[d] = frames.frame(VIEW.toProjection(), PATIENT, HEART, 11 + 100 * d);
    }
    // breathing there, out for 2 s and in for 2 s, twice: the heart's motion in this view
    for (int k = 0; k < 32; k++, i++) {
      int d = k % NOISE_DRAWS;
      PoseEstimate e = tracker.track((k / 8) % 2 == 0 ? exhaled[d] : inhaled1[d], g, time(i));
      assertNotEquals(TrackerPhase.TRACKING, e.phase(), "verified from a single view");
      Thread.sleep(50);
    }
    for (long k = 0; ; k++, i++) { // in the other view: out for 2 s, in for 2 s
      deadline(deadline, timeoutS);
      int d = (int) (k % NOISE_DRAWS);
      PoseEstimate e = tracker.track((k / 8) % 2 == 0 ? exhaled2[d] : inhaled2[d], g2, time(i));
      assertNotEquals(TrackerPhase.LOST, e.phase());
      if (e.phase() == TrackerPhase.TRACKING) {
        break;
      }
      Thread.sleep(50);
    }
    Vec3 c = frames.layers.heartCentre();
    int tracking = 0;
    double worst = 0;
    int n = 10;
    for (int k = 0; k < n; k++, i++) {
      PoseEstimate e = tracker.track(inhaled2[k % NOISE_DRAWS], g2, time(i));
      if (e.phase() == TrackerPhase.TRACKING) {
        worst = Math.max(worst, new RigidTransform(e.pose()).apply(c).distance(HEART.apply(c)));
        tracking++;
      }
    }
    return new Result(tracking, n, worst, PATIENT.apply(c).distance(HEART.apply(c)));
  }

  private static long time(long frame) {
    return 1_000_000_000L + frame * FRAME_NANOS;
  }

  private static void deadline(long deadline, long timeoutS) {
    if (System.nanoTime() > deadline) {
      fail("the tracker did not get there within " + timeoutS + " s");
    }
  }
}
