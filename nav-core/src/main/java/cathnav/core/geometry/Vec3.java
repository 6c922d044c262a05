package cathnav.core.geometry;

/**
 * A 3-vector in millimetres (a RAS point or direction). Immutable.
 *
 * @param x first component (RAS: patient right), mm
 * @param y second component (RAS: anterior), mm
 * @param z third component (RAS: superior), mm
 */
public record Vec3(double x, double y, double z) {

  public static final Vec3 ZERO = new Vec3(0, 0, 0);

  /** From the first three values of {@code values}. */
  public static Vec3 of(double[] values) {
    if (values.length < 3) {
      throw new IllegalArgumentException("a 3-vector needs 3 values, length=" + values.length);
    }
    return new Vec3(values[0], values[1], values[2]);
  }

  public Vec3 plus(Vec3 o) {
    return new Vec3(x + o.x, y + o.y, z + o.z);
  }

  public Vec3 minus(Vec3 o) {
    return new Vec3(x - o.x, y - o.y, z - o.z);
  }

  public Vec3 times(double s) {
    return new Vec3(x * s, y * s, z * s);
  }

  public double dot(Vec3 o) {
    return x * o.x + y * o.y + z * o.z;
  }

  public Vec3 cross(Vec3 o) {
    return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
  }

  public double norm() {
    return Math.sqrt(dot(this));
  }

  /** This vector scaled to unit length; throws for the zero vector. */
  public Vec3 normalized() {
    double n = norm();
    if (!(n > 0)) {
      throw new IllegalArgumentException("cannot normalise a zero-length vector, v=" + this);
    }
    return times(1.0 / n);
  }

  public double distance(Vec3 o) {
    return minus(o).norm();
  }

  public double[] toArray() {
    return new double[] {x, y, z};
  }

  public boolean isFinite() {
    return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z);
  }
}
