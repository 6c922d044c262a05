package cathnav.sim;

import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.sim.detector.DetectorModel;
import cathnav.sim.detector.DetectorSimulator;
import cathnav.sim.device.DeviceModels;
import cathnav.sim.device.DeviceProjector;
import cathnav.sim.device.RadioOpaqueDevice;
import cathnav.sim.motion.HeartMotionTransform;
import cathnav.sim.motion.MotionState;
import cathnav.sim.motion.PhysiologicalMotion;
import cathnav.sim.render.AnatomyRenderer;
import cathnav.sim.render.AnatomyScene;
import cathnav.sim.render.PreparedView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Synthesises fluoroscopy frames with exact ground truth from an {@link AnatomyScene}: anatomy line integrals
 * through a compute backend (cached per view, see {@link AnatomyRenderer}), devices and contrast added analytically
 * ({@link DeviceProjector}), then the detector ({@link DetectorSimulator}).
 *
 * <p>Motion: the heart region, its veins and every device move with {@code heartPose = T M(t)}, where {@code M} is
 * the respiratory and cardiac motion ({@link HeartMotionTransform}) and {@code T} the patient pose; the rest of the
 * anatomy and the fiducials move with {@code T} only. Devices move rigidly with the heart along their whole length
 * (also their proximal part in the great veins).
 *
 * <p>Thread-safety: none; one simulator per thread, and that thread owns the backend while it renders. Closing
 * releases the uploaded volumes, not the backend.
 */
public final class FluoroscopySimulator implements AutoCloseable {

  /** Excess attenuation of undiluted contrast over blood in the coronary sinus, 1/mm (about +2000 HU). */
  public static final double CONTRAST_EXCESS_MU = 0.0386;

  private final AnatomyScene scene;
  private final SimulatorOptions options;
  private final AnatomyRenderer anatomy;
  private final PhysiologicalMotion motion;
  private final SplittableRandom random;
  private DetectorSimulator detector;
  private double detectorSpacing = Double.NaN;
  private float[] lineIntegral = new float[0];
  private long index;

  public FluoroscopySimulator(ComputeBackend backend, AnatomyScene scene, SimulatorOptions options) {
    this.scene = Objects.requireNonNull(scene, "scene");
    this.options = Objects.requireNonNull(options, "options");
    this.anatomy = new AnatomyRenderer(backend, scene, new RenderOptions(options.stepMm()), options.allowWarp(),
        options.maxWarpResidualPx());
    this.motion = new PhysiologicalMotion(options.respiration(), options.cardiac(), 0, 0);
    this.random = new SplittableRandom(options.seed());
  }

  public AnatomyScene scene() {
    return scene;
  }

  public SimulatorOptions options() {
    return options;
  }

  /** The physiological motion driving the heart (scenarios change the heart rate or breathing through it). */
  public PhysiologicalMotion motion() {
    return motion;
  }

  /** Number of full ray casts so far (cache misses and exact heart renders). */
  public long rayCasts() {
    return anatomy.rayCasts();
  }

  /**
   * Advances time by {@code dtS} seconds (0 for the first frame), then renders the next frame for {@code state}.
   */
  public SimulatedFrame next(AcquisitionState state, double dtS) {
    return next(state, dtS, 0);
  }

  /**
   * As {@link #next(AcquisitionState, double)}; {@code passingViewScale} k &gt; 0 marks a view the C-arm or table is
   * moving through: anatomy not cached for it is ray-cast k times coarser and not cached (see
   * {@link AnatomyRenderer#render(Projection, RigidTransform, RigidTransform, int, int, float[])}).
   */
  public SimulatedFrame next(AcquisitionState state, double dtS, int passingViewScale) {
    MotionState m = motion.advance(dtS);
    return render(state, m, passingViewScale);
  }

  /** Renders a frame of {@code state} with the heart in motion state {@code m} (time does not advance). */
  public SimulatedFrame render(AcquisitionState state, MotionState m) {
    return render(state, m, 0);
  }

  /**
   * Ray-casts (or finds cached) the static anatomy and the resting heart for {@code state}'s view and patient pose,
   * without producing a frame; another simulator of the same scene can {@link #adopt} the result.
   */
  public PreparedView prepare(AcquisitionState state) {
    return anatomy.prepare(state.geometry().projection(), state.patientPose());
  }

  /** Takes over a view prepared ahead (on another thread, by another simulator of the same scene and options). */
  public void adopt(PreparedView view) {
    anatomy.adopt(view);
  }

  /** Frames of passing views rendered coarse so far. */
  public long passingRenders() {
    return anatomy.passingRenders();
  }

