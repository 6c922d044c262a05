package cathnav.sim.motion;

/**
 * Cardiac motion of the heart region, modelled as a rigid periodic displacement plus a twist about the heart's long
 * axis (no contraction: the region stays rigid, so the model pose stays a rigid transform).
 *
 * <p>ECG phase {@code p} in [0, 1) from the R wave. The contraction profile {@code f(p)} rises smoothly during
 * systole ({@code p < systoleFraction}) from 0 to 1 and relaxes during diastole back to 0:
 * {@code f = (1 - cos(pi p / s)) / 2} for {@code p < s}, else {@code (1 + cos(pi (p - s) / (1 - s))) / 2}.
 * Displacement is {@code f * amplitudeMm * direction}; twist is {@code f * twistDeg}.
 *
 * @param heartRateBpm beats per minute (typically 60 to 90)
 * @param amplitudeMm peak displacement, mm
 * @param twistDeg peak rotation about the long axis, degrees
 * @param systoleFraction fraction of the cycle spent in systole, (0, 1)
 * @param direction unit displacement direction at end-systole, RAS (3 values)
 */
public record CardiacMotion(
    double heartRateBpm, double amplitudeMm, double twistDeg, double systoleFraction, double[] direction) {

  /** 72 bpm, 6 mm towards the apex (left, anterior, inferior), 3 degrees twist, systole 35 % of the cycle. */
  public static final CardiacMotion TYPICAL = new CardiacMotion(72, 6, 3, 0.35, new double[] {0.5, 0.4, -0.6});

  /** No cardiac motion. */
  public static final CardiacMotion NONE = new CardiacMotion(60, 0, 0, 0.35, new double[] {0, 0, -1});

  public CardiacMotion {
    if (!(heartRateBpm > 0) || !(amplitudeMm >= 0) || !Double.isFinite(twistDeg)
        || !(systoleFraction > 0 && systoleFraction < 1) || direction == null || direction.length != 3) {
      throw new IllegalArgumentException(String.format(
          "invalid cardiac motion, heartRateBpm=%s, amplitudeMm=%s, twistDeg=%s, systoleFraction=%s",
          heartRateBpm, amplitudeMm, twistDeg, systoleFraction));
    }
    double n = Math.sqrt(direction[0] * direction[0] + direction[1] * direction[1] + direction[2] * direction[2]);
    if (!(n > 0)) {
      throw new IllegalArgumentException("cardiac direction must be non-zero");
    }
    direction = new double[] {direction[0] / n, direction[1] / n, direction[2] / n};
  }

  @Override
  public double[] direction() {
    return direction.clone();
  }

  /** This motion at another heart rate. */
  public CardiacMotion withHeartRate(double bpm) {
    return new CardiacMotion(bpm, amplitudeMm, twistDeg, systoleFraction, direction);
  }

  /** The contraction profile {@code f(phase)} in [0, 1]; phase in cycles (its fraction is used). */
  public double contraction(double phase) {
    double p = phase - Math.floor(phase);
    double s = systoleFraction;
    return p < s ? 0.5 * (1 - Math.cos(Math.PI * p / s)) : 0.5 * (1 + Math.cos(Math.PI * (p - s) / (1 - s)));
  }

  /** Displacement at ECG phase {@code phase}, RAS mm. */
  public double[] displacement(double phase) {
    double f = contraction(phase) * amplitudeMm;
    return new double[] {f * direction[0], f * direction[1], f * direction[2]};
  }

  /** Twist about the long axis at ECG phase {@code phase}, degrees. */
  public double twistDeg(double phase) {
    return contraction(phase) * twistDeg;
  }
}
