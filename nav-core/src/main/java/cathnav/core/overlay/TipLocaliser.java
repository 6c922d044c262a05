package cathnav.core.overlay;

/**
 * Places the detected lead tip in 3D from its viewing ray, in the model frame (float64 throughout):
 *
 * <ol>
 *   <li>with vein centrelines in the model, on the vein point nearest the ray, when the ray passes within
 *       {@code veinToleranceMm} of a vein (the lead lies in a vein);
 *   <li>else, with a target segment, where the ray crosses the target's depth: the plane through the target segment's
 *       area-weighted centroid, normal to the line from the source to that centroid;
 *   <li>else no point: the segment under the tip is the first LV triangle the ray crosses.
 * </ol>
 *
 * With a point, the segment under the tip is that of the nearest labelled LV triangle, and the distance to the target
 * is the distance from the point to the nearest point of the target segment's surface.
 *
 * <p>Immutable and thread-safe.
 */
public final class TipLocaliser {

  /** Default largest ray-to-vein distance for the vein constraint, mm. */
  public static final double DEFAULT_VEIN_TOLERANCE_MM = 5;

  private final double veinToleranceMm;

  public TipLocaliser(double veinToleranceMm) {
    if (!(veinToleranceMm > 0)) {
      throw new IllegalArgumentException("veinToleranceMm must be positive, veinToleranceMm=" + veinToleranceMm);
    }
    this.veinToleranceMm = veinToleranceMm;
  }

  /**
   * @param model the guidance model (model frame)
   * @param ray the tip's viewing ray in the model frame
   * @param targetSegment the target AHA segment (1..17), 0 for none
   */
  TipPosition locate(GuidanceModel model, TipRay ray, int targetSegment) {
    GuidanceMesh lv = model.leftVentricle();
    boolean hasTarget = targetSegment > 0 && lv.hasSegment(targetSegment);
    double bestVein = Double.POSITIVE_INFINITY;
    double[] onVein = null;
    for (int k = 0; k < model.veinCount(); k++) {
      float[] p = model.veinPoints(k);
      for (int i = 0; i + 5 < p.length; i += 3) {
        double[] q = closestOnSegment(ray, p[i], p[i + 1], p[i + 2], p[i + 3], p[i + 4], p[i + 5]);
        if (q[3] < bestVein) {
          bestVein = q[3];
          onVein = new double[] {q[0], q[1], q[2]};
        }
      }
    }
    if (onVein != null && bestVein <= veinToleranceMm) {
      return withPoint(TipConstraint.VEIN, onVein, bestVein, lv, hasTarget ? targetSegment : 0);
    }
    if (hasTarget) {
      double[] c = segmentCentroid(lv, targetSegment);
      double nx = c[0] - ray.originX();
      double ny = c[1] - ray.originY();
      double nz = c[2] - ray.originZ();
      double along = nx * ray.dirX() + ny * ray.dirY() + nz * ray.dirZ();
      if (along > 0) {
        double s = (nx * nx + ny * ny + nz * nz) / along;
        double[] x = {ray.originX() + s * ray.dirX(), ray.originY() + s * ray.dirY(), ray.originZ() + s * ray.dirZ()};
        return withPoint(TipConstraint.TARGET_DEPTH, x, Double.NaN, lv, targetSegment);
      }
    }
    int segment = ray.firstSegmentHit(lv);
    return new TipPosition(TipConstraint.RAY, null, Double.NaN, segment, Double.NaN);
  }

  private static TipPosition withPoint(TipConstraint how, double[] x, double rayToVein, GuidanceMesh lv, int target) {
    double nearest = Double.POSITIVE_INFINITY;
    int segment = 0;
    double toTarget = Double.POSITIVE_INFINITY;
    for (int t = 0; t < lv.triangleCount(); t++) {
      int seg = lv.segment(t);
      if (seg == 0) {
        continue;
      }
      double d = TriangleDistance.pointToTriangle(x, lv, t);
      if (d < nearest) {
        nearest = d;
        segment = seg;
      }
      if (seg == target) {
        toTarget = Math.min(toTarget, d);
      }
    }
    return new TipPosition(how, x, rayToVein, segment, target > 0 ? toTarget : Double.NaN);
  }

