package cathnav.sim.device;

import java.util.Objects;

/**
 * A radio-opaque solid tube: a chain of flat-capped cylinders of one radius along a path.
 *
 * @param path centreline, RAS mm (model frame: the device pose moves it)
 * @param radiusMm outer radius, mm
 * @param mu linear attenuation of the tube's material, averaged over its cross-section, 1/mm
 */
public record Tube(Polyline path, double radiusMm, double mu) {

  public Tube {
    Objects.requireNonNull(path, "path");
    if (!(radiusMm > 0) || !Double.isFinite(mu)) {
      throw new IllegalArgumentException("invalid tube, radiusMm=" + radiusMm + ", mu=" + mu);
    }
  }
}
