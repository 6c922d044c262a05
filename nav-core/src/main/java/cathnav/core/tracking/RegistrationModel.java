package cathnav.core.tracking;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.Volume;
import cathnav.core.preop.HeartRegion;
import cathnav.gpu.Attenuation;
import cathnav.gpu.VolumeGrid;
import java.util.Objects;

/**
 * What a tracker registers against: the CT grid, its HU-to-attenuation model, the registration centre (the heart's
 * centre, RAS mm; rotations are about it) and, optionally, the heart region. The service passes it as
 * {@link cathnav.core.service.ProcedureModel#registrationData()}. Immutable; the grid's arrays are shared
 * read-only.
 *
 * <p>Without a heart region a tracker can only find the patient's pose (the thorax dominates the image), not where
 * the heart is inside it: its poses are never reported as verified TRACKING.
 *
 * @param heart the heart region, or null when the model has none
 */
public record RegistrationModel(VolumeGrid ct, Attenuation attenuation, Vec3 centre, HeartRegion heart) {

  public RegistrationModel {
    Objects.requireNonNull(ct, "ct");
    Objects.requireNonNull(attenuation, "attenuation");
    Objects.requireNonNull(centre, "centre");
  }

  /** A model without a heart region. */
  public RegistrationModel(VolumeGrid ct, Attenuation attenuation, Vec3 centre) {
    this(ct, attenuation, centre, null);
  }

  /** A CT volume with the default attenuation, rotating about {@code centre}. */
  public static RegistrationModel of(Volume ct, Vec3 centre) {
    return new RegistrationModel(ct.toGrid(), Attenuation.DEFAULT, centre);
  }

  /** This model with a heart region (null for none). */
  public RegistrationModel withHeart(HeartRegion region) {
    return new RegistrationModel(ct, attenuation, centre, region);
  }

  public boolean hasHeart() {
    return heart != null;
  }
}
