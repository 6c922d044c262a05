package cathnav.sim.motion;

/**
 * The physiological state of one frame.
 *
 * @param timeS time since the start of the run, seconds
 * @param ecgPhase cardiac phase in [0, 1), 0 at the R wave
 * @param respiratoryPhase respiratory phase in [0, 1), 0 at end-exhale
 * @param heartRateBpm heart rate in force, beats per minute
 * @param translationMm heart-region displacement (respiratory plus cardiac), RAS mm, 3 values
 * @param twistDeg heart-region rotation about its long axis, degrees
 */
public record MotionState(
    double timeS, double ecgPhase, double respiratoryPhase, double heartRateBpm, double[] translationMm,
    double twistDeg) {

  public MotionState {
    if (translationMm == null || translationMm.length != 3) {
      throw new IllegalArgumentException("translationMm must have 3 values");
    }
    translationMm = translationMm.clone();
  }

  @Override
  public double[] translationMm() {
    return translationMm.clone();
  }

  /** True when the heart region is at its reference position (no displacement, no twist). */
  public boolean atRest() {
    return translationMm[0] == 0 && translationMm[1] == 0 && translationMm[2] == 0 && twistDeg == 0;
  }
}
