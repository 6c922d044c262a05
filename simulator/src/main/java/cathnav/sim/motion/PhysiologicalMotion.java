package cathnav.sim.motion;

import java.util.Objects;

/**
 * Integrates respiratory and cardiac phases over time and gives the heart region's displacement per frame.
 *
 * <p>Phases are integrated (not computed from the absolute time) so that a heart-rate change mid-run keeps the ECG
 * phase continuous. Thread-safety: none; one instance per simulated run.
 */
public final class PhysiologicalMotion {

  private RespiratoryMotion respiration;
  private CardiacMotion cardiac;
  private double timeS;
  private double ecgPhase;
  private double respiratoryPhase;
  private boolean breathHold;

  /**
   * @param ecgPhase0 ECG phase at time 0, [0, 1)
   * @param respiratoryPhase0 respiratory phase at time 0, [0, 1)
   */
  public PhysiologicalMotion(
      RespiratoryMotion respiration, CardiacMotion cardiac, double ecgPhase0, double respiratoryPhase0) {
    this.respiration = Objects.requireNonNull(respiration, "respiration");
    this.cardiac = Objects.requireNonNull(cardiac, "cardiac");
    this.ecgPhase = frac(ecgPhase0);
    this.respiratoryPhase = frac(respiratoryPhase0);
  }

  /** The state at the current time. */
  public MotionState state() {
    double[] r = respiration.displacement(respiratoryPhase);
    double[] c = cardiac.displacement(ecgPhase);
    return new MotionState(
        timeS, ecgPhase, respiratoryPhase, cardiac.heartRateBpm(),
        new double[] {r[0] + c[0], r[1] + c[1], r[2] + c[2]}, cardiac.twistDeg(ecgPhase));
  }

  /** Advances time by {@code dtS} seconds (non-negative) and returns the new state. */
  public MotionState advance(double dtS) {
    if (!(dtS >= 0) || Double.isInfinite(dtS)) {
      throw new IllegalArgumentException("time step must be non-negative, dtS=" + dtS);
    }
    timeS += dtS;
    ecgPhase = frac(ecgPhase + dtS * cardiac.heartRateBpm() / 60.0);
    if (!breathHold) {
      respiratoryPhase = frac(respiratoryPhase + dtS / respiration.periodS());
    }
    return state();
  }

  /** Changes the heart rate from now on; the ECG phase stays continuous. */
  public void setHeartRate(double bpm) {
    cardiac = cardiac.withHeartRate(bpm);
  }

  /** Holds the breath (the respiratory phase stops where it is) or releases it. */
  public void setBreathHold(boolean hold) {
    breathHold = hold;
  }

  /** Replaces the respiratory model from now on (for example breath-hold); the phase stays continuous. */
  public void setRespiration(RespiratoryMotion motion) {
    respiration = Objects.requireNonNull(motion, "motion");
  }

  private static double frac(double x) {
    return x - Math.floor(x);
  }
}
