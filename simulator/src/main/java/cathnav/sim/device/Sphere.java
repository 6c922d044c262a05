package cathnav.sim.device;

import cathnav.core.geometry.Vec3;
import java.util.Objects;

/**
 * A radio-opaque solid ball.
 *
 * @param centre centre, RAS mm (model frame)
 * @param radiusMm radius, mm
 * @param mu linear attenuation, 1/mm
 */
public record Sphere(Vec3 centre, double radiusMm, double mu) {

  public Sphere {
    Objects.requireNonNull(centre, "centre");
    if (!(radiusMm > 0) || !Double.isFinite(mu)) {
      throw new IllegalArgumentException("invalid sphere, radiusMm=" + radiusMm + ", mu=" + mu);
    }
  }
}
