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
 * CPU-mode tracking: full 2D/3D registrations run continuously in the background ({@link BackgroundRegistration},
 * its own thread and backend), and each frame is brought up to date by 2D motion compensation on the pipeline
 * thread: the heart region of the frame the last accepted registration used is found in the current frame by
 * template matching ({@link TemplateMatcher}), and the in-plane shift is applied to that registration's pose as a
 * translation parallel to the detector at the heart's depth.
 *
 * <p>Each estimate carries the age of its full registration ({@code frame time - registered frame's time}).
 * Phases: REGISTERING until the first registration is accepted; UNVERIFIED while the template matches (never
 * TRACKING: the registration and the template follow the whole thorax, not the heart, so the compensated pose
 * can be several mm off the heart while the match looks perfect; the overlay is shown amber); UNRELIABLE
 * (last pose, amber) when the match is poor, after a C-arm move (the template belongs to the old view; the pose
 * itself, RAS to RAS, still holds) or when a registration is rejected; LOST after
 * {@link TrackerSettings#lostAfterFailures()} rejected registrations in a row.
 *
 * <p>Threading: {@link #track}, {@link #reset} and {@link #close} on the pipeline thread only; it never blocks on the
 * background registration. {@code pixels} is copied when a registration is started.
 */
public final class MotionCompensatedTracker implements FrameTracker {

  private static final Logger LOG = LoggerFactory.getLogger(MotionCompensatedTracker.class);

  /** Longer side of the host image the template matching runs on, pixels. */
  static final int TRACKING_SIZE = 256;

  private final BackgroundRegistration background;
  private final TrackerSettings settings;
  private final Vec3 modelCentre;
  private final TemplateMatcher matcher = new TemplateMatcher(40, 32);

  private CompletableFuture<BackgroundRegistration.Outcome> inFlight;
  private BackgroundRegistration.Outcome base; // last accepted registration
  private RigidTransform lastPose;
  private Projection lastProjection;
  private int failedRegistrations;
  private long registrations;

  /** Starts no thread work until the first frame. Owns {@code background}. */
  MotionCompensatedTracker(BackgroundRegistration background, RegistrationModel model, TrackerSettings settings) {
    this.background = background;
    this.settings = settings;
    this.modelCentre = model.centre();
  }

  @Override
  public PoseEstimate track(float[] pixels, FrameGeometry geometry, long sourceTimestampNanos) {
    Projection projection = geometry.projection();
    boolean moved = lastProjection != null && ProjectionChange.changed(lastProjection, projection);
    lastProjection = projection;
    HostAttenuation image = HostAttenuation.of(pixels, projection, TRACKING_SIZE);
    if (moved) {
      LOG.info("c-arm moved: 2D template dropped, full registration scheduled");
    }
    collectFinishedRegistration();
    if (inFlight == null) {
      RawFrame copy = new RawFrame(geometry.width(), geometry.height(),
          java.util.Arrays.copyOf(pixels, geometry.width() * geometry.height()));
      RigidTransform start = lastPose != null ? lastPose : RigidTransform.IDENTITY;
      inFlight = background.submit(copy, projection, start, image, sourceTimestampNanos);
    }

    if (base == null || ProjectionChange.changed(base.projection(), projection)) {
      if (lastPose == null) {
        return new PoseEstimate(TrackerPhase.REGISTERING, null, 0, 0, registrations);
      }
      return estimate(unreliableOrLost(), lastPose, confidenceOfBase(), age(sourceTimestampNanos));
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

  private void collectFinishedRegistration() {
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
      base = outcome;
      lastPose = r.transform();
      failedRegistrations = 0;
      registrations++;
      LOG.info("background registration accepted, confidence={}, similarity={}, timeMs={}, registrations={}",
          String.format("%.3f", r.confidence()), String.format("%.4f", r.similarity()),
          String.format("%.0f", r.timeMs()), registrations);
    } else {
      failedRegistrations++;
      LOG.warn("background registration rejected, confidence={}, similarity={}, failuresInARow={}",
          String.format("%.3f", r.confidence()), String.format("%.4f", r.similarity()), failedRegistrations);
      if (lastPose == null) {
        lastPose = r.transform(); // shown amber, never as good
      }
    }
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
    return new PoseEstimate(phase, pose.matrix(), Math.max(0, Math.min(1, confidence)), ageNanos, registrations);
  }

  @Override
  public void reset() {
    // a running job finishes on its own thread; its outcome is dropped with the future
    if (inFlight != null) {
      inFlight.cancel(false);
      inFlight = null;
    }
    base = null;
    lastPose = null;
    lastProjection = null;
    failedRegistrations = 0;
  }

  @Override
  public String backendName() {
    return "java";
  }

  @Override
  public void close() {
    background.close();
  }
}
