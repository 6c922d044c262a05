package cathnav.core.tracking;

import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.service.FrameTracker;
import cathnav.core.service.ProcedureModel;
import cathnav.core.service.TrackerFactory;
import cathnav.gpu.BackendSelection;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's tracker factory. The model's {@link ProcedureModel#registrationData()} must be a
 * {@link RegistrationModel} (else the {@code withoutCt} factory, if any, opens the tracker). The backend request
 * ({@code cuda}, {@code opencl}, {@code java}; {@code auto} takes the best that probes) is opened once on the calling
 * thread to check that it works ({@link FallbackPolicy#FAIL}: an unavailable backend throws here, and the pipeline
 * falls back to java), then:
 *
 * <ul>
 *   <li>a model with a heart region, any backend: a {@link MotionCompensatedTracker} in heart mode, whose patient
 *       registrations and 3D heart checks run on its {@link BackgroundRegistration} thread with its own backend of
 *       the selected kind ({@link BackendSupply}: opened, used and closed on that thread; the pipeline thread keeps
 *       no backend); the per-frame 2D heart match runs on the pipeline thread. The only mode that reports TRACKING.
 *       On a GPU the background jobs finish in milliseconds instead of seconds, so the heart checks are fresher;
 *   <li>no heart region, GPU backend: an {@link IntensityTracker} registering the whole CT every frame on the
 *       pipeline thread (never TRACKING: it follows the thorax, not the heart);
 *   <li>no heart region, java: a {@link MotionCompensatedTracker} with 2D template matching (never TRACKING).
 * </ul>
 *
 * <p>A GPU failure after the tracker opened (the background backend fails to open or in a job) surfaces from
 * {@link FrameTracker#track} as an exception while the tracker reports the GPU's {@link FrameTracker#backendName()},
 * which makes the pipeline close it and open a java tracker.
 *
 * <p>Thread-safety: {@link #open} is called on the pipeline thread; the factory itself is immutable.
 */
public final class RegistrationTrackerFactory implements TrackerFactory {

  private static final Logger LOG = LoggerFactory.getLogger(RegistrationTrackerFactory.class);

  private final TrackerSettings settings;
  private final ConfidenceCalibration calibration;
  private final TrackerFactory withoutCt;
  private final Executor registrationExecutor; // null: the background registration's own thread

  /**
   * @param withoutCt opens the tracker for models that carry no {@link RegistrationModel} (no CT), or null to
   *     refuse them
   */
  public RegistrationTrackerFactory(TrackerSettings settings, ConfidenceCalibration calibration,
      TrackerFactory withoutCt) {
    this(settings, calibration, withoutCt, null);
  }

  private RegistrationTrackerFactory(TrackerSettings settings, ConfidenceCalibration calibration,
      TrackerFactory withoutCt, Executor registrationExecutor) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.calibration = Objects.requireNonNull(calibration, "calibration");
    this.withoutCt = withoutCt;
    this.registrationExecutor = registrationExecutor;
  }

  /** Default settings and the shipped confidence table. */
  public static RegistrationTrackerFactory withDefaults() {
    return new RegistrationTrackerFactory(TrackerSettings.DEFAULT, ConfidenceCalibration.load(), null);
  }

  /** This factory, handing models without a CT to {@code fallback} (for example a fixed-pose tracker). */
  public RegistrationTrackerFactory orElse(TrackerFactory fallback) {
    return new RegistrationTrackerFactory(settings, calibration, Objects.requireNonNull(fallback, "fallback"),
        registrationExecutor);
  }

  /**
   * This factory, with the background tracker's jobs (full registrations, heart checks) run on
   * {@code executor} instead of their own thread (one job at a time, on one thread). {@code Runnable::run} runs
   * them inline on the pipeline thread: each frame's job is finished before the next frame is tracked, so replaying
   * the same recording gives the same poses and overlays on any machine (deterministic replay; the pipeline then
   * waits for every job, so it is not for live use).
   */
  public RegistrationTrackerFactory withRegistrationExecutor(Executor executor) {
    return new RegistrationTrackerFactory(settings, calibration, withoutCt,
        Objects.requireNonNull(executor, "executor"));
  }

  @Override
  public FrameTracker open(ProcedureModel model, String backend) {
    if (!(model.registrationData() instanceof RegistrationModel data)) {
      if (withoutCt != null) {
        LOG.info("model has no registration CT, tracker from the fallback factory, model={}", model.name());
        return withoutCt.open(model, backend);
      }
      throw new IllegalArgumentException("model has no registration data (a RegistrationModel), model="
          + model.name() + ", registrationData=" + (model.registrationData() == null ? "null"
          : model.registrationData().getClass().getSimpleName()));
    }
    BackendSelection selection = ComputeBackends.select(backend, FallbackPolicy.FAIL);
    ComputeBackend be = selection.backend();
    String name = be.name();
    if (!"java".equals(name) && !data.hasHeart()) {
      LOG.info("tracker opened, mode=intensity, backend={}, model={}", name, model.name());
      try {
        return new IntensityTracker(be, data, settings, calibration);
      } catch (RuntimeException e) {
        be.close();
        throw e;
      }
    }
    // the pipeline thread keeps no backend here: the background thread opens its own of the same kind, so a CUDA
    // context or OpenCL queue lives and dies on the one thread that uses it
    be.close();
    LOG.info("tracker opened, mode={}, backend={}, model={}", data.hasHeart() ? "heart" : "motion-compensated",
        name, model.name());
    BackgroundRegistration background = new BackgroundRegistration(BackendSupply.named(name), data, calibration,
        settings.full(), settings.heart(), registrationExecutor);
    return new MotionCompensatedTracker(background, data, settings);
  }
}
