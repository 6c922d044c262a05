package cathnav.sim.detector;

import java.util.random.RandomGenerator;

/**
 * Draws Poisson-distributed quanta counts, fast enough for a full frame per call.
 *
 * <p>Below {@link #EXACT_BELOW} expected quanta the draw is exact: below {@link #REJECTION_FROM} by sequential
 * inversion of the cumulative distribution (cost proportional to the mean), from there by Hörmann's transformed
 * rejection with squeeze (PTRS; W. Hörmann, "The transformed rejection method for generating Poisson random
 * variables", Insurance: Mathematics and Economics 12, 1993), which costs two uniforms for about 9 draws in 10 and a
 * log-factorial test for the rest, whatever the mean. (Inversion up to 40 quanta was three quarters of the live
 * simulator's time at 512 x 512.) From {@link #EXACT_BELOW} on it uses the normal approximation
 * {@code max(0, round(lambda + sqrt(lambda) z))}: mean and variance match the Poisson model to within the
 * rounding (1/12 added to the variance), and the remaining skewness ({@code 1/sqrt(lambda)} &lt; 0.16) is far below
 * what a display or a registration metric sees.
 *
 * <p>Thread-safety: none; one sampler per thread (it owns its random generator).
 */
public final class PoissonSampler {

  /** Mean below which draws are exact. */
  public static final double EXACT_BELOW = 40.0;
  /** Mean from which exact draws use transformed rejection instead of inversion (PTRS needs a mean of 10 or more). */
  public static final double REJECTION_FROM = 10.0;

  private static final double[] LOG_FACTORIAL = new double[256];

  static {
    for (int k = 2; k < LOG_FACTORIAL.length; k++) {
      LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
    }
  }

  private final RandomGenerator random;

  public PoissonSampler(RandomGenerator random) {
    this.random = random;
  }

  /** One draw with mean {@code lambda} (&gt;= 0). */
  public int sample(double lambda) {
    if (lambda < REJECTION_FROM) {
      if (lambda <= 0) {
        return 0;
      }
      double p = Math.exp(-lambda);
      double cumulative = p;
      double u = random.nextDouble();
      int k = 0;
      while (u > cumulative && k < 1000) {
        k++;
        p *= lambda / k;
        cumulative += p;
      }
      return k;
    }
    if (lambda < EXACT_BELOW) {
      return transformedRejection(lambda);
    }
    long n = Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian());
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, n));
  }

  /** PTRS: an exact Poisson draw for {@code lambda >= 10}. */
  private int transformedRejection(double lambda) {
    // the squeeze needs only a, b and vr; the logarithms are taken when a draw falls outside it (about 1 in 10)
    double b = 0.931 + 2.53 * Math.sqrt(lambda);
    double a = -0.059 + 0.02483 * b;
    double vr = 0.9277 - 3.6224 / (b - 2);
    double logInvAlpha = Double.NaN;
    double logLambda = Double.NaN;
    while (true) {
      double u = random.nextDouble() - 0.5;
      double v = random.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) {
        return (int) k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Double.isNaN(logLambda)) {
        logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
        logLambda = Math.log(lambda);
      }
      if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -lambda + k * logLambda - logFactorial(k)) {
        return (int) k;
      }
    }
  }

  /** {@code ln(k!)}: a table below 256, Stirling's series above (relative error below 1e-15 there). */
  static double logFactorial(long k) {
    if (k < LOG_FACTORIAL.length) {
      return LOG_FACTORIAL[(int) k];
    }
    double n = k;
    return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n * n);
  }
}
