package cathnav.core.tracking;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.Volume;
import cathnav.gpu.Attenuation;
import cathnav.gpu.VolumeGrid;
import java.util.Objects;

/**
 * What a tracker registers against: the CT grid, its HU-to-attenuation model and the registration centre (the
 * heart's centre, RAS mm; rotations are about it). The service passes it as
 * {@link cathnav.core.service.ProcedureModel#registrationData()}. Immutable; the grid's arrays are shared
 * read-only.
 */
public record RegistrationModel(VolumeGrid ct, Attenuation attenuation, Vec3 centre) {

  public RegistrationModel {
    Objects.requireNonNull(ct, "ct");
    Objects.requireNonNull(attenuation, "attenuation");
    Objects.requireNonNull(centre, "centre");
  }

  /** A CT volume with the default attenuation, rotating about {@code centre}. */
  public static RegistrationModel of(Volume ct, Vec3 centre) {
    return new RegistrationModel(ct.toGrid(), Attenuation.DEFAULT, centre);
  }
}
