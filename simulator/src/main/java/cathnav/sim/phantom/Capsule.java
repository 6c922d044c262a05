package cathnav.sim.phantom;

import cathnav.core.geometry.Vec3;
import java.util.Objects;

/** The points within {@code radius} mm of the segment {@code a}-{@code b} (a rounded rod: vessel, rib or bead). */
public record Capsule(String name, Vec3 a, Vec3 b, double radius, double hu) implements PhantomShape {

  public Capsule {
    Objects.requireNonNull(name, "name");
    if (!(radius > 0)) {
      throw new IllegalArgumentException("radius must be positive, shape=" + name);
    }
  }

  /** A ball: a capsule of zero length. */
  public static Capsule ball(String name, Vec3 centre, double radius, double hu) {
    return new Capsule(name, centre, centre, radius, hu);
  }

  private double distanceToAxis(Vec3 x) {
    Vec3 ab = b.minus(a);
    double len2 = ab.dot(ab);
    double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, x.minus(a).dot(ab) / len2));
    return x.distance(a.plus(ab.times(t)));
  }

  @Override
  public boolean contains(Vec3 x) {
    return distanceToAxis(x) <= radius;
  }

  @Override
  public double signedDistanceBound(Vec3 x) {
    return distanceToAxis(x) - radius;
  }

  @Override
  public double[] bounds() {
    return new double[] {
      Math.min(a.x(), b.x()) - radius, Math.min(a.y(), b.y()) - radius, Math.min(a.z(), b.z()) - radius,
      Math.max(a.x(), b.x()) + radius, Math.max(a.y(), b.y()) + radius, Math.max(a.z(), b.z()) + radius
    };
  }
}
