package cathnav.core.service;

import cathnav.core.overlay.GuidanceModel;
import java.util.Objects;

/**
 * The patient model a procedure runs with: what the overlay draws, what the tracker registers against, and the
 * target chosen before the procedure.
 *
 * @param name the model's name (patient case or file), for logs and displays
 * @param guidance LV surface with AHA segments and veins, RAS mm
 * @param registrationData what the tracker registers with (the CT volume and its attenuation settings), opaque to
 *     the service; may be null for trackers that need none
 * @param targetSegment the initial target AHA segment, 1..17, or 0 for none
 */
public record ProcedureModel(String name, GuidanceModel guidance, Object registrationData, int targetSegment) {

  public ProcedureModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(guidance, "guidance");
    if (targetSegment < 0 || targetSegment > 17) {
      throw new IllegalArgumentException("target segment must be 1..17 (0 none), targetSegment=" + targetSegment);
    }
  }

  /** This model with another target. */
  public ProcedureModel withTarget(int segment) {
    return new ProcedureModel(name, guidance, registrationData, segment);
  }
}
