package cathnav.sim.motion;

/**
 * Respiratory displacement of the heart: the Lujan model {@code d(phase) = A (1 - cos^4(pi phase))} along a fixed
 * direction, phase 0 at end-exhale (the reference position, no displacement) and 0.5 at end-inspiration (full
 * amplitude). Breathing in moves the heart inferiorly and slightly anteriorly, so the default direction is mostly
 * -z (RAS). The cos^4 shape dwells longer near exhale, as free breathing does.
 *
 * @param amplitudeMm peak displacement, mm (typically 10 to 15)
 * @param periodS breathing period, seconds (4 s is 15 breaths a minute, 0.25 Hz)
 * @param direction unit displacement direction at inspiration, RAS (3 values)
 */
public record RespiratoryMotion(double amplitudeMm, double periodS, double[] direction) {

  /** 12 mm, 4 s, 95 % inferior and 30 % anterior (normalised). */
  public static final RespiratoryMotion TYPICAL = new RespiratoryMotion(12, 4, new double[] {0, 0.3, -0.95});

  /** No breathing (breath-hold). */
  public static final RespiratoryMotion NONE = new RespiratoryMotion(0, 4, new double[] {0, 0, -1});

  public RespiratoryMotion {
    if (!(amplitudeMm >= 0) || !(periodS > 0) || direction == null || direction.length != 3) {
      throw new IllegalArgumentException(
          "invalid respiratory motion, amplitudeMm=" + amplitudeMm + ", periodS=" + periodS);
    }
    double n = Math.sqrt(direction[0] * direction[0] + direction[1] * direction[1] + direction[2] * direction[2]);
    if (!(n > 0)) {
      throw new IllegalArgumentException("respiratory direction must be non-zero");
    }
    direction = new double[] {direction[0] / n, direction[1] / n, direction[2] / n};
  }

  @Override
  public double[] direction() {
    return direction.clone();
  }

  /** Displacement at respiratory phase {@code phase} (cycles, any real; its fraction is used), RAS mm. */
  public double[] displacement(double phase) {
    double c = Math.cos(Math.PI * phase);
    double c2 = c * c;
    double s = amplitudeMm * (1 - c2 * c2);
    return new double[] {s * direction[0], s * direction[1], s * direction[2]};
  }
}
