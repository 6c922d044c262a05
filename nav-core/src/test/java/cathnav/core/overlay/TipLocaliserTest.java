package cathnav.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.Vec3;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * The lead tip placed in 3D from its pixel, against float64 references computed independently (brute force over
 * densely sampled veins and surfaces, or in the world frame through a generic linear solve), on random C-arm views
 * and poses.
 */
class TipLocaliserTest {

  private static final int N = 512;
  /** A sphere LV of radius 30 mm about the origin, 6 segments: 3 bands along z by the sign of x. */
  private static final GuidanceMesh LV = TestMeshes.sphere(new double[] {0, 0, 0}, 30, 24, 48,
      c -> 1 + (c[2] < -10 ? 0 : c[2] < 10 ? 1 : 2) + (c[0] < 0 ? 3 : 0));
  private static final int TARGET = 5;

  private final OverlayProjector projector = new OverlayProjector();

  private static long seed(String test) {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println(test + " seed=" + seed + " (reproduce: -Dcathnav.test.seed=" + seed + ")");
    return seed;
  }

  @Test
  void tipOverAVeinIsPlacedOnTheVeinPointNearestItsRay() {
    SplittableRandom rnd = new SplittableRandom(seed("tipOverAVeinIsPlacedOnTheVeinPointNearestItsRay"));
    for (int trial = 0; trial < 6; trial++) {
      List<float[]> veins = List.of(vein(rnd, 1), vein(rnd, -1));
      GuidanceModel model = new GuidanceModel("sphere", LV, veins);
      View view = view(rnd);
      // a point on the first vein, its pixel as the detector gives it (float)
      float[] v0 = veins.get(0);
      int seg = rnd.nextInt(v0.length / 3 - 1);
      double t = rnd.nextDouble();
      double[] truth = new double[3];
      for (int a = 0; a < 3; a++) {
        truth[a] = v0[3 * seg + a] + t * (v0[3 * seg + 3 + a] - v0[3 * seg + a]);
      }
      float[] tip = view.pixelOf(truth);

      OverlayProjector.Projected out = projector.project(model, view.projection, view.pose, TARGET, tip);

      TipPosition p = out.tip();
      assertEquals(TipConstraint.VEIN, p.constraint(), "trial " + trial);
      double[] ray = view.rayInModel(tip);
      double[] ref = nearestVeinPointBruteForce(veins, ray);
      System.out.printf("trial=%d vein point=(%.3f, %.3f, %.3f) reference=(%.3f, %.3f, %.3f) rayToVein=%.4f mm%n",
          trial, p.point()[0], p.point()[1], p.point()[2], ref[0], ref[1], ref[2], p.rayToVeinMm());
      assertEquals(ref[3], p.rayToVeinMm(), 2e-3, "trial " + trial + ": ray-to-vein distance");
      assertTrue(dist(ref, p.point()) < 0.01, "trial " + trial + ": vein point off the reference by "
          + dist(ref, p.point()) + " mm");
      assertSurfaceReadouts(p, "trial " + trial);
    }
  }

  @Test
  void withoutVeinsTheTipIsWhereItsRayCrossesTheTargetDepth() {
    SplittableRandom rnd = new SplittableRandom(seed("withoutVeinsTheTipIsWhereItsRayCrossesTheTargetDepth"));
    GuidanceModel model = new GuidanceModel("sphere", LV, List.of());
    for (int trial = 0; trial < 6; trial++) {
      View view = view(rnd);
      float[] tip = {(float) rnd.nextDouble(150, 360), (float) rnd.nextDouble(150, 360)};

      TipPosition p = projector.project(model, view.projection, view.pose, TARGET, tip).tip();

      assertEquals(TipConstraint.TARGET_DEPTH, p.constraint(), "trial " + trial);
      double[] ref = view.targetDepthPointInWorldThenModel(tip, TipLocaliser.segmentCentroid(LV, TARGET));
      System.out.printf("trial=%d depth point=(%.4f, %.4f, %.4f) reference=(%.4f, %.4f, %.4f)%n", trial,
          p.point()[0], p.point()[1], p.point()[2], ref[0], ref[1], ref[2]);
      assertTrue(dist(ref, p.point()) < 1e-6, "trial " + trial + ": off by " + dist(ref, p.point()) + " mm");
      assertSurfaceReadouts(p, "trial " + trial);
    }
  }

