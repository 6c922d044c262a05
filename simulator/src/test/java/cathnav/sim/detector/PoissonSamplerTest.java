package cathnav.sim.detector;

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

  @Test
  void zeroMeanGivesZero() {
    PoissonSampler sampler = new PoissonSampler(new SplittableRandom(3));
    for (int i = 0; i < 100; i++) {
      assertTrue(sampler.sample(0) == 0);
    }
  }
}