  /** Area-weighted centroid of the triangles of {@code segment}, model RAS mm. */
  static double[] segmentCentroid(GuidanceMesh lv, int segment) {
    double[] c = new double[3];
    double area = 0;
    for (int t = 0; t < lv.triangleCount(); t++) {
      if (lv.segment(t) != segment) {
        continue;
      }
      int a = lv.corner(t, 0);
      int b = lv.corner(t, 1);
      int d = lv.corner(t, 2);
      double ux = lv.vertex(b, 0) - lv.vertex(a, 0);
      double uy = lv.vertex(b, 1) - lv.vertex(a, 1);
      double uz = lv.vertex(b, 2) - lv.vertex(a, 2);
      double vx = lv.vertex(d, 0) - lv.vertex(a, 0);
      double vy = lv.vertex(d, 1) - lv.vertex(a, 1);
      double vz = lv.vertex(d, 2) - lv.vertex(a, 2);
      double cx = uy * vz - uz * vy;
      double cy = uz * vx - ux * vz;
      double cz = ux * vy - uy * vx;
      double ar = 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
      for (int axis = 0; axis < 3; axis++) {
        c[axis] += ar * ((double) lv.vertex(a, axis) + lv.vertex(b, axis) + lv.vertex(d, axis)) / 3;
      }
      area += ar;
    }
    for (int axis = 0; axis < 3; axis++) {
      c[axis] /= area;
    }
    return c;
  }

  /**
   * The point of segment [a, b] nearest the ray (s &gt;= 0), and their distance: {@code {x, y, z, distance}}. The
   * squared distance is convex in (s, t) over the strip s &gt;= 0, 0 &lt;= t &lt;= 1, so its minimum is the interior
   * critical point when that lies in the strip, else the best of the three edges, each a clamped 1D minimum.
   */
  static double[] closestOnSegment(TipRay ray, double ax, double ay, double az, double bx, double by, double bz) {
    double ox = ray.originX();
    double oy = ray.originY();
    double oz = ray.originZ();
    double dx = ray.dirX();
    double dy = ray.dirY();
    double dz = ray.dirZ();
    double ex = bx - ax;
    double ey = by - ay;
    double ez = bz - az;
    double wx = ox - ax;
    double wy = oy - ay;
    double wz = oz - az;
    double ee = ex * ex + ey * ey + ez * ez;
    double de = dx * ex + dy * ey + dz * ez;
    double dw = dx * wx + dy * wy + dz * wz;
    double ew = ex * wx + ey * wy + ez * wz;
    double best = Double.POSITIVE_INFINITY;
    double bestT = 0;
    double denom = ee - de * de; // |d| = 1
    if (ee > 0 && denom > 1e-12 * ee) {
      double t = (ew - de * dw) / denom;
      double s = t * de - dw;
      if (s >= 0 && t >= 0 && t <= 1) {
        best = distance2(ray, s, ax + t * ex, ay + t * ey, az + t * ez);
        bestT = t;
      }
    }
    // edge t = 0 and t = 1: the ray's nearest point to the end point
    for (int end = 0; end <= 1; end++) {
      double px = ax + end * ex;
      double py = ay + end * ey;
      double pz = az + end * ez;
      double s = Math.max(0, dx * (px - ox) + dy * (py - oy) + dz * (pz - oz));
      double d2 = distance2(ray, s, px, py, pz);
      if (d2 < best) {
        best = d2;
        bestT = end;
      }
    }
    // edge s = 0: the segment's nearest point to the source
    if (ee > 0) {
      double t = Math.max(0, Math.min(1, ew / ee));
      double d2 = distance2(ray, 0, ax + t * ex, ay + t * ey, az + t * ez);
      if (d2 < best) {
        best = d2;
        bestT = t;
      }
    }
    return new double[] {ax + bestT * ex, ay + bestT * ey, az + bestT * ez, Math.sqrt(best)};
  }

  private static double distance2(TipRay ray, double s, double px, double py, double pz) {
    double x = ray.originX() + s * ray.dirX() - px;
    double y = ray.originY() + s * ray.dirY() - py;
    double z = ray.originZ() + s * ray.dirZ() - pz;
    return x * x + y * y + z * z;
  }
}