  @Test
  void rayFartherThanTheToleranceFromEveryVeinFallsBackToTheTargetDepth() {
    SplittableRandom rnd = new SplittableRandom(seed("rayFartherThanTheToleranceFromEveryVeinFallsBackToTheTargetDepth"));
    // one short vein far off to the patient's right; the tip is looked for on the left
    List<float[]> veins = List.of(new float[] {-60, 0, 0, -60, 0, 10});
    GuidanceModel model = new GuidanceModel("sphere", LV, veins);
    View view = new View(new CArmGeometry(0, 0, 1100, 750, N, N, 0.6, 0.6, 255.5, 255.5, new Vec3(0, 0, 0)),
        TestMeshes.translation(0, 0, 0));
    float[] tip = view.pixelOf(new double[] {20 + rnd.nextDouble() * 5, 0, rnd.nextDouble() * 10 - 5});

    TipPosition p = projector.project(model, view.projection, view.pose, TARGET, tip).tip();

    assertEquals(TipConstraint.TARGET_DEPTH, p.constraint());
    assertTrue(Double.isNaN(p.rayToVeinMm()));
  }

  @Test
  void withoutVeinsOrTargetTheSegmentIsTheFirstSurfaceTheRayCrosses() {
    GuidanceMesh mesh = TestMeshes.sphere(new double[] {0, 0, 0}, 30, 24, 48, c -> c[1] < 0 ? 5 : 2);
    GuidanceModel model = new GuidanceModel("sphere", mesh, List.of());
    View view = new View(new CArmGeometry(0, 0, 1100, 750, N, N, 0.6, 0.6, 255.5, 255.5, new Vec3(0, 0, 0)),
        TestMeshes.translation(0, 0, 0));

    TipPosition p = projector.project(model, view.projection, view.pose, 0, new float[] {255.5f, 255.5f}).tip();

    assertEquals(TipConstraint.RAY, p.constraint());
    assertNull(p.point());
    assertEquals(5, p.segmentUnderTip(), "the front half (towards the source) is crossed first");
    assertTrue(Double.isNaN(p.distanceToTargetMm()));
  }

