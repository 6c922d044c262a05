package cathnav.sim.phantom;

import cathnav.core.geometry.Vec3;
import java.util.Objects;

/**
 * An ellipsoid with orthonormal axes {@code e1, e2, e3} and semi-axes {@code a1, a2, a3} (mm). A very long
 * {@code a3} makes an elliptic cylinder within the grid (the body outline).
 */
public record Ellipsoid(
    String name, Vec3 centre, Vec3 e1, Vec3 e2, Vec3 e3, double a1, double a2, double a3, double hu)
    implements PhantomShape {

  public Ellipsoid {
    Objects.requireNonNull(name, "name");
    if (!(a1 > 0 && a2 > 0 && a3 > 0)) {
      throw new IllegalArgumentException("semi-axes must be positive, shape=" + name);
    }
  }

  /** Axis-aligned: semi-axes along x, y, z. */
  public static Ellipsoid aligned(String name, Vec3 centre, double ax, double ay, double az, double hu) {
    return new Ellipsoid(name, centre, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1), ax, ay, az, hu);
  }

  /**
   * Elongated along {@code longAxis} (semi-axis {@code along}), with radial semi-axes {@code across1} (in the plane of
   * the long axis and z, or x when the long axis is vertical) and {@code across2}.
   */
  public static Ellipsoid along(
      String name, Vec3 centre, Vec3 longAxis, double across1, double across2, double along, double hu) {
    Vec3 e3 = longAxis.normalized();
    Vec3 ref = Math.abs(e3.z()) > 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 0, 1);
    Vec3 e2 = e3.cross(ref).normalized();
    Vec3 e1 = e2.cross(e3).normalized();
    return new Ellipsoid(name, centre, e1, e2, e3, across1, across2, along, hu);
  }

  /** The same ellipsoid with every semi-axis times {@code factor}. */
  public Ellipsoid scaled(double factor, String newName) {
    return new Ellipsoid(newName, centre, e1, e2, e3, a1 * factor, a2 * factor, a3 * factor, hu);
  }

  private double q(Vec3 x) {
    Vec3 d = x.minus(centre);
    double p1 = d.dot(e1) / a1;
    double p2 = d.dot(e2) / a2;
    double p3 = d.dot(e3) / a3;
    return Math.sqrt(p1 * p1 + p2 * p2 + p3 * p3);
  }

  @Override
  public boolean contains(Vec3 x) {
    return q(x) <= 1;
  }

  /** |grad q| &lt;= 1 / min(a), so {@code (q - 1) * min(a)} never exceeds the true distance in magnitude. */
  @Override
  public double signedDistanceBound(Vec3 x) {
    return (q(x) - 1) * Math.min(a1, Math.min(a2, a3));
  }

  @Override
  public double[] bounds() {
    double[] b = new double[6];
    Vec3[] axes = {e1, e2, e3};
    double[] a = {a1, a2, a3};
    double[] c = centre.toArray();
    for (int dim = 0; dim < 3; dim++) {
      double r = 0;
      for (int k = 0; k < 3; k++) {
        double comp = axes[k].toArray()[dim] * a[k];
        r += comp * comp;
      }
      r = Math.sqrt(r);
      b[dim] = c[dim] - r;
      b[3 + dim] = c[dim] + r;
    }
    return b;
  }
}
