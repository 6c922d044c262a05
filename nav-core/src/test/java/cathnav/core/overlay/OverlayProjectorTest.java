package cathnav.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OverlayProjectorTest {

  private static final int W = 512;
  private static final int H = 512;
  private static final double SOD = 700;
  private static final double F = 1200 / 0.3; // SID 1200 mm, 0.3 mm pixels

  private final OverlayProjector projector = new OverlayProjector();

  @Test
  void silhouetteOfASphereIsTheCircleOfItsTangentCone() {
    long seed = System.nanoTime();
    System.out.println("silhouetteOfASphereIsTheCircleOfItsTangentCone seed=" + seed);
    Random rnd = new Random(seed);
    double radius = 25 + 15 * rnd.nextDouble();
    double[] shift = {rnd.nextDouble() * 20 - 10, rnd.nextDouble() * 20 - 10, rnd.nextDouble() * 20 - 10};
    GuidanceMesh mesh = TestMeshes.sphere(new double[] {0, 0, 0}, radius, 48, 96, c -> 1);
    GuidanceModel model = new GuidanceModel("sphere", mesh, List.of());
    cathnav.gpu.Projection p = TestMeshes.apView(W, H, SOD, F);

    OverlayProjector.Projected out =
        projector.project(model, p, TestMeshes.translation(shift[0], shift[1], shift[2]), 0, null);

    OverlayShape.Polygon outline = (OverlayShape.Polygon) out.shapes().get(0);
    assertEquals(OverlayRole.LV_SILHOUETTE, outline.role());
    // float64 reference: the cone tangent to a sphere at distance d from the source, cut by the image plane, is an
    // ellipse; for a centred sphere a circle. Compare each vertex's direction with the cone's half angle.
    double cx = (W - 1) / 2.0;
    double cy = (H - 1) / 2.0;
    double[] c = {shift[0], shift[1] + SOD, shift[2]}; // sphere centre seen from the source
    double d = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
    double halfAngle = Math.asin(radius / d);
    float[] uv = outline.uv();
    double cell = SilhouetteTracer.defaultCellSize(W, H);
    for (int i = 0; i < uv.length / 2; i++) {
      // ray through the pixel, in source-centred RAS: u -> -x, v -> -z, beam +y
      double[] ray = {-(uv[2 * i] - cx) / F, 1, -(uv[2 * i + 1] - cy) / F};
      double n = Math.sqrt(ray[0] * ray[0] + ray[1] * ray[1] + ray[2] * ray[2]);
      double cos = (ray[0] * c[0] + ray[1] * c[1] + ray[2] * c[2]) / (n * d);
      double angle = Math.acos(Math.min(1, cos));
      // angular size of (cell + simplification + tessellation) pixels at the image
      double tolerancePx = 1.5 * cell + radius * (1 - Math.cos(Math.PI / 48)) * F / SOD;
      assertEquals(halfAngle, angle, tolerancePx / F, "vertex " + i + " at (" + uv[2 * i] + ", " + uv[2 * i + 1] + ")");
    }
    assertTrue(uv.length / 2 >= 16, "a circle needs many vertices, found " + uv.length / 2);
  }

  @Test
  void targetSegmentIsAFilledPolygonInsideTheSilhouette() {
    GuidanceMesh mesh = TestMeshes.sphere(new double[] {0, 0, 0}, 30, 24, 48, c -> c[0] < -15 ? 7 : 1);
    GuidanceModel model = new GuidanceModel("sphere", mesh, List.of());
    OverlayProjector.Projected out =
        projector.project(model, TestMeshes.apView(W, H, SOD, F), TestMeshes.translation(0, 0, 0), 7, null);
    OverlayShape.Polygon target = (OverlayShape.Polygon) out.shapes().get(1);
    assertEquals(OverlayRole.TARGET_SEGMENT, target.role());
    assertTrue(target.filled());
    // x < -15 projects to u > centre (u points to -x): every target vertex lies right of the centre
    float[] uv = target.uv();
    for (int i = 0; i < uv.length / 2; i++) {
      assertTrue(uv[2 * i] > (W - 1) / 2.0, "target vertex u=" + uv[2 * i]);
    }
  }

  @Test
  void veinsProjectPointByPoint() {
    GuidanceMesh mesh = TestMeshes.sphere(new double[] {0, 0, 0}, 30, 12, 24, c -> 1);
    GuidanceModel model = new GuidanceModel("sphere", mesh, List.of(new float[] {0, 0, 0, 10, 0, 0}));
    OverlayProjector.Projected out =
        projector.project(model, TestMeshes.apView(W, H, SOD, F), TestMeshes.translation(0, 0, 0), 0, null);
    OverlayShape.Polyline vein = (OverlayShape.Polyline) out.shapes().get(1);
    float[] uv = vein.uv();
    assertEquals(255.5, uv[0], 1e-3);
    assertEquals(255.5, uv[1], 1e-3);
    assertEquals(255.5 - 10 * F / SOD, uv[2], 1e-2);
  }
}
