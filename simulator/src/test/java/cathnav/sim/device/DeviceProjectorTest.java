package cathnav.sim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeviceProjectorTest {

  private static final int SIZE = 256;

  private static long seed() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    return seed;
  }

  private static ProjectionGeometry randomView(SplittableRandom random) {
    return CArmGeometry.of(random.nextDouble(-60, 60), random.nextDouble(-30, 30), 1100, 750, SIZE, SIZE, 0.6, 0.6)
        .projectionGeometry();
  }

  private static Vec3 randomPoint(SplittableRandom random, double halfSide) {
    return new Vec3(random.nextDouble(-halfSide, halfSide), random.nextDouble(-halfSide, halfSide),
        random.nextDouble(-halfSide, halfSide));
  }

  /** Float64 reference: march the ray in fine steps and count the length inside the finite cylinder. */
  private static double referenceChord(Vec3 source, Vec3 dir, Vec3 a, Vec3 b, double r) {
    Vec3 axis = b.minus(a).normalized();
    double len = a.distance(b);
    double centre = a.plus(b).times(0.5).minus(source).dot(dir);
    double reach = len / 2 + 2 * r;
    double step = 0.002;
    double inside = 0;
    for (double t = centre - reach; t <= centre + reach; t += step) {
      Vec3 x = source.plus(dir.times(t)).minus(a);
      double s = x.dot(axis);
      if (s >= 0 && s <= len && x.minus(axis.times(s)).norm() < r) {
        inside += step;
      }
    }
    return inside;
  }

  private static Vec3 rayThrough(ProjectionGeometry g, int u, int v) {
    Vec3 source = g.source();
    return g.backProject(u, v, 1000).minus(source).normalized();
  }

  @Test
  void cylinderChordsMatchFloat64RayMarching() {
    SplittableRandom random = new SplittableRandom(seed());
    int checked = 0;
    for (int trial = 0; trial < 12; trial++) {
      ProjectionGeometry g = randomView(random);
      Vec3 a = randomPoint(random, 30);
      Vec3 b = a.plus(randomPoint(random, 6));
      double r = random.nextDouble(0.5, 2.5);
      double mu = random.nextDouble(0.1, 3);
      float[] out = new float[SIZE * SIZE];
      new DeviceProjector(g).addCylinder(a, b, r, mu, out);
      double[] mid = g.project(a.plus(b).times(0.5));
      for (int v = (int) mid[1] - 10; v <= (int) mid[1] + 10; v += 2) {
        for (int u = (int) mid[0] - 10; u <= (int) mid[0] + 10; u += 2) {
          double ref = mu * referenceChord(g.source(), rayThrough(g, u, v), a, b, r);
          assertEquals(ref, out[v * SIZE + u], 0.01 * mu + 1e-3 * ref,
              "trial=" + trial + " u=" + u + " v=" + v + " a=" + a + " b=" + b + " r=" + r);
          if (ref > 0) {
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 50, "the windows must cross the tubes, checked=" + checked);
  }

  @Test
  void sphereChordMatchesAnalyticDiameterThroughItsCentre() {
    SplittableRandom random = new SplittableRandom(seed());
    ProjectionGeometry g = randomView(random);
    Vec3 c = randomPoint(random, 20);
    float[] out = new float[SIZE * SIZE];
    new DeviceProjector(g).addSphere(c, 2, 1.5, out);
    double[] uv = g.project(c);
    int u = (int) Math.round(uv[0]);
    int v = (int) Math.round(uv[1]);
    // the ray through the nearest pixel centre passes within half a pixel (0.4 mm at the isocentre) of c
    Vec3 dir = rayThrough(g, u, v);
    Vec3 toCentre = c.minus(g.source());
    double dist = toCentre.minus(dir.times(toCentre.dot(dir))).norm();
    assertEquals(1.5 * 2 * Math.sqrt(4 - dist * dist), out[v * SIZE + u], 1e-4);
  }

  @Test
  void poseMovesTheDevice() {
    ProjectionGeometry g = CArmGeometry.of(0, 0, 1100, 750, SIZE, SIZE, 0.6, 0.6).projectionGeometry();
    RadioOpaqueDevice ball = new RadioOpaqueDevice("bead", List.of(),
        List.of(new Sphere(Vec3.ZERO, 1.5, 2)), Vec3.ZERO);
    RigidTransform shift = new RigidTransform(new double[] {1, 0, 0, -20, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});
    float[] out = new float[SIZE * SIZE];
    new DeviceProjector(g).add(List.of(ball), shift, out);
    double[] uv = g.project(new Vec3(-20, 0, 0));
    int u = (int) Math.round(uv[0]);
    int v = (int) Math.round(uv[1]);
    assertTrue(out[v * SIZE + u] > 5, "the ball is drawn where the pose put it");
    double[] origin = g.project(Vec3.ZERO);
    assertEquals(0f, out[(int) Math.round(origin[1]) * SIZE + (int) Math.round(origin[0])]);
  }

  @Test
  void leadTipSitsAtTheInsertionDepthAlongItsRoute() {
    Polyline route = new Polyline(List.of(new Vec3(0, 0, 0), new Vec3(0, 0, -50), new Vec3(30, 0, -50)));
    RadioOpaqueDevice lead = DeviceModels.pacingLead(route, 65);
    assertEquals(0, lead.tip().distance(new Vec3(15, 0, -50)), 1e-9);
    RadioOpaqueDevice pastEnd = DeviceModels.pacingLead(route, 500);
    assertEquals(0, pastEnd.tip().distance(new Vec3(30, 0, -50)), 1e-9);
  }
}
