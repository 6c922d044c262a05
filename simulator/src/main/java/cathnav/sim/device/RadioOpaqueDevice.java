package cathnav.sim.device;

import cathnav.core.geometry.Vec3;
import java.util.List;
import java.util.Objects;

/**
 * A catheter or lead as X-rays see it: tubes and balls of known attenuation, and the point that counts as its tip.
 *
 * @param name what it is ({@code pacing-lead}, {@code cs-catheter}, ...)
 * @param tubes body and electrodes
 * @param spheres rounded tips and beads
 * @param tip the distal tip, RAS mm (model frame)
 */
public record RadioOpaqueDevice(String name, List<Tube> tubes, List<Sphere> spheres, Vec3 tip) {

  public RadioOpaqueDevice {
    Objects.requireNonNull(name, "name");
    tubes = List.copyOf(tubes);
    spheres = List.copyOf(spheres);
    Objects.requireNonNull(tip, "tip");
  }
}
