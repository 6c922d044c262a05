package cathnav.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class CArmGeometryTest {

  @Provide
  Arbitrary<CArmGeometry> views() {
    return GeometryArbitraries.views();
  }

  @Provide
  Arbitrary<Vec3> points() {
    return GeometryArbitraries.points(150);
  }

  private static double[] project(double[] p, Vec3 x) {
    double w = p[8] * x.x() + p[9] * x.y() + p[10] * x.z() + p[11];
    return new double[] {
      (p[0] * x.x() + p[1] * x.y() + p[2] * x.z() + p[3]) / w,
      (p[4] * x.x() + p[5] * x.y() + p[6] * x.z() + p[7]) / w
    };
  }

  @Property
  void pointOnTheCentralRayProjectsToThePrincipalPoint(
      @ForAll("views") CArmGeometry g, @ForAll @DoubleRange(min = 0.05, max = 1.0) double fraction) {
    Vec3 x = g.source().plus(g.beamDirection().times(fraction * g.sidMm()));
    double[] uv = project(g.projectionMatrix(), x);
    assertEquals(g.principalU(), uv[0], 1e-7);
    assertEquals(g.principalV(), uv[1], 1e-7);
  }

  @Property
  void beamDirectionIsTheClosedForm(
      @ForAll @DoubleRange(min = -180, max = 180) double alpha,
      @ForAll @DoubleRange(min = -90, max = 90) double beta) {
    CArmGeometry g = CArmGeometry.of(alpha, beta, 1200, 800, 64, 64, 0.3, 0.3);
    double a = Math.toRadians(alpha);
    double b = Math.toRadians(beta);
    Vec3 expected = new Vec3(-Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b), Math.sin(b));
    assertEquals(0, g.beamDirection().distance(expected), 1e-12);
    assertEquals(0, g.projectionGeometry().beamDirection().distance(expected), 1e-9);
  }

  @Test
  void lao90LooksAlongMinusX() {
    CArmGeometry g = CArmGeometry.of(90, 0, 1200, 800, 64, 64, 0.3, 0.3);
    assertEquals(0, g.beamDirection().distance(new Vec3(-1, 0, 0)), 1e-12);
    assertEquals(0, g.source().distance(new Vec3(800, 0, 0)), 1e-9);
  }

  @Test
  void apViewShowsPatientLeftToTheRightAndInferiorDown() {
    CArmGeometry g = CArmGeometry.of(0, 0, 1200, 800, 101, 101, 0.3, 0.3);
    double[] p = g.projectionMatrix();
    double[] centre = project(p, Vec3.ZERO);
    double[] left = project(p, new Vec3(-10, 0, 0)); // patient left is -x
    double[] inferior = project(p, new Vec3(0, 0, -10));
    assertEquals(50, centre[0], 1e-9);
    assertEquals(50, centre[1], 1e-9);
    assertTrue(left[0] > centre[0] + 1, "patient left must go to larger u");
    assertEquals(centre[1], left[1], 1e-9);
    assertTrue(inferior[1] > centre[1] + 1, "inferior must go to larger v");
    assertEquals(0, g.beamDirection().distance(new Vec3(0, 1, 0)), 1e-12);
  }

  @Property
  void rotationRowsAreLeftHanded(@ForAll("views") CArmGeometry g) {
    double det = g.uAxis().cross(g.vAxis()).dot(g.beamDirection());
    assertEquals(-1, det, 1e-12);
  }

  /** Independent float64 model: intersect the source-to-point ray with the detector plane, measure in pixels. */
  @Property
  void projectionMatchesRayPlaneIntersection(@ForAll("views") CArmGeometry g, @ForAll("points") Vec3 x) {
    Vec3 s = g.source();
    Vec3 d = g.beamDirection();
    double along = x.minus(s).dot(d);
    if (along < 50) {
      return; // behind or too near the source: not imaged
    }
    Vec3 onDetector = s.plus(x.minus(s).times(g.sidMm() / along));
    Vec3 centre = s.plus(d.times(g.sidMm()));
    double u = g.principalU() + onDetector.minus(centre).dot(g.uAxis()) / g.pixelSpacingU();
    double v = g.principalV() + onDetector.minus(centre).dot(g.vAxis()) / g.pixelSpacingV();
    double[] uv = project(g.projectionMatrix(), x);
    assertEquals(u, uv[0], 1e-7 * Math.max(1, Math.abs(u)));
    assertEquals(v, uv[1], 1e-7 * Math.max(1, Math.abs(v)));
  }

  @Property
  void decompositionRecoversSourceAxesAndIntrinsics(@ForAll("views") CArmGeometry g) {
    ProjectionGeometry pg = g.projectionGeometry();
    assertEquals(0, pg.source().distance(g.source()), 1e-6);
    assertEquals(0, pg.beamDirection().distance(g.beamDirection()), 1e-9);
    assertEquals(0, pg.uAxis().distance(g.uAxis()), 1e-9);
    assertEquals(0, pg.vAxis().distance(g.vAxis()), 1e-9);
    assertEquals(g.principalU(), pg.principalU(), 1e-6);
    assertEquals(g.principalV(), pg.principalV(), 1e-6);
    assertEquals(g.sidMm() / g.pixelSpacingU(), pg.focalLengthU(), 1e-6);
    assertEquals(g.sidMm() / g.pixelSpacingV(), pg.focalLengthV(), 1e-6);
    assertEquals(g.sodMm(), pg.depth(g.isocenter()), 1e-6);
    assertEquals(g.mmPerPixelAtIsocenterU(), pg.mmPerPixelUAt(g.isocenter()), 1e-9);
    assertEquals(g.mmPerPixelAtIsocenterV(), pg.mmPerPixelVAt(g.isocenter()), 1e-9);
  }

  @Property
  void decompositionIgnoresTheScaleAndSignOfP(
      @ForAll("views") CArmGeometry g, @ForAll @DoubleRange(min = 0.01, max = 100) double scale,
      @ForAll boolean negate) {
    double[] p = g.projectionMatrix();
    double s = negate ? -scale : scale;
    for (int i = 0; i < 12; i++) {
      p[i] *= s;
    }
    ProjectionGeometry pg = new ProjectionGeometry(new cathnav.gpu.Projection(g.width(), g.height(), p));
    assertEquals(0, pg.source().distance(g.source()), 1e-6);
    assertEquals(0, pg.beamDirection().distance(g.beamDirection()), 1e-9);
  }

  @Property
  void sourceIsMinusRTransposeT(@ForAll("views") CArmGeometry g) {
    // K^-1 P = [R | t]; C = -R^T t
    double[] p = g.projectionMatrix();
    double fu = g.sidMm() / g.pixelSpacingU();
    double fv = g.sidMm() / g.pixelSpacingV();
    double[][] rt = new double[3][4];
    for (int c = 0; c < 4; c++) {
      rt[2][c] = p[8 + c];
      rt[0][c] = (p[c] - g.principalU() * p[8 + c]) / fu;
      rt[1][c] = (p[4 + c] - g.principalV() * p[8 + c]) / fv;
    }
    Vec3 c = new Vec3(
        -(rt[0][0] * rt[0][3] + rt[1][0] * rt[1][3] + rt[2][0] * rt[2][3]),
        -(rt[0][1] * rt[0][3] + rt[1][1] * rt[1][3] + rt[2][1] * rt[2][3]),
        -(rt[0][2] * rt[0][3] + rt[1][2] * rt[1][3] + rt[2][2] * rt[2][3]));
    assertEquals(0, c.distance(g.isocenter().minus(g.beamDirection().times(g.sodMm()))), 1e-6);
  }

  @Property
  void backProjectionInvertsProjection(@ForAll("views") CArmGeometry g, @ForAll("points") Vec3 x) {
    ProjectionGeometry pg = g.projectionGeometry();
    double depth = pg.depth(x);
    if (depth < 50) {
      return;
    }
    double[] uv = pg.project(x);
    assertEquals(0, pg.backProject(uv[0], uv[1], depth).distance(x), 1e-6);
  }

  @Property
  void downsampledProjectionMapsToCoarsePixelCentres(@ForAll("views") CArmGeometry g, @ForAll("points") Vec3 x) {
    ProjectionGeometry fine = g.projectionGeometry();
    if (fine.depth(x) < 50) {
      return;
    }
    ProjectionGeometry coarse = new ProjectionGeometry(fine.downsample2x());
    double[] f = fine.project(x);
    double[] c = coarse.project(x);
    assertEquals((f[0] - 0.5) / 2, c[0], 1e-7 * Math.max(1, Math.abs(f[0])));
    assertEquals((f[1] - 0.5) / 2, c[1], 1e-7 * Math.max(1, Math.abs(f[1])));
    assertEquals(g.width() / 2, coarse.projection().width());
    assertEquals(g.height() / 2, coarse.projection().height());
  }

  @Test
  void rejectsSodNotInsideSid() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CArmGeometry.of(0, 0, 700, 800, 64, 64, 0.3, 0.3));
    assertTrue(e.getMessage().contains("sod=800"), e.getMessage());
  }

  @Test
  void magnificationAndIsocentrePixelSize() {
    CArmGeometry g = CArmGeometry.of(30, -20, 1200, 800, 64, 64, 0.3, 0.6);
    assertEquals(1.5, g.magnification(), 1e-15);
    assertEquals(0.2, g.mmPerPixelAtIsocenterU(), 1e-15);
    assertEquals(0.4, g.mmPerPixelAtIsocenterV(), 1e-15);
  }
}
