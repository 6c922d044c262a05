package cathnav.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import cathnav.sim.detector.BitDepth;
import cathnav.sim.detector.DetectorModel;
import cathnav.sim.detector.NoiseMode;
import cathnav.sim.motion.CardiacMotion;
import cathnav.sim.motion.RespiratoryMotion;
import cathnav.sim.phantom.PhantomVolumes;
import cathnav.sim.phantom.ThoraxPhantom;
import cathnav.sim.render.AnatomyScene;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The phantom's fiducial beads land where {@code P T x} says, in rendered noise-free frames, for random C-arm views
 * and patient poses. The bead's blob is isolated by rendering the same view of the phantom without beads and taking
 * the difference of the two frames' line integrals ({@code -log} of the detected quanta).
 */
class FiducialProjectionTest {

  private static final double DOSE = 5000;
  private static ComputeBackend backend;
  private static AnatomyScene withBeads;
  private static AnatomyScene withoutBeads;
  private static ThoraxPhantom phantom;

  @BeforeAll
  static void renderPhantoms() {
    backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
    phantom = ThoraxPhantom.standard();
    withBeads = PhantomVolumes.rasterise(phantom, 1.5).scene(phantom, "phantom");
    ThoraxPhantom bare = phantom.withoutBeads();
    withoutBeads = PhantomVolumes.rasterise(bare, 1.5).scene(bare, "phantom-without-beads");
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  @Test
  void beadCentroidLiesWithinHalfAPixelOfItsProjectionForRandomViews() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    SplittableRandom random = new SplittableRandom(seed);
    SimulatorOptions options = SimulatorOptions.DEFAULT.withNoise(NoiseMode.NONE).withBitDepth(BitDepth.BITS_16)
        .withMotion(RespiratoryMotion.NONE, CardiacMotion.NONE).withStepMm(0.5);
    options = new SimulatorOptions(options.bitDepth(), options.noise(), 1, DOSE, false, 0, options.stepMm(),
        options.respiration(), options.cardiac(), 0, 1);
    int measured = 0;
    double worst = 0;
    try (FluoroscopySimulator a = new FluoroscopySimulator(backend, withBeads, options);
        FluoroscopySimulator b = new FluoroscopySimulator(backend, withoutBeads, options)) {
      for (int trial = 0; trial < 6; trial++) {
        double alpha = random.nextDouble(-60, 60);
        double beta = random.nextDouble(-30, 30);
        CArmGeometry carm = CArmGeometry.of(alpha, beta, 1100, 750, 256, 256, 1.2, 1.2);
        RigidTransform t = new PoseParameters(random.nextDouble(-10, 10), random.nextDouble(-10, 10),
            random.nextDouble(-10, 10), Math.toRadians(random.nextDouble(-5, 5)),
            Math.toRadians(random.nextDouble(-5, 5)), Math.toRadians(random.nextDouble(-5, 5)))
            .toTransform(Vec3.ZERO);
        AcquisitionState state = AcquisitionState.of(carm, DOSE).withPatientPose(t);
        SimulatedFrame fa = a.next(state, 0);
        SimulatedFrame fb = b.next(state, 0);
        DetectorModel det = DetectorModel.typical(1.2, DOSE, BitDepth.BITS_16);
        for (int i = 0; i < phantom.beads().size(); i++) {
          double[] expected = fa.truth().fiducialPixels().get(i);
          if (!isolated(fa, expected, i)) {
            continue;
          }
          double[] c = centroid(fa, fb, det, expected, 7);
          if (c == null) {
            continue;
          }
          double err = Math.hypot(c[0] - expected[0], c[1] - expected[1]);
          System.out.printf("trial=%d alpha=%.1f beta=%.1f bead=%d expected=(%.2f, %.2f) centroid=(%.2f, %.2f)"
              + " errorPx=%.3f%n", trial, alpha, beta, i + 1, expected[0], expected[1], c[0], c[1], err);
          worst = Math.max(worst, err);
          measured++;
          assertTrue(err <= 0.5, "bead " + (i + 1) + " off by " + err + " px at alpha=" + alpha + ", beta=" + beta);
        }
      }
    }
    assertTrue(measured >= 10, "too few beads measured, measured=" + measured);
    System.out.println("worstErrorPx=" + worst);
  }

  /** Inside the image with a margin, and no other bead within 16 pixels. */
  private static boolean isolated(SimulatedFrame f, double[] p, int self) {
    if (p[0] < 10 || p[1] < 10 || p[0] > f.width() - 11 || p[1] > f.height() - 11) {
      return false;
    }
    for (int j = 0; j < f.truth().fiducialPixels().size(); j++) {
      double[] q = f.truth().fiducialPixels().get(j);
      if (j != self && Math.hypot(p[0] - q[0], p[1] - q[1]) < 16) {
        return false;
      }
    }
    return true;
  }

  /** Centroid of the bead's own line integral (with minus without) in a window around {@code p}. */
  private static double[] centroid(SimulatedFrame with, SimulatedFrame without, DetectorModel det, double[] p,
      int radius) {
    int cu = (int) Math.round(p[0]);
    int cv = (int) Math.round(p[1]);
    double sw = 0;
    double su = 0;
    double sv = 0;
    for (int v = cv - radius; v <= cv + radius; v++) {
      for (int u = cu - radius; u <= cu + radius; u++) {
        double qa = (with.value(u, v) - det.offset()) / det.gain();
        double qb = (without.value(u, v) - det.offset()) / det.gain();
        if (qa <= 0 || qb <= 0) {
          return null; // no photons left: the bead is hidden behind something opaque
        }
        double l = Math.max(0, Math.log(qb / qa));
        sw += l;
        su += l * u;
        sv += l * v;
      }
    }
    return sw > 0.5 ? new double[] {su / sw, sv / sw} : null;
  }
}