  private SimulatedFrame render(AcquisitionState state, MotionState m, int passingViewScale) {
    FrameGeometry frameGeometry = state.geometry();
    Projection projection = frameGeometry.projection();
    int w = projection.width();
    int h = projection.height();
    int n = w * h;
    if (lineIntegral.length < n) {
      lineIntegral = new float[n];
    }
    RigidTransform t = state.patientPose();
    RigidTransform heartMotion = HeartMotionTransform.of(m, scene.heartCentre(), scene.heartLongAxis());
    RigidTransform heartPose = m.atRest() ? t : t.compose(heartMotion);
    ProjectionGeometry geometry = new ProjectionGeometry(projection);
    int scale = options.heartScale() > 0 ? options.heartScale() : autoHeartScale(geometry, t);
    AnatomyRenderer.Result anatomyResult =
        anatomy.render(projection, t, heartPose, scale, passingViewScale, lineIntegral);

    List<RadioOpaqueDevice> devices = new ArrayList<>();
    if (state.contrast() > 0) {
      double mu = CONTRAST_EXCESS_MU * state.contrast();
      devices.add(DeviceModels.contrastVessel("coronary-sinus", scene.veins().coronarySinus(), 4.0, mu));
      devices.add(DeviceModels.contrastVessel("lateral-vein", scene.veins().lateralVein(), 1.8, mu));
    }
    RadioOpaqueDevice lead = null;
    if (state.leadInsertionMm() > 0) {
      lead = DeviceModels.pacingLead(scene.veins().leadRoute(), state.leadInsertionMm());
      devices.add(lead);
    }
    RadioOpaqueDevice cs = null;
    if (state.csCatheterInsertionMm() > 0) {
      cs = DeviceModels.csCatheter(scene.veins().csCatheterRoute(), state.csCatheterInsertionMm());
      devices.add(cs);
    }
    new DeviceProjector(geometry).add(devices, heartPose, lineIntegral);

    DetectorSimulator det = detectorFor(frameGeometry);
    double quanta = det.model().quantaPerPixel(state.doseNGy());
    short[] pixels = new short[n];
    det.expose(lineIntegral, w, h, quanta, options.noise(), pixels);

    List<double[]> fiducials = new ArrayList<>();
    for (Vec3 f : scene.fiducials()) {
      fiducials.add(geometry.project(t.apply(f)));
    }
    Vec3 leadTipRas = lead == null ? null : heartPose.apply(lead.tip());
    long ts = options.startTimestampNs() + Math.round(m.timeS() * 1e9);
    GroundTruth truth = new GroundTruth(index++, ts, m.timeS(), frameGeometry, t, heartPose,
        lead == null ? null : lead.tip(), leadTipRas, leadTipRas == null ? null : geometry.project(leadTipRas),
        cs == null ? null : heartPose.apply(cs.tip()), fiducials, m.ecgPhase(), m.respiratoryPhase(),
        m.heartRateBpm(), state.doseNGy(), quanta, state.contrast(), anatomyResult.heart(),
        anatomyResult.warpResidualPx(), anatomyResult.heartScale(), options.noise(), options.bitDepth().bits());
    return new SimulatedFrame(w, h, options.bitDepth(), pixels, truth);
  }

  /** The largest factor (at most 4) whose coarse pixel at the heart centre is no larger than a heart voxel. */
  private int autoHeartScale(ProjectionGeometry g, RigidTransform t) {
    double[] a = scene.heartMu().voxelToRas();
    double voxel = Double.POSITIVE_INFINITY;
    for (int c = 0; c < 3; c++) {
      voxel = Math.min(voxel, Math.sqrt(a[c] * a[c] + a[4 + c] * a[4 + c] + a[8 + c] * a[8 + c]));
    }
    Vec3 centre = t.apply(scene.heartCentre());
    double pixel = Math.max(g.mmPerPixelUAt(centre), g.mmPerPixelVAt(centre));
    return (int) Math.max(1, Math.min(4, Math.floor(voxel / pixel)));
  }

  private DetectorSimulator detectorFor(FrameGeometry g) {
    double spacing = Math.sqrt(g.pixelSpacingU() * g.pixelSpacingV());
    if (detector == null || spacing != detectorSpacing) {
      DetectorModel model = DetectorModel.typical(spacing, options.referenceDoseNGy(), options.bitDepth());
      detector = new DetectorSimulator(model, random.split());
      detectorSpacing = spacing;
    }
    return detector;
  }

  @Override
  public void close() {
    anatomy.close();
  }
}
