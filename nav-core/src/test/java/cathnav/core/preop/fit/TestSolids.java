package cathnav.core.preop.fit;

import cathnav.core.model.TriangleMesh;
import java.util.List;
import java.util.Random;

/** Closed test surfaces and random similarity transforms. */
final class TestSolids {

  private TestSolids() {}

  /**
   * A closed ellipsoid surface (latitude-longitude triangulation) with semi-axes {@code a, b, c} along the columns of
   * {@code rotation}, centred at {@code centre}.
   */
  static TriangleMesh ellipsoid(double[] centre, double a, double b, double c, double[] rotation, int stacks,
      int slices) {
    int n = 2 + (stacks - 1) * slices;
    float[] v = new float[3 * n];
    int[] t = new int[3 * (2 * slices + 2 * slices * (stacks - 2))];
    put(v, 0, centre, rotation, 0, 0, c);
    put(v, 1, centre, rotation, 0, 0, -c);
    for (int s = 1; s < stacks; s++) {
      double theta = Math.PI * s / stacks;
      for (int k = 0; k < slices; k++) {
        double phi = 2 * Math.PI * k / slices;
        put(v, 2 + (s - 1) * slices + k, centre, rotation, a * Math.sin(theta) * Math.cos(phi),
            b * Math.sin(theta) * Math.sin(phi), c * Math.cos(theta));
      }
    }
    int q = 0;
    for (int k = 0; k < slices; k++) {
      int k1 = (k + 1) % slices;
      t[q++] = 0;
      t[q++] = 2 + k;
      t[q++] = 2 + k1;
      int last = 2 + (stacks - 2) * slices;
      t[q++] = 1;
      t[q++] = last + k1;
      t[q++] = last + k;
    }
    for (int s = 1; s < stacks - 1; s++) {
      int r0 = 2 + (s - 1) * slices;
      int r1 = r0 + slices;
      for (int k = 0; k < slices; k++) {
        int k1 = (k + 1) % slices;
        t[q++] = r0 + k;
        t[q++] = r1 + k;
        t[q++] = r1 + k1;
        t[q++] = r0 + k;
        t[q++] = r1 + k1;
        t[q++] = r0 + k1;
      }
    }
    return TriangleMesh.of(v, t);
  }

  private static void put(float[] v, int i, double[] c, double[] r, double x, double y, double z) {
    for (int row = 0; row < 3; row++) {
      v[3 * i + row] = (float) (c[row] + r[3 * row] * x + r[3 * row + 1] * y + r[3 * row + 2] * z);
    }
  }

  /** An asymmetric "heart": four overlapping ellipsoids of different sizes and tilts (no symmetry to confuse a fit). */
  static List<TriangleMesh> heart() {
    double[] id = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    return List.of(
        ellipsoid(new double[] {20, -10, -15}, 30, 24, 45, Rotations.axisAngle(0.6, 0, 0.8, 0.5), 24, 36),
        ellipsoid(new double[] {-15, -2, -10}, 22, 30, 38, Rotations.axisAngle(0, 1, 0, -0.3), 24, 36),
        ellipsoid(new double[] {15, 12, 35}, 25, 18, 20, id, 18, 30),
        ellipsoid(new double[] {-22, 8, 30}, 20, 22, 26, Rotations.axisAngle(1, 0, 0, 0.4), 18, 30));
  }

  /** A random rotation about a random axis by up to {@code maxDegrees}. */
  static double[] randomRotation(Random rnd, double maxDegrees) {
    double[] axis = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
    double n = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
    return Rotations.axisAngle(axis[0] / n, axis[1] / n, axis[2] / n, Math.toRadians(maxDegrees * rnd.nextDouble()));
  }

  /** The angle of {@code a^T b}, degrees. */
  static double angleBetween(double[] a, double[] b) {
    double[] d = Rotations.multiply(Rotations.transpose(a), b);
    double c = (d[0] + d[4] + d[8] - 1) / 2;
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
  }
}
