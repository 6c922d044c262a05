package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Two registrations, each off along its own beam (its depth), triangulated back to the truth; on fresh random poses,
 * beams and errors against the float64 construction (the seed is printed; {@code -Dcathnav.test.seed=N} reproduces).
 */
class TwoViewFusionTest {

  private static final Vec3 CENTRE = new Vec3(-20, 180, 640);

  private static Vec3 unit(SplittableRandom r) {
    while (true) {
      Vec3 v = new Vec3(r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1));
      if (v.norm() > 0.2 && v.norm() <= 1) {
        return v.normalized();
      }
    }
  }

  private static RigidTransform moved(RigidTransform t, Vec3 by) {
    double[] m = t.matrix();
    m[3] += by.x();
    m[7] += by.y();
    m[11] += by.z();
    return new RigidTransform(m);
  }

  @Test
  void depthErrorsAlongEachBeamAreRemovedAndACommonAxisDifferenceIsSplit() {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println("depthErrorsAlongEachBeamAreRemovedAndACommonAxisDifferenceIsSplit seed=" + seed);
    SplittableRandom r = new SplittableRandom(seed);
    for (int trial = 0; trial < 500; trial++) {
      RigidTransform truth = new PoseParameters(r.nextDouble(-20, 20), r.nextDouble(-20, 20), r.nextDouble(-20, 20),
          r.nextDouble(-0.1, 0.1), r.nextDouble(-0.1, 0.1), r.nextDouble(-0.1, 0.1)).toTransform(CENTRE);
      Vec3 b1 = unit(r);
      Vec3 b2 = unit(r);
      if (b1.cross(b2).norm() < Math.sin(Math.toRadians(10))) {
        continue;
      }
      Vec3 n = b1.cross(b2).normalized();
      double e1 = r.nextDouble(-4, 4);
      double e2 = r.nextDouble(-4, 4);
      double common = r.nextDouble(-2, 2);
      RigidTransform first = moved(truth, b1.times(e1).plus(n.times(common)));
      RigidTransform second = moved(truth, b2.times(e2));
      TwoViewFusion f = TwoViewFusion.of(first, b1, second, b2, CENTRE);
      String at = "trial " + trial;
      Vec3 expected = truth.apply(CENTRE).plus(n.times(common / 2));
      assertEquals(0, f.pose().apply(CENTRE).distance(expected), 1e-9, at);
      assertEquals(Math.abs(common), f.commonAxisMm(), 1e-9, at);
      assertEquals(Math.abs(e1), f.firstDepthMm(), 1e-9, at);
      assertEquals(Math.abs(e2), f.secondDepthMm(), 1e-9, at);
      // the second registration's rotation is kept
      Vec3 away = CENTRE.plus(new Vec3(30, -20, 10));
      assertEquals(0, f.pose().apply(away).minus(f.pose().apply(CENTRE))
          .distance(second.apply(away).minus(second.apply(CENTRE))), 1e-9, at);
      assertEquals(Math.abs(common) <= 1 && Math.abs(e1) <= 5 && Math.abs(e2) <= 5, f.agrees(1.0), at);
    }
  }

  @Test
  void nearlyParallelBeamsCannotBeFused() {
    Vec3 b = new Vec3(0, 1, 0);
    Vec3 b2 = new Vec3(Math.sin(Math.toRadians(3)), Math.cos(Math.toRadians(3)), 0);
    assertNull(TwoViewFusion.of(RigidTransform.IDENTITY, b, RigidTransform.IDENTITY, b2, CENTRE));
  }

  @Test
  void aDepthCorrectionBeyondFiveMmIsNotAgreement() {
    Vec3 b1 = new Vec3(0, 1, 0);
    Vec3 b2 = new Vec3(0.5, Math.sqrt(0.75), 0);
    TwoViewFusion f = TwoViewFusion.of(moved(RigidTransform.IDENTITY, b1.times(6)), b1, RigidTransform.IDENTITY, b2,
        CENTRE);
    assertEquals(6, f.firstDepthMm(), 1e-9);
    assertFalse(f.agrees(1.0));
    assertTrue(TwoViewFusion.of(moved(RigidTransform.IDENTITY, b1.times(3)), b1, RigidTransform.IDENTITY, b2, CENTRE)
        .agrees(1.0));
  }
}
