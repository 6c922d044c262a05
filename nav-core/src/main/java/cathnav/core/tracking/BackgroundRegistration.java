package cathnav.core.tracking;

import cathnav.core.geometry.RigidTransform;
import cathnav.core.registration.AttenuationPyramid;
import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.RawFrame;
import cathnav.core.registration.Registrar;
import cathnav.core.registration.RegistrationOptions;
import cathnav.core.registration.RegistrationResult;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.Projection;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full registrations on a dedicated thread ({@code cathnav-registration}) with its own compute backend, so the
 * pipeline thread never waits for one.
 *
 * <p>Threading contract: {@link #submit} and {@link #close} are called by one owner thread (the pipeline thread);
 * the backend, its volume and the registrar are created, used and closed on the registration thread only. Results
 * come back as futures the owner polls without blocking ({@link CompletableFuture#isDone()}). At most one job runs
 * at a time; the owner submits the next only when the last is done.
 */
final class BackgroundRegistration implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundRegistration.class);

  /** A finished job: the result and the frame it registered. */
  record Outcome(RegistrationResult result, HostAttenuation image, Projection projection, long timestampNanos) {}

  private final ExecutorService thread;
  private final Supplier<ComputeBackend> backendFactory;
  private final RegistrationModel model;
  private final ConfidenceCalibration calibration;
  private final RegistrationOptions options;
  // registration-thread state
  private ComputeBackend backend;
  private DeviceVolume volume;
  private Registrar registrar;

  BackgroundRegistration(Supplier<ComputeBackend> backendFactory, RegistrationModel model,
      ConfidenceCalibration calibration, RegistrationOptions options) {
    this.backendFactory = Objects.requireNonNull(backendFactory, "backendFactory");
    this.model = Objects.requireNonNull(model, "model");
    this.calibration = Objects.requireNonNull(calibration, "calibration");
    this.options = Objects.requireNonNull(options, "options");
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cathnav-registration");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts a full registration of {@code frame} (handed over: the caller must not modify it) from {@code start}.
   * {@code image} is the caller's host attenuation of the same frame, returned with the outcome as the 2D
   * tracking reference.
   */
  CompletableFuture<Outcome> submit(RawFrame frame, Projection projection, RigidTransform start, HostAttenuation image,
      long timestampNanos) {
    return CompletableFuture.supplyAsync(() -> {
      ensureOpen();
      try (AttenuationPyramid pyramid =
          AttenuationPyramid.build(backend, frame, projection, options.finestMaxSize(), options.levels())) {
        RegistrationResult r = registrar.register(pyramid, start, options);
        return new Outcome(r, image, projection, timestampNanos);
      }
    }, thread);
  }

  private void ensureOpen() {
    if (registrar == null) {
      backend = backendFactory.get();
      volume = backend.uploadVolume(model.ct(), model.attenuation());
      registrar = new Registrar(backend, volume, model.centre(), calibration);
      LOG.info("background registration ready, backend={}", backend.name());
    }
  }

  String backendName() {
    return backend != null ? backend.name() : "java";
  }

  /** Releases the backend on its own thread and stops the thread; waits at most 5 s for a running job. */
  @Override
  public void close() {
    thread.execute(() -> {
      if (volume != null) {
        volume.close();
      }
      if (backend != null) {
        backend.close();
      }
    });
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("background registration still running at close, abandoning it");
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.shutdownNow();
    }
  }
}
