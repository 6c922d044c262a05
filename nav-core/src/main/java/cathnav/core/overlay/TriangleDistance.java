package cathnav.core.overlay;

/** Euclidean distance from a point to a triangle of a {@link GuidanceMesh}, float64. Stateless. */
final class TriangleDistance {

  private TriangleDistance() {}

  /**
   * Distance, mm, from {@code x} to triangle {@code t} of {@code mesh}: to its plane when the foot of the
   * perpendicular lies inside (barycentric coordinates all non-negative), else to the nearest of its three edges.
   */
  static double pointToTriangle(double[] x, GuidanceMesh mesh, int t) {
    int ia = mesh.corner(t, 0);
    int ib = mesh.corner(t, 1);
    int ic = mesh.corner(t, 2);
    double ax = mesh.vertex(ia, 0);
    double ay = mesh.vertex(ia, 1);
    double az = mesh.vertex(ia, 2);
    double bx = mesh.vertex(ib, 0);
    double by = mesh.vertex(ib, 1);
    double bz = mesh.vertex(ib, 2);
    double cx = mesh.vertex(ic, 0);
    double cy = mesh.vertex(ic, 1);
    double cz = mesh.vertex(ic, 2);
    double ux = bx - ax;
    double uy = by - ay;
    double uz = bz - az;
    double vx = cx - ax;
    double vy = cy - ay;
    double vz = cz - az;
    double wx = x[0] - ax;
    double wy = x[1] - ay;
    double wz = x[2] - az;
    double uu = ux * ux + uy * uy + uz * uz;
    double uv = ux * vx + uy * vy + uz * vz;
    double vv = vx * vx + vy * vy + vz * vz;
    double wu = wx * ux + wy * uy + wz * uz;
    double wv = wx * vx + wy * vy + wz * vz;
    double det = uu * vv - uv * uv;
    if (det > 1e-18 * uu * vv) {
      double beta = (vv * wu - uv * wv) / det;
      double gamma = (uu * wv - uv * wu) / det;
      if (beta >= 0 && gamma >= 0 && beta + gamma <= 1) {
        double px = ax + beta * ux + gamma * vx - x[0];
        double py = ay + beta * uy + gamma * vy - x[1];
        double pz = az + beta * uz + gamma * vz - x[2];
        return Math.sqrt(px * px + py * py + pz * pz);
      }
    }
    double d = pointToSegment(x, ax, ay, az, bx, by, bz);
    d = Math.min(d, pointToSegment(x, bx, by, bz, cx, cy, cz));
    return Math.min(d, pointToSegment(x, cx, cy, cz, ax, ay, az));
  }

  static double pointToSegment(double[] x, double ax, double ay, double az, double bx, double by, double bz) {
    double ex = bx - ax;
    double ey = by - ay;
    double ez = bz - az;
    double ee = ex * ex + ey * ey + ez * ez;
    double t = ee > 0 ? ((x[0] - ax) * ex + (x[1] - ay) * ey + (x[2] - az) * ez) / ee : 0;
    t = Math.max(0, Math.min(1, t));
    double px = ax + t * ex - x[0];
    double py = ay + t * ey - x[1];
    double pz = az + t * ez - x[2];
    return Math.sqrt(px * px + py * py + pz * pz);
  }
}
