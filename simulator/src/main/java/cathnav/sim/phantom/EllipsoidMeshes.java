package cathnav.sim.phantom;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.TriangleMesh;

/** Closed triangle meshes of {@link Ellipsoid}s (latitude-longitude tessellation, outward winding). */
public final class EllipsoidMeshes {

  private EllipsoidMeshes() {}

  /**
   * Tessellates {@code e} with {@code stacks} latitude bands and {@code slices} longitudes: two pole vertices and
   * {@code (stacks - 1) * slices} ring vertices, {@code 2 * slices * (stacks - 1)} triangles, counter-clockwise seen
   * from outside.
   */
  public static TriangleMesh of(Ellipsoid e, int stacks, int slices) {
    if (stacks < 2 || slices < 3) {
      throw new IllegalArgumentException("need stacks >= 2 and slices >= 3, stacks=" + stacks + ", slices=" + slices);
    }
    int rings = stacks - 1;
    float[] v = new float[3 * (2 + rings * slices)];
    put(v, 0, point(e, 0, 0));
    put(v, 1, point(e, Math.PI, 0));
    for (int r = 0; r < rings; r++) {
      double theta = Math.PI * (r + 1) / stacks;
      for (int s = 0; s < slices; s++) {
        put(v, 2 + r * slices + s, point(e, theta, 2 * Math.PI * s / slices));
      }
    }
    int[] t = new int[3 * 2 * slices * rings];
    int k = 0;
    for (int s = 0; s < slices; s++) {
      int sn = (s + 1) % slices;
      k = tri(t, k, e, v, 0, ring(0, s, slices), ring(0, sn, slices));
      k = tri(t, k, e, v, 1, ring(rings - 1, sn, slices), ring(rings - 1, s, slices));
      for (int r = 0; r < rings - 1; r++) {
        k = tri(t, k, e, v, ring(r, s, slices), ring(r + 1, s, slices), ring(r + 1, sn, slices));
        k = tri(t, k, e, v, ring(r, s, slices), ring(r + 1, sn, slices), ring(r, sn, slices));
      }
    }
    return TriangleMesh.of(v, t);
  }

  private static int ring(int r, int s, int slices) {
    return 2 + r * slices + s;
  }

  private static Vec3 point(Ellipsoid e, double theta, double phi) {
    double x = Math.sin(theta) * Math.cos(phi) * e.a1();
    double y = Math.sin(theta) * Math.sin(phi) * e.a2();
    double z = Math.cos(theta) * e.a3();
    return e.centre().plus(e.e1().times(x)).plus(e.e2().times(y)).plus(e.e3().times(z));
  }

  private static void put(float[] v, int i, Vec3 p) {
    v[3 * i] = (float) p.x();
    v[3 * i + 1] = (float) p.y();
    v[3 * i + 2] = (float) p.z();
  }

  /** Adds triangle (a, b, c), flipped if its normal points towards the centre. */
  private static int tri(int[] t, int k, Ellipsoid e, float[] v, int a, int b, int c) {
    Vec3 pa = at(v, a);
    Vec3 n = at(v, b).minus(pa).cross(at(v, c).minus(pa));
    boolean outward = n.dot(pa.plus(at(v, b)).plus(at(v, c)).times(1.0 / 3).minus(e.centre())) >= 0;
    t[k] = a;
    t[k + 1] = outward ? b : c;
    t[k + 2] = outward ? c : b;
    return k + 3;
  }

  private static Vec3 at(float[] v, int i) {
    return new Vec3(v[3 * i], v[3 * i + 1], v[3 * i + 2]);
  }
}
