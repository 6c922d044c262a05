package cathnav.sim.device;

import cathnav.core.geometry.Vec3;
import java.util.ArrayList;
import java.util.List;

/**
 * A 3D path through points (RAS mm), parameterised by arc length from its first point. Immutable.
 */
public final class Polyline {

  private final List<Vec3> points;
  private final double[] arc;

  /** At least two points; consecutive duplicates are rejected (zero-length segments have no direction). */
  public Polyline(List<Vec3> points) {
    if (points.size() < 2) {
      throw new IllegalArgumentException("a path needs at least 2 points, points=" + points.size());
    }
    this.points = List.copyOf(points);
    this.arc = new double[points.size()];
    for (int i = 1; i < points.size(); i++) {
      double d = points.get(i).distance(points.get(i - 1));
      if (!(d > 0)) {
        throw new IllegalArgumentException("path has a zero-length or non-finite segment at point " + i);
      }
      arc[i] = arc[i - 1] + d;
    }
  }

  public List<Vec3> points() {
    return points;
  }

  /** Total length, mm. */
  public double length() {
    return arc[arc.length - 1];
  }

  /** The point at arc length {@code s} (clamped to [0, length]). */
  public Vec3 pointAt(double s) {
    double t = Math.max(0, Math.min(length(), s));
    int i = segmentAt(t);
    double f = (t - arc[i]) / (arc[i + 1] - arc[i]);
    return points.get(i).plus(points.get(i + 1).minus(points.get(i)).times(f));
  }

  /** Unit tangent at arc length {@code s}. */
  public Vec3 tangentAt(double s) {
    int i = segmentAt(Math.max(0, Math.min(length(), s)));
    return points.get(i + 1).minus(points.get(i)).normalized();
  }

  /** The part between arc lengths {@code s0 < s1} (clamped), as a new path. */
  public Polyline between(double s0, double s1) {
    double a = Math.max(0, Math.min(length(), s0));
    double b = Math.max(0, Math.min(length(), s1));
    if (!(b > a)) {
      throw new IllegalArgumentException("empty sub-path, s0=" + s0 + ", s1=" + s1 + ", length=" + length());
    }
    List<Vec3> out = new ArrayList<>();
    out.add(pointAt(a));
    for (int i = 0; i < points.size(); i++) {
      if (arc[i] > a + 1e-9 && arc[i] < b - 1e-9) {
        out.add(points.get(i));
      }
    }
    out.add(pointAt(b));
    return new Polyline(out);
  }

  private int segmentAt(double s) {
    int lo = 0;
    int hi = arc.length - 2;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (arc[mid] <= s) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
