package cathnav.core.tracking;

import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.core.registration.AttenuationPyramid;
import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.RawFrame;
import cathnav.core.registration.Registrar;
import cathnav.core.registration.RegistrationEvidence;
import cathnav.core.registration.RegistrationOptions;
import cathnav.core.registration.RegistrationResult;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full registrations, and for models with a heart region the heart's views and checks, on a dedicated thread
 * ({@code cathnav-registration}) with its own compute backend, so the pipeline thread never waits for one. The
 * backend is the java one in CPU mode and the GPU's ({@code opencl}, {@code cuda}) in GPU heart mode
 * ({@link BackendSupply}).
 *
 * <p>A job finds the patient pose for its frame (the whole CT, {@link Registrar}; an accepted pose is only
 * re-scored) and, with a heart region, renders the {@link HeartViews} at that pose (once per view and pose) and
 * checks the frame's heart: the 2D estimate on the tracking grid against a 3D heart registration
 * ({@link HeartRegistration}) on the check grid ({@link HeartCheck}).
 *
 * <p>Threading contract: {@link #submit} and {@link #close} are called by one owner thread (the pipeline thread);
 * the backend (opened by {@link BackendSupply#open()} at the first job), its volumes and the registrar are created,
 * used and closed on the registration thread only. A backend that fails to open or fails in a job completes that
 * job's future exceptionally (the owner surfaces it, so the pipeline falls back to java). Results
 * come back as futures the owner polls without blocking ({@link CompletableFuture#isDone()}). At most one job runs
 * at a time; the owner submits the next only when the last is done.
 */
final class BackgroundRegistration implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundRegistration.class);

  /**
   * The 2D heart estimate within this distance (mm) of the heart's place in the CT counts as the heart at rest: the
   * patient is registered again on such a frame (a whole-CT registration of a frame whose heart has moved is pulled
   * towards it, in depth too, which no single view can check afterwards).
   */
  static final double HEART_AT_REST_MM = 1.0;

  /**
   * Two registrations with the heart at rest in two views confirm the patient pose when they agree within this along
   * the axis both views see ({@link TwoViewFusion#commonAxisMm}), mm; the confirmed pose is their triangulation
   * (each one's depth, along its own beam, taken from the other).
   */
  static final double REST_AGREEMENT_MM = 1.0;

  /** The smallest angle between the beams of two views whose registrations can confirm each other's depth. */
  static final double CONFIRM_ANGLE_DEG = 20;

  /** The angle between two unit vectors, degrees. */
  static double angleDeg(Vec3 a, Vec3 b) {
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, a.dot(b)))));
  }

  /**
   * A second-view rest registration that disagrees with the reference pose is tried again, up to this many attempts
   * in all, before it replaces the reference (the frame's noise alone moves a second view's registration 0.4 to
   * 1.2 mm from a right pose; a pose 2 mm off in depth moves about 1 mm or more in a view 30 degrees away, so a few
   * attempts rarely confirm it by chance, and the heart check still stands between it and TRACKING).
   */
  static final int CONFIRM_ATTEMPTS = 3;

  /** The rest-registration count of a confirmed patient pose. */
  static final int CONFIRMED_AT_REST = 2;

  /** How long {@link #close} waits for a running job, seconds. */
  static final long CLOSE_WAIT_S = 5;

  /** Longer side of the 3D heart check's image, pixels. */
  static final int CHECK_SIZE = 128;

  /**
   * A finished job: the patient pose for the frame ({@code registered}: a full registration ran; otherwise the
   * accepted pose passed on after scoring it on this frame; {@code restRegistrations}: 0 when the pose was not
   * registered on a frame whose heart was at its place in the CT, 1 when it was, {@link #CONFIRMED_AT_REST} when a
   * second such registration in a view at least {@link #CONFIRM_ANGLE_DEG} away agreed within
   * {@link #REST_AGREEMENT_MM} along the axis both see (the pose is then their triangulation); {@code restBeam}: the beam direction of the first one), the frame it used, and for models with a heart region
   * the heart views of the patient pose and the frame's heart check (null otherwise, or when the residual could not
   * be formed).
   */
  record Outcome(RegistrationResult result, boolean registered, int restRegistrations, Vec3 restBeam,
      HostAttenuation image,
      Projection projection, long timestampNanos, HeartViews views, HeartCheck check) {}

  private final Executor thread;
  private final ExecutorService ownThread; // null when the executor was injected
  private final BackendSupply backendSupply;
  private final RegistrationModel model;
  private final ConfidenceCalibration calibration;
  private final RegistrationOptions options;
  private final HeartVerification heartSettings;
  // registration-thread state
  private ComputeBackend backend;
  private DeviceVolume volume;
  private Registrar registrar;
  private HeartLayers layers;
  private DeviceVolume staticLayer;
  private DeviceVolume heartLayer;
  private HeartRegistration heartRegistration;
  private RenderOptions heartRender;
  private HeartViews lastViews;
  private int disagreements; // second-view rest registrations in a row that did not confirm the reference pose

  BackgroundRegistration(BackendSupply backendSupply, RegistrationModel model,
      ConfidenceCalibration calibration, RegistrationOptions options, HeartVerification heartSettings) {
    this(backendSupply, model, calibration, options, heartSettings, null);
  }

  /**
   * @param executor runs the jobs instead of an own thread, or null for the own thread; it must run one job at a
   *     time on one thread (that thread owns the backend). {@code Runnable::run} runs each job inline on the owner's
   *     thread, so a job submitted for frame k is done before frame k + 1 is tracked, whatever the machine's speed:
   *     replays become reproducible. An injected executor is not shut down at {@link #close}.
   */
  BackgroundRegistration(BackendSupply backendSupply, RegistrationModel model,
      ConfidenceCalibration calibration, RegistrationOptions options, HeartVerification heartSettings,
      Executor executor) {
    this.backendSupply = Objects.requireNonNull(backendSupply, "backendSupply");
    this.model = Objects.requireNonNull(model, "model");
    this.calibration = Objects.requireNonNull(calibration, "calibration");
    this.options = Objects.requireNonNull(options, "options");
    this.heartSettings = Objects.requireNonNull(heartSettings, "heartSettings");
    this.ownThread = executor != null ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cathnav-registration");
      t.setDaemon(true);
      return t;
    });
    this.thread = executor != null ? executor : ownThread;
  }

  BackgroundRegistration(BackendSupply backendSupply, RegistrationModel model,
      ConfidenceCalibration calibration, RegistrationOptions options) {
    this(backendSupply, model, calibration, options, HeartVerification.DEFAULT);
  }

  /**
   * Starts a job on {@code frame} (handed over: the caller must not modify it). {@code image} is the caller's host
   * image of the same frame (the tracking grid; attenuation, or with a heart region the mean intensities), returned
   * with the outcome.
   *
   * <p>With an accepted {@code patientPose} the job first judges it on this frame (its confidence evidence: 13 poses
   * scored in one batch at the calibrated stage): the patient does not move when the C-arm does, so a pose that still scores at
   * least {@code acceptConfidence} is passed on without a registration; otherwise, and without a pose, the patient
   * is registered from {@code start}. With a heart region, a pose not yet confirmed at rest
   * ({@code patientRestRegistrations} below {@link #CONFIRMED_AT_REST}) is registered again on frames whose heart is
   * at rest, in a second view at least {@link #CONFIRM_ANGLE_DEG} from the first, until two such registrations
   * agree.
   */
  CompletableFuture<Outcome> submit(RawFrame frame, Projection projection, RigidTransform start, HostAttenuation image,
      long timestampNanos, RigidTransform patientPose, int patientRestRegistrations, Vec3 patientRestBeam,
      double acceptConfidence) {
    return CompletableFuture.supplyAsync(() -> {
      ensureOpen();
      RegistrationResult r = null;
      boolean registered = false;
      try (AttenuationPyramid pyramid = pyramid(frame, projection)) {
        if (patientPose != null) {
          long t0 = System.nanoTime();
          RegistrationEvidence evidence = registrar.evidence(pyramid, patientPose);
          double similarity = evidence.similarity();
          double confidence = registrar.confidence(evidence);
          if (confidence >= acceptConfidence) {
            r = new RegistrationResult(patientPose, similarity, RegistrationOptions.calibratedStage().metric(),
                confidence, 13, 0, System.nanoTime() - t0);
          } else {
            LOG.info("patient pose no longer fits the frame, confidence={}, similarity={}: registering",
                String.format("%.3f", confidence), String.format("%.4f", similarity));
          }
        }
        if (r == null) {
          r = registrar.register(pyramid, patientPose != null ? patientPose : start, options);
          registered = true;
        }
      }
      HeartViews views = null;
      HeartCheck check = null;
      int rest = 0;
      Vec3 restBeam = null;
      if (layers != null && r.confidence() >= acceptConfidence) {
        views = viewsFor(frame, image.projection, projection, r.transform());
        check = check(views, frame, projection, image, timestampNanos);
        rest = registered ? 0 : patientRestRegistrations;
        restBeam = registered ? null : patientRestBeam;
        Vec3 beam = new ProjectionGeometry(projection).beamDirection().normalized();
        if (rest < CONFIRMED_AT_REST && heartAtRest(check)) {
          if (registered) {
            rest = 1; // this registration's own frame showed the heart at rest
            restBeam = beam;
            disagreements = 0;
          } else if (rest == 0 || restBeam == null || angleDeg(beam, restBeam) >= CONFIRM_ANGLE_DEG) {
            // the heart is where the CT saw it: the whole CT matches this frame, so its registration is not pulled
            // by a displaced heart; one in another view that agrees confirms the pose's depth, which a single view
            // cannot see (two registrations in one view share its depth bias)
            RegistrationResult again;
            try (AttenuationPyramid pyramid = pyramid(frame, projection)) {
              again = registrar.register(pyramid, r.transform(), options);
            }
            double movedMm = again.transform().apply(model.centre()).distance(r.transform().apply(model.centre()));
            TwoViewFusion fused = rest >= 1 && restBeam != null
                ? TwoViewFusion.of(r.transform(), restBeam, again.transform(), beam, model.centre()) : null;
            LOG.info("patient registered with the heart at rest, confidence={}, movedMm={}, restRegistrations={},"
                + " commonAxisMm={}, depthCorrectionsMm={}", String.format("%.3f", again.confidence()),
                String.format("%.2f", movedMm), rest + 1, fused != null ? String.format("%.2f", fused.commonAxisMm())
                : "-", fused != null ? String.format("%.2f/%.2f", fused.firstDepthMm(), fused.secondDepthMm()) : "-");
            boolean confirms = fused != null && fused.agrees(REST_AGREEMENT_MM);
            if (confirms && again.confidence() >= acceptConfidence) {
              again = new RegistrationResult(fused.pose(), again.similarity(), again.metric(), again.confidence(),
                  again.evaluations(), again.generations(), again.timeNs());
            }
            if (again.confidence() >= acceptConfidence && !confirms && rest >= 1
                && ++disagreements < CONFIRM_ATTEMPTS) {
              // the frame's noise alone moves a second view's registration 0.4 to 1.2 mm from a right pose: the
              // first view's pose stays the reference and is tried again on a later frame at rest in a view at
              // least CONFIRM_ANGLE_DEG from it, rather than replaced by a pose only a third view could confirm
              LOG.info("rest registrations disagree, movedMm={}, attempt={} of {}: the reference pose is tried again",
                  String.format("%.2f", movedMm), disagreements, CONFIRM_ATTEMPTS);
            } else if (again.confidence() >= acceptConfidence) {
              disagreements = 0;
              rest = confirms ? CONFIRMED_AT_REST : 1;
              restBeam = confirms ? restBeam : beam;
              r = again;
              registered = true;
              views = viewsFor(frame, image.projection, projection, r.transform());
              check = check(views, frame, projection, image, timestampNanos);
            }
          }
        }
      }
      return new Outcome(r, registered, rest, restBeam, image, projection, timestampNanos, views, check);
    }, thread);
  }

  /** The 2D heart estimate is within {@link #HEART_AT_REST_MM} of the heart's place in the CT, with a good match. */
  private boolean heartAtRest(HeartCheck check) {
    return check != null && check.correlation2d() >= heartSettings.minCorrelation()
        && check.translation2d().norm() <= HEART_AT_REST_MM;
  }

  private AttenuationPyramid pyramid(RawFrame frame, Projection projection) {
    int levels = Math.max(options.levels(), RegistrationOptions.calibratedStage().level() + 1);
    return AttenuationPyramid.build(backend, frame, projection, options.finestMaxSize(), levels);
  }

  /** A patient registration from {@code start}, whatever pose was accepted before. */
  CompletableFuture<Outcome> submit(RawFrame frame, Projection projection, RigidTransform start, HostAttenuation image,
      long timestampNanos) {
    return submit(frame, projection, start, image, timestampNanos, null, 0, null, 1);
  }

  /** The views of this C-arm view and patient pose: the last ones when both are unchanged, else rendered. */
  private HeartViews viewsFor(RawFrame frame, Projection trackingGrid, Projection frameProjection,
      RigidTransform patientPose) {
    if (lastViews != null && lastViews.tracking().patientPose.equals(patientPose)
        && lastViews.tracking().sameView(trackingGrid)) {
      return lastViews;
    }
    int trackingSize = Math.max(trackingGrid.width(), trackingGrid.height());
    lastViews = renderViews(frame, frameProjection, trackingSize, patientPose);
    return lastViews;
  }

  private HeartViews renderViews(RawFrame frame, Projection frameProjection, int trackingSize,
      RigidTransform patientPose) {
    HostAttenuation fine = HostAttenuation.intensities(frame.pixels(), frameProjection, trackingSize);
    HostAttenuation coarse = HostAttenuation.intensities(frame.pixels(), frameProjection, CHECK_SIZE);
    return new HeartViews(view(fine, patientPose), view(coarse, patientPose));
  }

  private HeartView view(HostAttenuation intensity, RigidTransform patientPose) {
    Projection grid = intensity.projection;
    Vec3 centre = patientPose.apply(layers.heartCentre());
    double mmPerPixel = new ProjectionGeometry(grid).mmPerPixelUAt(centre);
    int margin = (int) Math.ceil(heartSettings.searchMm() / mmPerPixel);
    return HeartView.render(backend, staticLayer, heartLayer, grid, patientPose, model.centre(), heartRender,
        margin, intensity.pixels);
  }

  private HeartCheck check(HeartViews views, RawFrame frame, Projection projection, HostAttenuation image,
      long timestampNanos) {
    float[] r2 = views.tracking().residual(image.pixels);
    HostAttenuation coarse = HostAttenuation.intensities(frame.pixels(), projection, CHECK_SIZE);
    float[] r3 = views.check().residual(coarse.pixels);
    if (r2 == null || r3 == null) {
      LOG.info("heart check skipped: the frame's intensities could not be fitted to the static layer");
      return null;
    }
    HeartView.Match m = views.tracking().match(r2);
    Vec3 t2 = views.tracking().translation(m.du(), m.dv(), heartSettings.breathingDirection());
    HeartRegistration.Result h = heartRegistration.register(views.check(), r3, timestampNanos);
    double disagreement = views.tracking().inPlaneDistance(t2, h.translation());
    HeartCheck c = new HeartCheck(timestampNanos, t2, m.correlation(), h.translation(), h.correlation(),
        disagreement);
    LOG.debug("heart check, passed={}, correlation2d={}, correlation3d={}, disagreementMm={}, evaluations={}",
        c.passed(heartSettings), String.format("%.3f", m.correlation()), String.format("%.3f", h.correlation()),
        String.format("%.2f", disagreement), h.evaluations());
    return c;
  }

  private void ensureOpen() {
    if (registrar == null) {
      if (backend == null) { // a job that failed after opening it leaves it open: close() releases it
        backend = backendSupply.open();
      }
      volume = backend.uploadVolume(model.ct(), model.attenuation());
      registrar = new Registrar(backend, volume, model.centre(), calibration);
      if (model.hasHeart()) {
        layers = HeartLayers.split(model);
        staticLayer = backend.uploadVolume(layers.staticLayer(), model.attenuation());
        heartLayer = backend.uploadVolume(layers.heartLayer(), model.attenuation());
        heartRender = RenderOptions.voxelStep(model.ct().voxelToRas());
        heartRegistration = new HeartRegistration(backend, heartLayer, heartRender);
        LOG.info("heart layers ready, heartVoxels={}x{}x{}, heartCentre={}, heartRadiusMm={}",
            layers.heartLayer().nx(), layers.heartLayer().ny(), layers.heartLayer().nz(), layers.heartCentre(),
            String.format("%.1f", layers.heartRadiusMm()));
      }
      LOG.info("background registration ready, backend={}, heartRegion={}", backend.name(), model.hasHeart());
    }
  }

  /** The name of the backend the jobs run on (known before the first job opens it); any thread. */
  String backendName() {
    return backendSupply.name();
  }

  /**
   * Releases the volumes and the backend on the registration thread once the job in flight is done (a backend is
   * closed by the thread that used it), then stops that thread. Waits at most {@link #CLOSE_WAIT_S} s: a job still
   * running then is not interrupted (a device call cannot be) but left to finish on its daemon thread, which releases
   * the backend right after it. Call once, from the owner thread.
   */
  @Override
  public void close() {
    thread.execute(this::release);
    if (ownThread == null) {
      return;
    }
    ownThread.shutdown();
    try {
      if (!ownThread.awaitTermination(CLOSE_WAIT_S, TimeUnit.SECONDS)) {
        LOG.warn("background registration still running at close, its backend is released when the job ends,"
            + " backend={}, waitedS={}", backendSupply.name(), CLOSE_WAIT_S);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Registration thread: closes the volumes, then the backend (even if a volume fails to close). */
  private void release() {
    try {
      for (DeviceVolume v : new DeviceVolume[] {volume, staticLayer, heartLayer}) {
        if (v != null) {
          v.close();
        }
      }
    } finally {
      if (backend != null) {
        backend.close();
        LOG.info("background registration released its backend, backend={}", backend.name());
      }
    }
  }
}
