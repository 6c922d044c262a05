package cathnav.sim.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoissonSamplerTest {

  /** Chi-square goodness of fit of the exact regime against the Poisson probabilities. */
  @Test
  void exactRegimeMatchesPoissonProbabilities() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    PoissonSampler sampler = new PoissonSampler(new SplittableRandom(seed));
    double lambda = 3.3;
    int draws = 200_000;
    int bins = 12; // 0..10 and a tail bin for >= 11
    long[] counts = new long[bins];
    for (int i = 0; i < draws; i++) {
      counts[Math.min(bins - 1, sampler.sample(lambda))]++;
    }
    double chi2 = 0;
    double p = Math.exp(-lambda);
    double cumulative = 0;
    for (int k = 0; k < bins; k++) {
      double pk = k == bins - 1 ? 1 - cumulative : p;
      double expected = draws * pk;
      chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
      cumulative += p;
      p *= lambda / (k + 1);
    }
    // 11 degrees of freedom: P(chi2 > 40) is about 3e-5
    System.out.println("chi2=" + chi2);
    assertTrue(chi2 < 40, "chi2=" + chi2 + " for 11 degrees of freedom");
  }

  /** Chi-square goodness of fit of the transformed-rejection regime (means 10 to 40) against float64 probabilities. */
  @Test
  void transformedRejectionRegimeMatchesPoissonProbabilities() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    SplittableRandom means = new SplittableRandom(seed);
    for (double lambda : new double[] {PoissonSampler.REJECTION_FROM, means.nextDouble(10, 40),
        Math.nextDown(PoissonSampler.EXACT_BELOW)}) {
      PoissonSampler sampler = new PoissonSampler(new SplittableRandom(seed + 1));
      int draws = 300_000;
      int lo = (int) Math.floor(lambda - 3 * Math.sqrt(lambda));
      int hi = (int) Math.ceil(lambda + 3 * Math.sqrt(lambda));
      int bins = hi - lo + 2; // [0, lo], lo+1 .. hi, and > hi
      long[] counts = new long[bins];
      for (int i = 0; i < draws; i++) {
        int k = sampler.sample(lambda);
        counts[k <= lo ? 0 : k > hi ? bins - 1 : k - lo]++;
      }
      double[] p = new double[bins];
      double cumulative = 0;
      for (int k = 0; k <= hi; k++) {
        double pk = Math.exp(-lambda + k * Math.log(lambda) - PoissonSampler.logFactorial(k));
        p[k <= lo ? 0 : k - lo] += pk;
        cumulative += pk;
      }
      p[bins - 1] = 1 - cumulative;
      double chi2 = 0;
      for (int k = 0; k < bins; k++) {
        double expected = draws * p[k];
        chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
      }
      // at most 40 degrees of freedom here: P(chi2 > 100) is below 1e-6
      System.out.println("lambda=" + lambda + ", bins=" + bins + ", chi2=" + chi2);
      assertTrue(chi2 < 100, "lambda=" + lambda + ", chi2=" + chi2 + " for " + (bins - 1) + " degrees of freedom");
    }
  }

  @Test
  void logFactorialMatchesTheSumOfLogarithms() {
    double sum = 0;
    for (int k = 1; k <= 400; k++) {
      sum += Math.log(k);
      assertEquals(sum, PoissonSampler.logFactorial(k), 1e-12 * sum, "ln(" + k + "!)");
    }
  }

  @Test
  void zeroMeanGivesZero() {
    PoissonSampler sampler = new PoissonSampler(new SplittableRandom(3));
    for (int i = 0; i < 100; i++) {
      assertTrue(sampler.sample(0) == 0);
    }
  }
}
