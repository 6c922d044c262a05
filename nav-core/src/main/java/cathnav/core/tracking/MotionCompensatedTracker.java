package cathnav.core.tracking;

import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.core.registration.RawFrame;
import cathnav.core.registration.RegistrationResult;
import cathnav.core.service.FrameTracker;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.PoseEstimate.TrackerPhase;
import cathnav.gpu.Projection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background-registration tracking: 2D/3D registrations run continuously in the background
 * ({@link BackgroundRegistration}, its own thread and backend: java in CPU mode, the GPU's in GPU heart mode), and
 * each frame is brought up to date on the pipeline thread.
 *
 * <p>With a heart region in the model (the clinical mode): the background registers the patient (the whole CT,
 * dominated by spine and ribs) and renders the {@link HeartViews} at that pose; each frame's heart-only residual
 * (the frame minus the static layer's DRR, {@link HeartView#residual}) is matched against the heart layer's DRR, and
 * the in-plane shift moves the heart from its place at the patient pose ({@link HeartView#translation}, depth along
 * the patient's breathing direction: estimated from the heart's in-plane motion in two views
 * ({@link BreathingDirectionEstimator}), the prior {@link HeartVerification#breathingDirection()} until then).
 * Meanwhile the background checks frames one after another: the 2D
 * estimate against an independent 3D heart registration of the same frame ({@link HeartCheck}). Phases:
 * REGISTERING until the first patient registration is accepted; TRACKING only while the frame's own heart match
 * passes {@link HeartVerification#minCorrelation()}, the patient pose is confirmed at rest (two registrations on
 * frames whose heart was at its place in the CT, in two views at least 20 degrees apart, agreed within 1 mm along
 * the axis both see, and the pose is their triangulation ({@link TwoViewFusion}): one view cannot see its own depth
 * error), the breathing direction is estimated (the prior can be 15 degrees or more off:
 * 1 mm or more in depth at 8 mm of breathing) and this view sees depth along it, and the latest check, no older than
 * {@link HeartVerification#maxCheckAgeS()}, passed (both correlations, and the two estimates within
 * {@link HeartVerification#maxDisagreementMm()}); otherwise UNVERIFIED (amber) while the match holds, UNRELIABLE when
 * it does not or the residual cannot be formed.
 *
 * <p>Without a heart region: the heart patch of the frame the last accepted registration used is found in the
 * current frame by template matching ({@link TemplateMatcher}) and the shift applied to that registration's pose;
 * never TRACKING (the registration and the template follow the whole thorax, not the heart, so the compensated pose
 * can be several mm off the heart while the match looks perfect): UNVERIFIED while the template matches.
 *
 * <p>Both: CARM_MOVING (last pose, amber, not a failure) while the C-arm moves and after it until the patient pose
 * is accepted in the new view (the pose itself, RAS to RAS, still holds: with a heart region the background
 * re-scores it on a frame of the new view and registers again only if it no longer fits; without one it registers).
 * Background jobs start only on a still view ({@link #STILL_FRAMES} frames in a row with one projection): frames of
 * a moving C-arm are never registered (the simulator and real systems render them coarse or blurred), so a move
 * costs one re-score once the C-arm stops. UNRELIABLE when a registration is rejected, LOST after
 * {@link TrackerSettings#lostAfterFailures()} rejected registrations in a row; a rejection of a job whose view the
 * C-arm has left since is not counted (the view changed under it: it says nothing about the current view). Each
 * estimate carries the age of its patient registration ({@code frame time - registered frame's time}).
 *
 * <p>Threading: {@link #track}, {@link #reset} and {@link #close} on the pipeline thread only; it never blocks on the
 * background registration. {@code pixels} is copied when a job is started.
 */
public final class MotionCompensatedTracker implements FrameTracker {

  private static final Logger LOG = LoggerFactory.getLogger(MotionCompensatedTracker.class);

  /** Longer side of the host image the template matching runs on, pixels. */
  static final int TRACKING_SIZE = 256;

  /**
   * A view counts as still once this many frames in a row (the current one included) share one projection; a
   * background job starts only then.
   */
  static final int STILL_FRAMES = 3;

  /**
   * Heart mode, while a registration with the heart at rest can confirm the patient pose: background jobs go to frames
   * whose tracked heart is within this of its place under the registered pose (mm, as the job's heart check measures
   * it), so that the check finds the heart at rest ({@link BackgroundRegistration#HEART_AT_REST_MM}) instead of
   * waiting for a job to land on such a frame by chance; on a loaded machine, with few jobs, that could take a
   * minute.
   */
  static final double REST_CANDIDATE_MM = 0.7;

  /** ... but a job starts at least this often (source time, ns), so that the patient pose is still re-judged. */
  static final long MAX_JOB_GAP_NANOS = 1_500_000_000L;

  // what an UNVERIFIED heart pose waits for (PoseEstimate.waitingFor), shown to the cardiologist with the amber overlay
  /** No registration yet with the heart where the CT has it. */
  public static final String WAITING_FOR_REST =
      "waiting for a frame with the heart at its CT position to register the patient";
  /** One registration at rest, in this view or one close to it: the patient's depth needs a second view. */
  public static final String WAITING_FOR_SECOND_VIEW = String.format(java.util.Locale.ROOT,
      "patient pose seen in one view only, turn the C-arm %.0f degrees or more and hold it still",
      BackgroundRegistration.CONFIRM_ANGLE_DEG);
  /** One registration at rest in another view far enough away: this view's one confirms it. */
  public static final String WAITING_FOR_REST_IN_THIS_VIEW =
      "confirming the patient pose in this second view, waiting for a frame with the heart at its CT position";
  /** The patient's breathing direction is not yet known from two views. */
  public static final String WAITING_FOR_BREATHING =
      "measuring the patient's breathing from the heart's motion in two views, hold the C-arm still for a few breaths";
  /** The view looks nearly along the breathing direction: the heart's depth cannot be followed in it. */
  public static final String WAITING_FOR_DEPTH_VIEW =
      "this view looks along the patient's breathing, the heart's depth cannot be followed, turn the C-arm";
  /** The heart's position is being checked against the image. */
  public static final String WAITING_FOR_CHECK = "checking the heart's position against the image";

  private final BackgroundRegistration background;
  private final TrackerSettings settings;
  private final Vec3 modelCentre;
  private final TemplateMatcher matcher = new TemplateMatcher(40, 32);
  private final HeartVerification heart;
  private final boolean heartMode;
  private final BreathingDirectionEstimator breathing;
  private int breathingViews; // views of the last estimate logged (0: none)

  private CompletableFuture<BackgroundRegistration.Outcome> inFlight;
  private BackgroundRegistration.Outcome base; // last accepted registration
  private HeartCheck lastCheck;
  private HeartView.Match lastMatch; // the last frame's heart match, in lastMatchView
  private HeartView lastMatchView;
  private RigidTransform lastPose;
  private Projection lastProjection;
  private int stillFrames; // frames in a row, this one included, with lastProjection
  private int failedRegistrations;
  private double heartShiftMm = Double.NaN; // heart mode: this frame's heart from its registered place, mm (NaN: none)
  private long lastJobNanos; // source time stamp of the last job's frame
  private Projection farJudgedFor; // farFromTheRestView's last answer, for this projection and rest beam
  private Vec3 farJudgedAgainst;
  private boolean farJudged;
  private long registrations;

  /** Starts no thread work until the first frame. Owns {@code background}. */
  MotionCompensatedTracker(BackgroundRegistration background, RegistrationModel model, TrackerSettings settings) {
    this.background = background;
    this.settings = settings;
    this.modelCentre = model.centre();
    this.heart = settings.heart();
    this.heartMode = model.hasHeart();
    this.breathing = new BreathingDirectionEstimator(heart.breathingDirection() != null
        ? heart.breathingDirection() : new Vec3(0, 0, -1));
  }

  @Override
  public PoseEstimate track(float[] pixels, FrameGeometry geometry, long sourceTimestampNanos) {
    Projection projection = geometry.projection();
    boolean still = updateStillness(projection);
    HostAttenuation image = heartMode ? HostAttenuation.intensities(pixels, projection, TRACKING_SIZE)
        : HostAttenuation.of(pixels, projection, TRACKING_SIZE);
    collectFinishedRegistration(projection);
    boolean sameView = base != null && !ProjectionChange.changed(base.projection(), projection);
    // heart mode: the frame's heart is matched first, so that a job can wait for a frame with the heart at rest
    PoseEstimate heartEstimate = heartMode && sameView ? trackHeart(image, sourceTimestampNanos) : null;
    if (inFlight == null && still && jobWanted(sameView, projection, sourceTimestampNanos)) {
      RawFrame copy = new RawFrame(geometry.width(), geometry.height(),
          java.util.Arrays.copyOf(pixels, geometry.width() * geometry.height()));
      RigidTransform accepted = heartMode && base != null && failedRegistrations == 0 ? base.result().transform() : null;
      inFlight = background.submit(copy, projection, patientStart(), image, sourceTimestampNanos, accepted,
          accepted != null ? base.restRegistrations() : 0, accepted != null ? base.restBeam() : null,
          settings.confidenceThreshold());
      lastJobNanos = sourceTimestampNanos;
    }
    if (heartEstimate != null) {
      return heartEstimate;
    }

    if (!sameView) {
      if (lastPose == null) {
        return new PoseEstimate(TrackerPhase.REGISTERING, null, 0, 0, registrations);
      }
      // with a base, the pose is only waiting for the new view (a failure takes precedence); without one the first
      // registration was rejected
      TrackerPhase phase = base != null && failedRegistrations == 0 ? TrackerPhase.CARM_MOVING : unreliableOrLost();
      return estimate(phase, lastPose, confidenceOfBase(), age(sourceTimestampNanos));
    }
    RigidTransform registered = base.result().transform();
    ProjectionGeometry view = new ProjectionGeometry(image.projection);
    Vec3 centre = registered.apply(modelCentre);
    double[] c = view.project(centre);
    TemplateMatcher.Match m = matcher.match(base.image(), image, c[0], c[1]);
    if (m.correlation() < settings.minTemplateCorrelation()) {
      LOG.debug("template match poor, correlation={}", String.format("%.3f", m.correlation()));
      return estimate(TrackerPhase.UNRELIABLE, lastPose, confidenceOfBase(), age(sourceTimestampNanos));
    }
    double depth = view.depth(centre);
    Vec3 shift = view.backProject(c[0] + m.du(), c[1] + m.dv(), depth).minus(view.backProject(c[0], c[1], depth));
    double[] t = registered.matrix();
    t[3] += shift.x();
    t[7] += shift.y();
    t[11] += shift.z();
    lastPose = new RigidTransform(t);
    // unverified: nothing here checks the compensated pose against the heart in the image
    TrackerPhase phase = failedRegistrations > 0 ? unreliableOrLost() : TrackerPhase.UNVERIFIED;
    return estimate(phase, lastPose, confidenceOfBase(), age(sourceTimestampNanos));
  }

  /**
   * Notes {@code projection} and whether the view is still: true once {@link #STILL_FRAMES} frames in a row share
   * it; the first frame counts as still (nothing says the C-arm moves). Logs once when a move starts and once when
   * the view is still again.
   */
  private boolean updateStillness(Projection projection) {
    if (lastProjection == null) {
      stillFrames = STILL_FRAMES;
    } else if (ProjectionChange.changed(lastProjection, projection)) {
      if (stillFrames >= STILL_FRAMES) {
        LOG.info(heartMode ? "c-arm moving: the last pose is shown amber, no registration until the view is still"
            : "c-arm moving: 2D template dropped, no registration until the view is still");
      }
      stillFrames = 1;
    } else if (stillFrames < STILL_FRAMES) {
      stillFrames++;
      if (stillFrames == STILL_FRAMES) {
        LOG.info(heartMode ? "c-arm still, stillFrames={}: the patient pose is re-scored in the new view"
            : "c-arm still, stillFrames={}: full registration scheduled", stillFrames);
      }
    }
    lastProjection = projection;
    return stillFrames >= STILL_FRAMES;
  }

  /**
   * Whether a background job should start on this frame (the view being still): always, except in heart mode where
   * this view's registration at rest could confirm an accepted patient pose; there only on a frame whose heart is
   * within {@link #REST_CANDIDATE_MM} of its registered place, or after {@link #MAX_JOB_GAP_NANOS} without a job.
   */
  private boolean jobWanted(boolean sameView, Projection projection, long now) {
    if (!heartMode || !sameView || failedRegistrations > 0 || !restRegistrationPossibleIn(projection)) {
      return true;
    }
    return heartShiftMm <= REST_CANDIDATE_MM || now - lastJobNanos >= MAX_JOB_GAP_NANOS || now < lastJobNanos;
  }

  /**
   * Whether a registration with the heart at rest in this view would count: none yet, or one in a view at least
   * {@link BackgroundRegistration#CONFIRM_ANGLE_DEG} away, which this one would confirm.
   */
  private boolean restRegistrationPossibleIn(Projection projection) {
    int rest = base.restRegistrations();
    return rest == 0 || rest < BackgroundRegistration.CONFIRMED_AT_REST && farFromTheRestView(projection);
  }

  private boolean farFromTheRestView(Projection projection) {
    Vec3 restBeam = base.restBeam();
    if (restBeam == null) {
      return false;
    }
    // judged once per view and rest beam, not per frame
    if (farJudgedFor == null || ProjectionChange.changed(farJudgedFor, projection) || restBeam != farJudgedAgainst) {
      Vec3 beam = new ProjectionGeometry(projection).beamDirection().normalized();
      farJudged = BackgroundRegistration.angleDeg(beam, restBeam) >= BackgroundRegistration.CONFIRM_ANGLE_DEG;
      farJudgedFor = projection;
      farJudgedAgainst = restBeam;
    }
    return farJudged;
  }

  /** Takes a finished job's outcome; {@code current} is the current frame's projection. */
  private void collectFinishedRegistration(Projection current) {
    if (inFlight == null || !inFlight.isDone()) {
      return;
    }
    BackgroundRegistration.Outcome outcome;
    try {
      outcome = inFlight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException e) {
      inFlight = null;
      // a device failure surfaces to the pipeline, which falls back (FrameTracker contract)
      throw new IllegalStateException("background registration failed: " + e.getCause(), e.getCause());
    }
    inFlight = null;
    RegistrationResult r = outcome.result();
    if (r.confidence() >= settings.confidenceThreshold()) {
      boolean newView = base == null || base.views() != outcome.views();
      base = outcome;
      // a check belongs to its views: a new view or pose starts unverified
      lastCheck = newView ? null : lastCheck;
      collectCheck(outcome.check());
      if (!heartMode || newView) {
        lastPose = r.transform();
      }
      failedRegistrations = 0;
      if (outcome.registered()) {
        registrations++;
        LOG.info("background registration accepted, confidence={}, similarity={}, timeMs={}, registrations={}",
            String.format("%.3f", r.confidence()), String.format("%.4f", r.similarity()),
            String.format("%.0f", r.timeMs()), registrations);
      } else if (newView) {
        LOG.info("patient pose carried to a new view, confidence={}, similarity={}", String.format("%.3f",
            r.confidence()), String.format("%.4f", r.similarity()));
      }
    } else if (ProjectionChange.changed(outcome.projection(), current)) {
      // the C-arm left the job's view while it ran: its rejection says nothing about the current view
      LOG.info("background registration rejected on a view the c-arm has left, not counted as a failure,"
          + " confidence={}, similarity={}", String.format("%.3f", r.confidence()), String.format("%.4f",
          r.similarity()));
    } else {
      failedRegistrations++;
      lastCheck = null;
      LOG.warn("background registration rejected, confidence={}, similarity={}, failuresInARow={}",
          String.format("%.3f", r.confidence()), String.format("%.4f", r.similarity()), failedRegistrations);
      if (lastPose == null) {
        lastPose = r.transform(); // shown amber, never as good
      }
    }
  }

  private void collectCheck(HeartCheck check) {
    if (check == null) {
      return;
    }
    lastCheck = check;
    LOG.debug("heart check collected, passed={}, correlation2d={}, correlation3d={}, disagreementMm={}",
        check.passed(heart), String.format("%.3f", check.correlation2d()),
        String.format("%.3f", check.correlation3d()), String.format("%.2f", check.disagreementMm()));
  }

  /** Heart mode: the frame's heart found in its residual, TRACKING when verified. */
  private PoseEstimate trackHeart(HostAttenuation image, long now) {
    HeartView view = base.views() == null ? null : base.views().tracking();
    float[] residual = view == null ? null : view.residual(image.pixels);
    heartShiftMm = Double.NaN;
    if (residual == null) {
      LOG.debug("heart residual unavailable, views={}", view != null);
      return estimate(TrackerPhase.UNRELIABLE, lastPose, confidenceOfBase(), age(now));
    }
    HeartView.Match m = lastMatch != null && lastMatchView == view ? view.follow(residual, lastMatch) : null;
    if (m == null || m.correlation() < heart.minCorrelation()) {
      m = view.match(residual);
    }
    lastMatch = m.correlation() >= heart.minCorrelation() ? m : null;
    lastMatchView = view;
    if (m.correlation() < heart.minCorrelation()) {
      LOG.debug("heart match poor, correlation={}", String.format("%.3f", m.correlation()));
      return estimate(TrackerPhase.UNRELIABLE, lastPose, confidenceOfBase(), age(now));
    }
    // as the background's heart check measures it (the prior's depth), to pick frames for a registration at rest
    heartShiftMm = view.translation(m.du(), m.dv(), heart.breathingDirection()).norm();
    breathing.add(view.projection, now, view.trackedPoint.plus(view.translation(m.du(), m.dv(), null)));
    BreathingDirectionEstimator.Estimate estimated = breathingEstimate();
    Vec3 direction = estimated != null ? estimated.direction() : heart.breathingDirection();
    lastPose = view.heartPose(view.translation(m.du(), m.dv(), direction));
    // the patient pose must be confirmed by two agreeing registrations with the heart at rest in two views: a single
    // view's registration errs in depth, which the check (in-plane) cannot see; the heart's depth needs the
    // patient's own breathing direction (the prior can be 15 degrees or more off, 1 mm or more in depth), seen
    // from this view at an angle that shows its depth
    String waitingFor = verificationWaitsFor(view, estimated != null ? direction : null, now);
    if (failedRegistrations > 0) {
      return estimate(unreliableOrLost(), lastPose, confidenceOfBase(), age(now));
    }
    TrackerPhase phase = waitingFor.isEmpty() ? TrackerPhase.TRACKING : TrackerPhase.UNVERIFIED;
    return new PoseEstimate(phase, lastPose.matrix(), clampConfidence(confidenceOfBase()), age(now), registrations,
        waitingFor);
  }

  /**
   * Heart mode: what the frame's heart pose still needs before it is verified, in the cardiologist's words, or empty
   * when it is verified, needing in turn: a registration with the heart at rest confirmed by one in a second view at
   * least {@link BackgroundRegistration#CONFIRM_ANGLE_DEG} away (a single view errs in depth); the patient's breathing
   * direction estimated from two views ({@code estimatedBreathing}, null until then); a view that sees depth along it;
   * and a passed heart check covering {@code now}.
   */
  private String verificationWaitsFor(HeartView view, Vec3 estimatedBreathing, long now) {
    if (base.restRegistrations() == 0) {
      return WAITING_FOR_REST;
    }
    if (base.restRegistrations() < BackgroundRegistration.CONFIRMED_AT_REST) {
      return farFromTheRestView(view.projection) ? WAITING_FOR_REST_IN_THIS_VIEW : WAITING_FOR_SECOND_VIEW;
    }
    if (estimatedBreathing == null) {
      return WAITING_FOR_BREATHING;
    }
    if (!view.seesDepthAlong(estimatedBreathing)) {
      return WAITING_FOR_DEPTH_VIEW;
    }
    if (lastCheck == null || !lastCheck.passed(heart) || !lastCheck.covers(now, heart)) {
      return WAITING_FOR_CHECK;
    }
    return "";
  }

  /** The breathing direction estimated so far, or null; logs when it is first found and when its views change. */
  private BreathingDirectionEstimator.Estimate breathingEstimate() {
    BreathingDirectionEstimator.Estimate e = breathing.estimate();
    int views = e != null ? e.views() : 0;
    if (views != breathingViews) {
      breathingViews = views;
      if (e != null) {
        Vec3 d = e.direction();
        LOG.info("breathing direction estimated from the heart's in-plane motion, direction=({}, {}, {}), views={},"
            + " planeAngleDeg={}, fromPriorDeg={}", String.format("%.3f", d.x()), String.format("%.3f", d.y()),
            String.format("%.3f", d.z()), views, String.format("%.1f", e.planeAngleDeg()),
            String.format("%.1f", Math.toDegrees(Math.acos(Math.min(1, d.dot(heart.breathingDirection().normalized()))))));
      } else {
        LOG.info("breathing direction not determined by the views so far: the prior is used, not TRACKING");
      }
    }
    return e;
  }

  /** The patient registration's start: the last accepted patient pose (not the heart's), else the nominal pose. */
  private RigidTransform patientStart() {
    if (base != null) {
      return base.result().transform();
    }
    return lastPose != null ? lastPose : RigidTransform.IDENTITY;
  }

  private TrackerPhase unreliableOrLost() {
    return failedRegistrations >= settings.lostAfterFailures() ? TrackerPhase.LOST : TrackerPhase.UNRELIABLE;
  }

  private double confidenceOfBase() {
    return base != null ? base.result().confidence() : 0;
  }

  private long age(long now) {
    return base != null ? Math.max(0, now - base.timestampNanos()) : 0;
  }

  private PoseEstimate estimate(TrackerPhase phase, RigidTransform pose, double confidence, long ageNanos) {
    return new PoseEstimate(phase, pose.matrix(), clampConfidence(confidence), ageNanos, registrations);
  }

  private static double clampConfidence(double confidence) {
    return Math.max(0, Math.min(1, confidence));
  }

  @Override
  public void reset() {
    // a running job finishes on its own thread; its outcome is dropped with the future
    if (inFlight != null) {
      inFlight.cancel(false);
      inFlight = null;
    }
    base = null;
    lastCheck = null;
    lastMatch = null;
    lastMatchView = null;
    lastPose = null;
    lastProjection = null;
    stillFrames = 0;
    failedRegistrations = 0;
    breathing.clear();
    breathingViews = 0;
  }

  /** The background registration's backend ({@code java} in CPU mode, the GPU's in GPU heart mode). */
  @Override
  public String backendName() {
    return background.backendName();
  }

  @Override
  public void close() {
    background.close();
  }
}
