package cathnav.core.preop;

import java.util.Objects;

/**
 * A vessel centreline (coronary sinus or a cardiac vein) as a polyline in RAS mm: {@code x0, y0, z0, x1, ...},
 * ordered from the ostium distally where the source says so. Immutable: the points are copied in and out.
 *
 * @param name the vessel's name, for example "CS" or "lateral vein"
 */
public record Centreline(String name, float[] points) {

  public Centreline {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(points, "points");
    if (points.length % 3 != 0 || points.length < 6) {
      throw new IllegalArgumentException("centreline needs at least 2 x,y,z points, name=" + name + ", length="
          + points.length);
    }
    for (float p : points) {
      if (!Float.isFinite(p)) {
        throw new IllegalArgumentException("centreline coordinates must be finite, name=" + name);
      }
    }
    points = points.clone();
  }

  @Override
  public float[] points() {
    return points.clone();
  }

  public int pointCount() {
    return points.length / 3;
  }

  /** The polyline's length, mm. */
  public double length() {
    double sum = 0;
    for (int i = 3; i < points.length; i += 3) {
      double dx = points[i] - points[i - 3];
      double dy = points[i + 1] - points[i - 2];
      double dz = points[i + 2] - points[i - 1];
      sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
    return sum;
  }
}
