package cathnav.core.tracking;

import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.registration.AttenuationPyramid;
import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.RawFrame;
import cathnav.core.registration.Registrar;
import cathnav.core.registration.RegistrationOptions;
import cathnav.core.registration.RegistrationResult;
import cathnav.core.service.FrameTracker;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.PoseEstimate.TrackerPhase;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.Projection;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-frame intensity-based tracking on a fast backend (a GPU) for models without a heart region (with one,
 * {@link RegistrationTrackerFactory} opens a {@link MotionCompensatedTracker} in heart mode on the GPU instead, the
 * mode that can verify the heart and report TRACKING): every frame is registered, either fully (first
 * frame, after a C-arm move, after an unreliable frame) or by a bounded local update from the last pose
 * ({@link TrackerSettings#tracking()}), whose result is re-scored on the calibrated stage so its confidence means
 * the same as a full registration's.
 *
 * <p>Phases: no trusted pose yet and the first registration failed: UNRELIABLE with that result (amber), or LOST
 * after {@link TrackerSettings#lostAfterFailures()} failed full registrations in a row; a pose that passes the
 * confidence threshold: UNVERIFIED, never TRACKING (the registration scores the whole CT, so it follows the
 * thorax, spine and ribs included, not the heart that moves against them with breathing: the same reason as in
 * {@link MotionCompensatedTracker} without a heart region; the overlay is shown amber: without a heart region there
 * is no heart to verify);
 * a local update below the threshold: UNRELIABLE and the next frame is fully registered. A C-arm move (P changed)
 * always triggers a full registration. Pose age is 0: each pose was computed from its own frame's pixels.
 *
 * <p>Threading: {@link #track}, {@link #reset} and {@link #close} on the pipeline thread only, which owns the
 * backend (this tracker closes it). {@code pixels} is only read during the call.
 */
public final class IntensityTracker implements FrameTracker {

  private static final Logger LOG = LoggerFactory.getLogger(IntensityTracker.class);

  private final ComputeBackend backend;
  private final DeviceVolume volume;
  private final Registrar registrar;
  private final TrackerSettings settings;
  private RigidTransform pose;
  private Projection lastProjection;
  private boolean fullRegistrationDue = true;
  private int failedRegistrations;
  private long registrations;

  /** Takes ownership of {@code backend}; uploads the model's CT to it. */
  public IntensityTracker(ComputeBackend backend, RegistrationModel model, TrackerSettings settings,
      ConfidenceCalibration calibration) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.volume = backend.uploadVolume(model.ct(), model.attenuation());
    this.registrar = new Registrar(backend, volume, model.centre(), calibration);
  }

  @Override
  public PoseEstimate track(float[] pixels, FrameGeometry geometry, long sourceTimestampNanos) {
    Projection projection = geometry.projection();
    if (lastProjection != null && ProjectionChange.changed(lastProjection, projection)) {
      LOG.info("c-arm moved, full registration scheduled, backend={}", backend.name());
      fullRegistrationDue = true;
    }
    lastProjection = projection;
    RawFrame frame = new RawFrame(geometry.width(), geometry.height(), pixels);
    RegistrationOptions options = fullRegistrationDue || pose == null ? settings.full() : settings.tracking();
    int levels = Math.max(options.levels(), RegistrationOptions.calibratedStage().level() + 1);
    try (AttenuationPyramid pyramid =
        AttenuationPyramid.build(backend, frame, projection, options.finestMaxSize(), levels)) {
      RigidTransform start = pose != null ? pose : RigidTransform.IDENTITY;
      RegistrationResult result = registrar.register(pyramid, start, options);
      if (options == settings.full()) {
        return afterFullRegistration(result);
      }
      // the registration measured its evidence (calibrated stage, 13 poses, noise ceiling) at the pose it returns:
      // its confidence is this update's, measuring it again would only cost time
      double confidence = result.confidence();
      if (confidence >= settings.confidenceThreshold()) {
        pose = result.transform();
        return estimate(TrackerPhase.UNVERIFIED, pose, confidence);
      }
      LOG.info("tracking update unreliable, confidence={}, similarity={} ({}): full registration scheduled",
          String.format("%.3f", confidence), String.format("%.4f", result.similarity()), result.metric());
      fullRegistrationDue = true;
      return estimate(TrackerPhase.UNRELIABLE, result.transform(), confidence);
    }
  }

  private PoseEstimate afterFullRegistration(RegistrationResult result) {
    if (result.confidence() >= settings.confidenceThreshold()) {
      pose = result.transform();
      fullRegistrationDue = false;
      failedRegistrations = 0;
      registrations++;
      LOG.info("full registration accepted, confidence={}, similarity={}, timeMs={}, registrations={}",
          String.format("%.3f", result.confidence()), String.format("%.4f", result.similarity()),
          String.format("%.0f", result.timeMs()), registrations);
      return estimate(TrackerPhase.UNVERIFIED, pose, result.confidence());
    }
    failedRegistrations++;
    LOG.warn("full registration rejected, confidence={}, similarity={}, failuresInARow={}",
        String.format("%.3f", result.confidence()), String.format("%.4f", result.similarity()), failedRegistrations);
    TrackerPhase phase =
        failedRegistrations >= settings.lostAfterFailures() ? TrackerPhase.LOST : TrackerPhase.UNRELIABLE;
    // the last trusted pose (patient unchanged, C-arm maybe moved) if there is one, else the doubtful result
    return estimate(phase, pose != null ? pose : result.transform(), result.confidence());
  }

  private PoseEstimate estimate(TrackerPhase phase, RigidTransform t, double confidence) {
    return new PoseEstimate(phase, t.matrix(), Math.max(0, Math.min(1, confidence)), 0, registrations);
  }

  @Override
  public void reset() {
    pose = null;
    lastProjection = null;
    fullRegistrationDue = true;
    failedRegistrations = 0;
  }

  @Override
  public String backendName() {
    return backend.name();
  }

  @Override
  public void close() {
    try {
      volume.close();
    } finally {
      backend.close();
    }
  }
}
