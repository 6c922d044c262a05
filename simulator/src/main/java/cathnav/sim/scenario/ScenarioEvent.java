package cathnav.sim.scenario;

/**
 * One change in a scenario, starting at {@code atS} seconds. Ramped changes move linearly from the value in force to
 * the target over {@code durationS} (0: a step).
 */
public sealed interface ScenarioEvent {

  /** Start time, seconds from the start of the run. */
  double atS();

  /** C-arm rotation to the given angles (degrees, DESIGN.md conventions). */
  record CArmMove(double atS, double durationS, double primaryDeg, double secondaryDeg) implements ScenarioEvent {}

  /** Table (patient) translation to the given offset from the start position, RAS mm. */
  record TableMove(double atS, double durationS, double[] offsetMm) implements ScenarioEvent {
    public TableMove {
      offsetMm = offsetMm.clone();
    }

    @Override
    public double[] offsetMm() {
      return offsetMm.clone();
    }
  }

  /** Pacing lead advanced (or pulled back) to the given insertion along its route, mm. */
  record LeadAdvance(double atS, double durationS, double insertionMm) implements ScenarioEvent {}

  /** CS catheter advanced to the given insertion along its route, mm. */
  record CsCatheterAdvance(double atS, double durationS, double insertionMm) implements ScenarioEvent {}

  /**
   * A contrast injection into the coronary sinus: opacification {@code peak (tau / tp) exp(1 - tau / tp)} with
   * {@code tau} the time since the start and {@code tp = durationS / 3} (a gamma-variate bolus that peaks a third of
   * the way through and has mostly washed out by {@code 3 durationS}).
   */
  record ContrastInjection(double atS, double durationS, double peak) implements ScenarioEvent {}

  /** Frame rate from now on, frames per second. */
  record FrameRate(double atS, double fps) implements ScenarioEvent {}

  /** Heart rate from now on, beats per minute. */
  record HeartRate(double atS, double bpm) implements ScenarioEvent {}

  /** Dose per frame from now on, nGy. */
  record Dose(double atS, double doseNGy) implements ScenarioEvent {}

  /** Breath-hold starts ({@code hold}) or ends. */
  record BreathHold(double atS, boolean hold) implements ScenarioEvent {}
}
