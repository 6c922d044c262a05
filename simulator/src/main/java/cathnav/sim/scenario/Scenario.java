package cathnav.sim.scenario;

import cathnav.core.geometry.Vec3;
import cathnav.sim.detector.BitDepth;
import cathnav.sim.motion.CardiacMotion;
import cathnav.sim.motion.RespiratoryMotion;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A simulated procedure: the anatomy, the detector and C-arm at the start, the physiology, and the timed events. Read
 * from JSON with {@link ScenarioReader}.
 *
 * @param name scenario name
 * @param ct CT volume (HU), or null for the generated phantom
 * @param heartMask whole-heart mask in the CT's frame, or null
 * @param phantomSpacingMm voxel size of the generated phantom, mm (used when {@code ct} is null)
 * @param durationS length of the run, seconds
 * @param fps frame rate at the start, frames per second
 * @param seed noise seed
 * @param bitDepth stored bits
 * @param noise whether frames carry quantum and electronic noise
 * @param doseNGy dose per frame at the start, nGy
 * @param width detector width, pixels
 * @param height detector height, pixels
 * @param pixelSpacingMm detector pixel spacing, mm
 * @param sidMm source to detector distance, mm
 * @param sodMm source to isocentre distance, mm
 * @param primaryDeg C-arm primary angle at the start, degrees
 * @param secondaryDeg C-arm secondary angle at the start, degrees
 * @param isocenter isocentre in the model frame, RAS mm, or null for the heart centre
 * @param respiration respiratory motion
 * @param cardiac cardiac motion
 * @param leadInsertionMm pacing-lead insertion at the start, mm (0: none)
 * @param csCatheterInsertionMm CS-catheter insertion at the start, mm (0: none)
 * @param events timed changes, sorted by start time
 */
public record Scenario(
    String name,
    Path ct,
    Path heartMask,
    double phantomSpacingMm,
    double durationS,
    double fps,
    long seed,
    BitDepth bitDepth,
    boolean noise,
    double doseNGy,
    int width,
    int height,
    double pixelSpacingMm,
    double sidMm,
    double sodMm,
    double primaryDeg,
    double secondaryDeg,
    Vec3 isocenter,
    RespiratoryMotion respiration,
    CardiacMotion cardiac,
    double leadInsertionMm,
    double csCatheterInsertionMm,
    List<ScenarioEvent> events) {

  public Scenario {
    Objects.requireNonNull(name, "name");
    events = events.stream().sorted(Comparator.comparingDouble(ScenarioEvent::atS)).toList();
  }

  /** The events of one kind, in time order. */
  public <E extends ScenarioEvent> List<E> eventsOf(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
