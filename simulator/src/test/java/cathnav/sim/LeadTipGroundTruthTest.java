package cathnav.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import cathnav.sim.detector.BitDepth;
import cathnav.sim.device.Polyline;
import cathnav.sim.detector.DetectorModel;
import cathnav.sim.detector.NoiseMode;
import cathnav.sim.motion.MotionState;
import cathnav.sim.phantom.PhantomVolumes;
import cathnav.sim.phantom.ThoraxPhantom;
import cathnav.sim.render.AnatomyScene;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lead tip the ground truth reports is where the rendered lead ends, with the heart in motion. */
class LeadTipGroundTruthTest {

  private static ComputeBackend backend;
  private static AnatomyScene scene;

  @BeforeAll
  static void setUp() {
    backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
    ThoraxPhantom phantom = ThoraxPhantom.standard();
    scene = PhantomVolumes.rasterise(phantom, 3.0).scene(phantom, "phantom-3mm");
  }

  @AfterAll
  static void tearDown() {
    backend.close();
  }

  @Test
  void reportedLeadTipPixelIsWhereTheDrawnLeadEnds() {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println("seed=" + seed + " (reproduce: -Dcathnav.test.seed=" + seed + ")");
    SplittableRandom random = new SplittableRandom(seed);
    SimulatorOptions options = SimulatorOptions.DEFAULT.withNoise(NoiseMode.NONE).withBitDepth(BitDepth.BITS_16)
        .withWarp(false, 0).withHeartScale(1);
    try (FluoroscopySimulator sim = new FluoroscopySimulator(backend, scene, options)) {
      for (int trial = 0; trial < 3; trial++) {
        CArmGeometry carm = new CArmGeometry(random.nextDouble(-60, 60), random.nextDouble(-30, 30), 1100, 750, 200,
            200, 1.0, 1.0, 99.5, 99.5, scene.heartCentre());
        MotionState m = new MotionState(0, 0.3, 0.4, 72,
            new double[] {random.nextDouble(-3, 3), random.nextDouble(-3, 3), random.nextDouble(-12, 0)},
            random.nextDouble(-3, 3));
        double insertion = random.nextDouble(260, 330);
        AcquisitionState without = AcquisitionState.of(carm, 30);
        SimulatedFrame a = sim.render(without.withLeadInsertion(insertion), m);
        SimulatedFrame b = sim.render(without, m);
        DetectorModel det = DetectorModel.typical(1.0, 30, BitDepth.BITS_16);
        double[] tip = a.truth().leadTipPixel();
        // the lead's own line integral; the tip electrode is platinum, so it dominates near the tip
        int cu = (int) Math.round(tip[0]);
        int cv = (int) Math.round(tip[1]);
        double atTip = leadIntegral(a, b, det, cu, cv);
        System.out.printf("trial=%d tip=(%.2f, %.2f) leadIntegralAtTip=%.3f%n", trial, tip[0], tip[1], atTip);
        assertTrue(atTip > 1.0, "the tip electrode is drawn at the reported pixel, L=" + atTip);
        // beyond the tip, along the route's direction, nothing of the lead remains
        double[] beyond = sim.scene().veins().leadRoute().pointAt(insertion + 8).toArray();
        double[] beyondPx = a.truth().geometry().projectionGeometry().project(
            a.truth().heartPose().apply(new cathnav.core.geometry.Vec3(beyond[0], beyond[1], beyond[2])));
        // only where the point beyond the tip is clear of the drawn lead in projection: a route that curves
        // towards the beam can lay the point beyond the tip over the lead's own shaft
        if (Math.hypot(beyondPx[0] - tip[0], beyondPx[1] - tip[1]) > 4
            && distanceToProjectedLead(a, sim.scene().veins().leadRoute(), insertion, beyondPx) > 4) {
          double after = leadIntegral(a, b, det, (int) Math.round(beyondPx[0]), (int) Math.round(beyondPx[1]));
          System.out.printf("trial=%d beyond=(%.2f, %.2f) leadIntegralBeyond=%.3f%n", trial, beyondPx[0], beyondPx[1], after);
          assertEquals(0, after, 0.05, "no lead 8 mm beyond the tip");
        }
      }
    }
  }

  /** Smallest distance, pixels, from {@code px} to the projection of the lead route up to {@code insertion} mm. */
  private static double distanceToProjectedLead(SimulatedFrame frame, Polyline route, double insertion, double[] px) {
    double best = Double.POSITIVE_INFINITY;
    for (double s = 0; s <= insertion; s += 0.5) {
      double[] p = route.pointAt(s).toArray();
      double[] q = frame.truth().geometry().projectionGeometry().project(
          frame.truth().heartPose().apply(new cathnav.core.geometry.Vec3(p[0], p[1], p[2])));
      best = Math.min(best, Math.hypot(q[0] - px[0], q[1] - px[1]));
    }
    return best;
  }

  private static double leadIntegral(SimulatedFrame with, SimulatedFrame without, DetectorModel det, int u, int v) {
    double best = 0;
    for (int dv = -1; dv <= 1; dv++) {
      for (int du = -1; du <= 1; du++) {
        double qa = Math.max(1e-9, (with.value(u + du, v + dv) - det.offset()) / det.gain());
        double qb = Math.max(1e-9, (without.value(u + du, v + dv) - det.offset()) / det.gain());
        best = Math.max(best, Math.log(qb / qa));
      }
    }
    return best;
  }
}
