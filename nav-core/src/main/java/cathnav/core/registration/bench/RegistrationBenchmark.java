package cathnav.core.registration.bench;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.core.model.ModelFileException;
import cathnav.core.model.Volume;
import cathnav.core.model.Volumes;
import cathnav.core.registration.AttenuationPyramid;
import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.RawFrame;
import cathnav.core.registration.Registrar;
import cathnav.core.registration.RegistrationEvidence;
import cathnav.core.registration.RegistrationOptions;
import cathnav.core.registration.RegistrationResult;
import cathnav.core.registration.SyntheticFrame;
import cathnav.gpu.Attenuation;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration accuracy and speed bench: frames rendered from the real CT at random C-arm views (LAO/RAO to
 * 60, CRAN/CAUD to 30 degrees) and random true poses, turned into noisy raw detector counts (with a pacing lead
 * that is not in the CT), registered from random starts; errors measured over the heart mask's points.
 *
 * <p>Runs on the calling thread, which owns the backend it opens.
 */
public final class RegistrationBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(RegistrationBenchmark.class);

  /** Ray step of the frames' DRRs (finer than any registration level, so frames are not the registration's DRRs). */
  static final double FRAME_STEP_MM = 0.75;

  /** Heart mask voxels taken as targets: every {@code MASK_STRIDE}-th along each axis. */
  static final int MASK_STRIDE = 3;

  private final BenchConfig config;
  private final RegistrationOptions options;
  private final ConfidenceCalibration calibration;

  public RegistrationBenchmark(BenchConfig config, RegistrationOptions options, ConfidenceCalibration calibration) {
    this.config = config;
    this.options = options;
    this.calibration = calibration;
  }

  /** Loads the data and runs every case on {@code backend}, reporting each case to {@code progress}. */
  public List<BenchCase> run(ComputeBackend backend, Consumer<BenchCase> progress) throws ModelFileException {
    Volume ct = Volumes.read(config.ct());
    Volume mask = Volumes.read(config.heartMask());
    List<Vec3> targets = maskPoints(mask, MASK_STRIDE);
    if (targets.isEmpty()) {
      throw new ModelFileException(config.heartMask(), "heart mask has no voxel above 0.5");
    }
    Vec3 centre = centroid(targets);
    LOG.info("registration bench data, ct={}, targets={}, centre={}", ct, targets.size(), centre);
    List<BenchCase> out = new ArrayList<>();
    try (DeviceVolume volume = backend.uploadVolume(ct.toGrid(), Attenuation.DEFAULT)) {
      Registrar registrar = new Registrar(backend, volume, centre, calibration);
      SplittableRandom random = new SplittableRandom(config.seed());
      // imaging conditions come from their own stream, so a single-condition run repeats earlier runs' cases
      SplittableRandom conditions = new SplittableRandom(config.seed() ^ CONDITIONS_SEED);
      for (int i = 0; i < config.cases(); i++) {
        BenchCase c = runCase(i, random.split(), conditions, backend, volume, registrar, targets, centre);
        out.add(c);
        progress.accept(c);
      }
    }
    return out;
  }

  private BenchCase runCase(int index, SplittableRandom r, SplittableRandom conditions, ComputeBackend backend,
      DeviceVolume volume, Registrar registrar, List<Vec3> targets, Vec3 centre) {
    double counts = logUniform(conditions, config.countsMin(), config.countsMax());
    double gain = logUniform(conditions, config.gainMin(), config.gainMax());
    boolean withLead = conditions.nextDouble() < config.leadProbability();
    boolean tracking = conditions.nextDouble() < config.trackingProbability();
    RegistrationOptions caseOptions = tracking ? RegistrationOptions.TRACKING : options;
    double startScale = tracking ? TRACKING_START_SCALE : 1;
    double alpha = r.nextDouble(-60, 60);
    double beta = r.nextDouble(-30, 30);
    Vec3 iso = centre.plus(randomDirection(r).times(r.nextDouble(0, 10)));
    CArmGeometry view = CArmGeometry.of(alpha, beta, config.sidMm(), config.sodMm(), config.detectorSize(),
        config.detectorSize(), config.pixelSpacingMm(), config.pixelSpacingMm()).withIsocenter(iso);
    Projection projection = view.toProjection();
    // the patient's true pose: up to 10 mm and 5 degrees from the CT's frame
    RigidTransform truth = rigidOffset(centre, randomDirection(r).times(r.nextDouble(0, 10)), randomDirection(r),
        Math.toRadians(r.nextDouble(0, 5)), RigidTransform.IDENTITY);
    double startT = startScale * r.nextDouble(0, config.maxStartTranslationMm());
    double startR = startScale * r.nextDouble(0, config.maxStartRotationDeg());
    RigidTransform start = rigidOffset(centre, randomDirection(r).times(startT), randomDirection(r),
        Math.toRadians(startR), truth);
    double[] lead = withLead ? leadPath(view, truth.apply(centre), r) : null;
    RawFrame frame = SyntheticFrame.render(backend, volume, projection, truth, new RenderOptions(FRAME_STEP_MM),
        counts, gain, lead, r.nextLong());

    RegistrationResult result;
    RegistrationEvidence evidence;
    try (AttenuationPyramid pyramid =
        AttenuationPyramid.build(backend, frame, projection, caseOptions.finestMaxSize(), caseOptions.levels())) {
      result = registrar.register(pyramid, start, caseOptions);
      evidence = registrar.evidence(pyramid, result.transform());
    }
    double startMtre = mtre(start, truth, targets);
    double finalMtre = mtre(result.transform(), truth, targets);
    double pde = projectionError(result.transform(), truth, targets, view);
    BenchCase c = new BenchCase(index, alpha, beta, startT, startR, startMtre, finalMtre, pde, result.similarity(),
        result.confidence(), result.timeMs(), result.evaluations(), counts, gain, withLead, tracking, evidence);
    LOG.info("bench case, index={}, tracking={}, view=({}, {}), counts={}, gain={}, lead={}, startMtreMm={}, finalMtreMm={}, "
            + "pdeMm={}, similarity={}, ceiling={}, confidence={}, timeMs={}", index, tracking, fmt(alpha), fmt(beta),
        fmt(counts), fmt(gain), withLead, fmt(startMtre), fmt(finalMtre), fmt(pde),
        String.format("%.4f", result.similarity()), String.format("%.4f", evidence.gradientCeiling()),
        String.format("%.3f", result.confidence()), fmt(result.timeMs()));
    return c;
  }

  /** A tracking-update case starts this fraction of the configured start offsets from the truth. */
  public static final double TRACKING_START_SCALE = 0.2;

  /** Seed offset of the imaging-conditions stream. */
  private static final long CONDITIONS_SEED = 0xC0FFEE5EEDL;

  private static double logUniform(SplittableRandom r, double lo, double hi) {
    return lo == hi ? lo : Math.exp(r.nextDouble(Math.log(lo), Math.log(hi)));
  }

  private static String fmt(double v) {
    return String.format("%.2f", v);
  }

  /** A lead: a gently curved wire through the heart region, as a polyline in detector pixels. */
  private static double[] leadPath(CArmGeometry view, Vec3 heartCentre, SplittableRandom r) {
    ProjectionGeometry pg = view.projectionGeometry();
    double[] c = pg.project(heartCentre);
    double pxPerMm = 1 / view.mmPerPixelAtIsocenterU();
    double angle = r.nextDouble(0, Math.PI);
    double length = 90 * pxPerMm;
    double bend = r.nextDouble(-25, 25) * pxPerMm;
    int n = 24;
    double[] pts = new double[2 * (n + 1)];
    for (int i = 0; i <= n; i++) {
      double t = (double) i / n - 0.5;
      double along = t * length;
      double across = bend * (1 - 4 * t * t);
      pts[2 * i] = c[0] + along * Math.cos(angle) - across * Math.sin(angle);
      pts[2 * i + 1] = c[1] + along * Math.sin(angle) + across * Math.cos(angle);
    }
    return pts;
  }

  static List<Vec3> maskPoints(Volume mask, int stride) {
    List<Vec3> pts = new ArrayList<>();
    for (int k = 0; k < mask.nz(); k += stride) {
      for (int j = 0; j < mask.ny(); j += stride) {
        for (int i = 0; i < mask.nx(); i += stride) {
          if (mask.value(i, j, k) > 0.5) {
            pts.add(Vec3.of(mask.voxelToWorld(i, j, k)));
          }
        }
      }
    }
    return pts;
  }

  static Vec3 centroid(List<Vec3> pts) {
    Vec3 s = Vec3.ZERO;
    for (Vec3 p : pts) {
      s = s.plus(p);
    }
    return s.times(1.0 / pts.size());
  }

  static Vec3 randomDirection(SplittableRandom r) {
    while (true) {
      Vec3 v = new Vec3(r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1));
      double n = v.norm();
      if (n > 1e-3 && n <= 1) {
        return v.times(1 / n);
      }
    }
  }

  /**
   * {@code Tr(c' + t) Rot(axis, angle) Tr(-c') base} with {@code c' = base centre}: {@code base} moved by
   * {@code t} and rotated about its own moved centre.
   */
  static RigidTransform rigidOffset(Vec3 centre, Vec3 t, Vec3 axis, double angle, RigidTransform base) {
    Vec3 c = base.apply(centre);
    double cs = Math.cos(angle);
    double s = Math.sin(angle);
    double u = 1 - cs;
    double x = axis.x();
    double y = axis.y();
    double z = axis.z();
    double[] r = {
      u * x * x + cs, u * x * y - s * z, u * x * z + s * y,
      u * x * y + s * z, u * y * y + cs, u * y * z - s * x,
      u * x * z - s * y, u * y * z + s * x, u * z * z + cs
    };
    double[] m = new double[16];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(r, i * 3, m, i * 4, 3);
    }
    m[3] = c.x() + t.x() - (r[0] * c.x() + r[1] * c.y() + r[2] * c.z());
    m[7] = c.y() + t.y() - (r[3] * c.x() + r[4] * c.y() + r[5] * c.z());
    m[11] = c.z() + t.z() - (r[6] * c.x() + r[7] * c.y() + r[8] * c.z());
    m[15] = 1;
    return new RigidTransform(m).compose(base);
  }

  /** Mean distance between the targets moved by {@code a} and by {@code b}, mm. */
  public static double mtre(RigidTransform a, RigidTransform b, List<Vec3> targets) {
    double s = 0;
    for (Vec3 p : targets) {
      s += a.apply(p).distance(b.apply(p));
    }
    return s / targets.size();
  }

  /** Mean 2D distance of the targets projected with {@code a} and with {@code b}, mm at the isocentre. */
  static double projectionError(RigidTransform a, RigidTransform b, List<Vec3> targets, CArmGeometry view) {
    ProjectionGeometry pg = view.projectionGeometry();
    double s = 0;
    for (Vec3 p : targets) {
      double[] pa = pg.project(a.apply(p));
      double[] pb = pg.project(b.apply(p));
      double du = (pa[0] - pb[0]) * view.mmPerPixelAtIsocenterU();
      double dv = (pa[1] - pb[1]) * view.mmPerPixelAtIsocenterV();
      s += Math.sqrt(du * du + dv * dv);
    }
    return s / targets.size();
  }
}