  @Test
  void nearestPointOfASegmentToARayMatchesDenseSampling() {
    SplittableRandom rnd = new SplittableRandom(seed("nearestPointOfASegmentToARayMatchesDenseSampling"));
    for (int trial = 0; trial < 200; trial++) {
      double[] pt = new double[12];
      for (int i = 0; i < 12; i++) {
        pt[i] = rnd.nextDouble(-1, 1);
      }
      TipRay ray = TipRay.through(pt, rnd.nextDouble(-2, 2), rnd.nextDouble(-2, 2));
      if (ray == null) {
        continue;
      }
      double[] a = {rnd.nextDouble(-5, 5), rnd.nextDouble(-5, 5), rnd.nextDouble(-5, 5)};
      double[] b = {rnd.nextDouble(-5, 5), rnd.nextDouble(-5, 5), rnd.nextDouble(-5, 5)};
      double[] got = TipLocaliser.closestOnSegment(ray, a[0], a[1], a[2], b[0], b[1], b[2]);
      double[] o = {ray.originX(), ray.originY(), ray.originZ()};
      double[] d = {ray.dirX(), ray.dirY(), ray.dirZ()};
      double best = Double.POSITIVE_INFINITY;
      for (int k = 0; k <= 20000; k++) {
        double t = k / 20000.0;
        double[] q = {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])};
        best = Math.min(best, rayDistance(o, d, q));
      }
      assertEquals(best, got[3], 1e-3 + 1e-9, "trial " + trial);
      assertEquals(got[3], rayDistance(o, d, new double[] {got[0], got[1], got[2]}), 1e-9, "trial " + trial);
    }
  }

  /** Segment under the tip and distance to the target against densely sampled triangles. */
  private static void assertSurfaceReadouts(TipPosition p, String what) {
    double[] x = p.point();
    double overall = Double.POSITIVE_INFINITY;
    double ofReported = Double.POSITIVE_INFINITY;
    double toTarget = Double.POSITIVE_INFINITY;
    int steps = 24;
    for (int t = 0; t < LV.triangleCount(); t++) {
      double best = Double.POSITIVE_INFINITY;
      double[][] c = new double[3][3];
      for (int k = 0; k < 3; k++) {
        for (int a = 0; a < 3; a++) {
          c[k][a] = LV.vertex(LV.corner(t, k), a);
        }
      }
      for (int i = 0; i <= steps; i++) {
        for (int j = 0; i + j <= steps; j++) {
          double bi = i / (double) steps;
          double bj = j / (double) steps;
          double[] q = new double[3];
          for (int a = 0; a < 3; a++) {
            q[a] = c[0][a] + bi * (c[1][a] - c[0][a]) + bj * (c[2][a] - c[0][a]);
          }
          best = Math.min(best, dist(q, x));
        }
      }
      overall = Math.min(overall, best);
      if (LV.segment(t) == p.segmentUnderTip()) {
        ofReported = Math.min(ofReported, best);
      }
      if (LV.segment(t) == TARGET) {
        toTarget = Math.min(toTarget, best);
      }
    }
    // sampling 1/24 of a ~4 mm triangle edge overestimates a distance by at most ~0.1 mm
    assertTrue(ofReported <= overall + 0.1, what + ": segment " + p.segmentUnderTip() + " is " + ofReported
        + " mm away, the nearest surface " + overall + " mm");
    assertEquals(toTarget, p.distanceToTargetMm(), 0.1, what + ": distance to the target");
    assertTrue(p.distanceToTargetMm() <= toTarget + 1e-9, what + ": exact distance exceeds a sampled one");
  }

  /** A vein on one side ({@code side} = sign of x) of the LV, 2 mm outside it, running from base to apex. */
  private static float[] vein(SplittableRandom rnd, int side) {
    List<Double> pts = new ArrayList<>();
    double phi0 = rnd.nextDouble(-0.6, 0.6);
    for (int k = 0; k <= 8; k++) {
      double theta = 0.4 + 2.3 * k / 8;
      double phi = phi0 + 0.3 * Math.sin(k + rnd.nextDouble(0, 0.5));
      double r = 32;
      pts.add(side * r * Math.sin(theta) * Math.cos(phi));
      pts.add(r * Math.sin(theta) * Math.sin(phi));
      pts.add(r * Math.cos(theta));
    }
    float[] out = new float[pts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (double) pts.get(i);
    }
    return out;
  }

  private static View view(SplittableRandom rnd) {
    CArmGeometry g = new CArmGeometry(rnd.nextDouble(-60, 60), rnd.nextDouble(-30, 30), 1100, 750, N, N, 0.6, 0.6,
        255.5, 255.5, new Vec3(rnd.nextDouble(-5, 5), rnd.nextDouble(-5, 5), rnd.nextDouble(-5, 5)));
    double ax = rnd.nextDouble(-0.3, 0.3);
    double ay = rnd.nextDouble(-0.3, 0.3);
    double az = rnd.nextDouble(-0.3, 0.3);
    double[][] r = multiply(multiply(rotation(2, az), rotation(1, ay)), rotation(0, ax));
    double[] pose = new double[16];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(r[i], 0, pose, 4 * i, 3);
      pose[4 * i + 3] = rnd.nextDouble(-15, 15);
    }
    pose[15] = 1;
    return new View(g, pose);
  }

  /** A view and a pose, with float64 projection and back-projection done independently of the code under test. */
  private static final class View {
    final cathnav.gpu.Projection projection;
    final double[] pose;
    final double[] p;

    View(CArmGeometry g, double[] pose) {
      this.projection = g.toProjection();
      this.pose = pose;
      this.p = projection.matrix();
    }

    double[] world(double[] x) {
      double[] w = new double[3];
      for (int i = 0; i < 3; i++) {
        w[i] = pose[4 * i] * x[0] + pose[4 * i + 1] * x[1] + pose[4 * i + 2] * x[2] + pose[4 * i + 3];
      }
      return w;
    }

    double[] model(double[] w) {
      double[] d = {w[0] - pose[3], w[1] - pose[7], w[2] - pose[11]};
      double[] x = new double[3];
      for (int j = 0; j < 3; j++) {
        x[j] = pose[j] * d[0] + pose[4 + j] * d[1] + pose[8 + j] * d[2]; // R^T d
      }
      return x;
    }

    float[] pixelOf(double[] modelPoint) {
      double[] w = world(modelPoint);
      double hw = p[8] * w[0] + p[9] * w[1] + p[10] * w[2] + p[11];
      return new float[] {(float) ((p[0] * w[0] + p[1] * w[1] + p[2] * w[2] + p[3]) / hw),
          (float) ((p[4] * w[0] + p[5] * w[1] + p[6] * w[2] + p[7]) / hw)};
    }

    /** Source (world) by a generic LU solve of M C = -p4. */
    double[] sourceWorld() {
      Array2DRowRealMatrix m = new Array2DRowRealMatrix(new double[][] {
          {p[0], p[1], p[2]}, {p[4], p[5], p[6]}, {p[8], p[9], p[10]}});
      RealVector c = new LUDecomposition(m).getSolver().solve(new ArrayRealVector(new double[] {-p[3], -p[7], -p[11]}));
      return c.toArray();
    }

    /** Unit direction (world) of the ray through pixel (u, v): M^-1 (u, v, 1), pointing away from the source. */
    double[] directionWorld(float[] uv) {
      Array2DRowRealMatrix m = new Array2DRowRealMatrix(new double[][] {
          {p[0], p[1], p[2]}, {p[4], p[5], p[6]}, {p[8], p[9], p[10]}});
      double[] d = new LUDecomposition(m).getSolver().solve(new ArrayRealVector(new double[] {uv[0], uv[1], 1}))
          .toArray();
      double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
      double sign = p[8] * d[0] + p[9] * d[1] + p[10] * d[2] > 0 ? 1 : -1; // depth grows along the ray
      return new double[] {sign * d[0] / n, sign * d[1] / n, sign * d[2] / n};
    }

    /** The ray in the model frame: {@code {ox, oy, oz, dx, dy, dz}}. */
    double[] rayInModel(float[] uv) {
      double[] c = model(sourceWorld());
      double[] dw = directionWorld(uv);
      double[] d = new double[3];
      for (int j = 0; j < 3; j++) {
        d[j] = pose[j] * dw[0] + pose[4 + j] * dw[1] + pose[8 + j] * dw[2];
      }
      return new double[] {c[0], c[1], c[2], d[0], d[1], d[2]};
    }

    /** Ray through the pixel meets the plane through T c normal to (T c - source), in the world; mapped back. */
    double[] targetDepthPointInWorldThenModel(float[] uv, double[] centroidModel) {
      double[] s = sourceWorld();
      double[] d = directionWorld(uv);
      double[] c = world(centroidModel);
      double[] n = {c[0] - s[0], c[1] - s[1], c[2] - s[2]};
      double lambda = (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]) / (n[0] * d[0] + n[1] * d[1] + n[2] * d[2]);
      return model(new double[] {s[0] + lambda * d[0], s[1] + lambda * d[1], s[2] + lambda * d[2]});
    }
  }

  /** The vein point nearest the ray by sampling every vein every 0.002 mm: {@code {x, y, z, distance}}. */
  private static double[] nearestVeinPointBruteForce(List<float[]> veins, double[] ray) {
    double[] o = {ray[0], ray[1], ray[2]};
    double[] d = {ray[3], ray[4], ray[5]};
    double best = Double.POSITIVE_INFINITY;
    double[] at = null;
    for (float[] v : veins) {
      for (int i = 0; i + 5 < v.length; i += 3) {
        double len = Math.sqrt(Math.pow(v[i + 3] - v[i], 2) + Math.pow(v[i + 4] - v[i + 1], 2)
            + Math.pow(v[i + 5] - v[i + 2], 2));
        int steps = (int) Math.ceil(len / 0.002);
        for (int k = 0; k <= steps; k++) {
          double t = k / (double) steps;
          double[] q = {v[i] + t * (v[i + 3] - v[i]), v[i + 1] + t * (v[i + 4] - v[i + 1]),
              v[i + 2] + t * (v[i + 5] - v[i + 2])};
          double dd = rayDistance(o, d, q);
          if (dd < best) {
            best = dd;
            at = q;
          }
        }
      }
    }
    return new double[] {at[0], at[1], at[2], best};
  }

  private static double rayDistance(double[] o, double[] d, double[] q) {
    double[] w = {q[0] - o[0], q[1] - o[1], q[2] - o[2]};
    double along = Math.max(0, w[0] * d[0] + w[1] * d[1] + w[2] * d[2]);
    double[] r = {w[0] - along * d[0], w[1] - along * d[1], w[2] - along * d[2]};
    return Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
  }

  private static double dist(double[] a, double[] b) {
    return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
  }

  private static double[][] rotation(int axis, double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    int i = (axis + 1) % 3;
    int j = (axis + 2) % 3;
    double[][] r = new double[3][3];
    r[axis][axis] = 1;
    r[i][i] = c;
    r[i][j] = -s;
    r[j][i] = s;
    r[j][j] = c;
    return r;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          r[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return r;
  }
}
