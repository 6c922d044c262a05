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
 * The service's tracker factory: on a GPU backend ({@code cuda}, {@code opencl}) an {@link IntensityTracker} that
 * registers every frame on the pipeline thread; on {@code java} a {@link MotionCompensatedTracker} whose full
 * registrations run on a background thread with its own java backend. {@code auto} takes the best backend that
 * probes. The model's {@link ProcedureModel#registrationData()} must be a {@link RegistrationModel}.
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
   * This factory, with the CPU-mode tracker's background jobs (full registrations, heart checks) run on
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
    if (!"java".equals(be.name())) {
      LOG.info("tracker opened, mode=intensity, backend={}, model={}", be.name(), model.name());
      try {
        return new IntensityTracker(be, data, settings, calibration);
      } catch (RuntimeException e) {
        be.close();
        throw e;
      }
    }
    // the pipeline thread keeps no backend in CPU mode: the background thread opens its own
    be.close();
    LOG.info("tracker opened, mode=motion-compensated, backend=java, model={}", model.name());
    BackgroundRegistration background = new BackgroundRegistration(
        () -> ComputeBackends.select("java", FallbackPolicy.FAIL).backend(), data, calibration, settings.full(),
        settings.heart(), registrationExecutor);
    return new MotionCompensatedTracker(background, data, settings);
  }
}
