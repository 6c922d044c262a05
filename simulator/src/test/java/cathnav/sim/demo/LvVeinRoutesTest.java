package cathnav.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.anatomy.AhaFrame;
import cathnav.core.anatomy.AhaSegment;
import cathnav.core.geometry.Vec3;
import cathnav.core.model.TriangleMesh;
import cathnav.sim.phantom.CardiacVeins;
import cathnav.sim.phantom.Ellipsoid;
import cathnav.sim.phantom.EllipsoidMeshes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vein and lead routes laid on an ellipsoidal LV (long axis tilted, as in a chest) in its AHA frame. */
class LvVeinRoutesTest {

  private static final Vec3 CENTRE = new Vec3(10, -20, 30);
  private static final Vec3 TO_BASE = new Vec3(0.5, 0.3, 0.8).normalized();
  private static final Ellipsoid LV = Ellipsoid.along("lv", CENTRE, TO_BASE, 28, 25, 45, 0);
  private static final TriangleMesh EPI = EllipsoidMeshes.of(LV, 40, 80);
  private static final AhaFrame FRAME = frame();

  private static AhaFrame frame() {
    Vec3 apex = CENTRE.minus(TO_BASE.times(45));
    Vec3 mitral = CENTRE.plus(TO_BASE.times(40));
    Vec3 axis = mitral.minus(apex).normalized();
    Vec3 a = new Vec3(0, 1, 0);
    Vec3 anterior = a.minus(axis.times(a.dot(axis))).normalized();
    return new AhaFrame(apex, mitral, anterior, axis.cross(anterior).normalized(), 140, AhaFrame.DEFAULT_APICAL_CAP);
  }

  /** Distance from {@code p} to the nearest epicardium vertex, mm. */
  private static double toSurface(Vec3 p) {
    float[] v = EPI.vertices();
    double best = Double.MAX_VALUE;
    for (int i = 0; i < v.length; i += 3) {
      best = Math.min(best, p.distance(new Vec3(v[i], v[i + 1], v[i + 2])));
    }
    return best;
  }

  private static Vec3 last(List<Vec3> pts) {
    return pts.get(pts.size() - 1);
  }

  @Test
  void leadEndsOverTheTargetSegmentJustOutsideTheEpicardium() {
    CardiacVeins r = LvVeinRoutes.on(EPI, FRAME, AhaSegment.MID_INFEROLATERAL);
    Vec3 tip = last(r.leadRoute().points());
    assertEquals(AhaSegment.MID_INFEROLATERAL, FRAME.segmentOf(tip));
    assertTrue(!LV.contains(tip), "tip inside the LV");
    double d = toSurface(tip);
    assertTrue(d > 1 && d < 6, "tip " + d + " mm from the epicardium");
  }

  @Test
  void coronarySinusRunsRoundTheBaseFromTheInferiorInsertionToTheAnterolateralWall() {
    List<Vec3> cs = LvVeinRoutes.on(EPI, FRAME, AhaSegment.MID_INFEROLATERAL).coronarySinus().points();
    for (Vec3 p : cs) {
      assertEquals(LvVeinRoutes.GROOVE_LEVEL, FRAME.level(p), 1e-9);
      assertTrue(toSurface(p) < 8, "CS point " + toSurface(p) + " mm from the epicardium");
    }
    assertEquals(AhaSegment.BASAL_INFEROSEPTAL, FRAME.segmentOf(cs.get(0)));
    assertEquals(AhaSegment.BASAL_ANTEROLATERAL, FRAME.segmentOf(last(cs)));
  }

  @Test
  void basalTargetEndsTheVeinAtTheBasalLevel() {
    Vec3 tip = last(LvVeinRoutes.on(EPI, FRAME, AhaSegment.BASAL_ANTEROLATERAL).leadRoute().points());
    assertEquals(AhaSegment.BASAL_ANTEROLATERAL, FRAME.segmentOf(tip));
  }

  @Test
  void septalTargetFallsBackToTheMidInferolateralVein() {
    Vec3 tip = last(LvVeinRoutes.on(EPI, FRAME, AhaSegment.MID_ANTEROSEPTAL).leadRoute().points());
    assertEquals(AhaSegment.MID_INFEROLATERAL, FRAME.segmentOf(tip));
  }

  @Test
  void leadRouteComesFromAboveThroughTheCsOstium() {
    CardiacVeins r = LvVeinRoutes.on(EPI, FRAME, AhaSegment.MID_INFEROLATERAL);
    List<Vec3> lead = r.leadRoute().points();
    Vec3 ostium = r.coronarySinus().points().get(0);
    assertTrue(lead.get(0).z() > ostium.z() + 100, "access should start well above the heart");
    assertTrue(lead.contains(ostium), "lead route passes the CS ostium");
    assertEquals(last(r.coronarySinus().points()), last(r.csCatheterRoute().points()));
  }
}
