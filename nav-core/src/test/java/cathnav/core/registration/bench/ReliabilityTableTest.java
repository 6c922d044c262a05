package cathnav.core.registration.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReliabilityTableTest {

  @Test
  void brierScoreIsTheMeanSquaredGapBetweenPredictionAndOutcome() {
    ReliabilityTable t = ReliabilityTable.of("t", new double[] {0.9, 0.2, 1.0, 0.0}, new boolean[] {true, true, false,
        false});
    // (0.1^2 + 0.8^2 + 1^2 + 0^2) / 4
    assertEquals((0.01 + 0.64 + 1) / 4, t.brier(), 1e-12);
  }

  @Test
  void binsCasesByPredictedConfidenceWithTheTopBinClosed() {
    ReliabilityTable t = ReliabilityTable.of("t", new double[] {0.05, 0.95, 1.0, 0.97}, new boolean[] {false, true,
        true, false});
    assertEquals(1, t.bins()[0][0]);
    assertEquals(0, t.bins()[0][1]);
    assertEquals(3, t.bins()[9][0]);
    assertEquals(2, t.bins()[9][1]);
    assertEquals((0.95 + 1.0 + 0.97) / 3, t.meanPredicted()[9], 1e-12);
  }

  @Test
  void countsConfidentFailuresAndDoubtedSuccesses() {
    ReliabilityTable t = ReliabilityTable.of("t", new double[] {0.95, 0.92, 0.3, 0.6, 0.1}, new boolean[] {false, true,
        true, true, false});
    assertEquals(1, t.confidentFailures());
    assertEquals(1, t.doubtedSuccesses());
  }

  @Test
  void calibratedPredictionsMatchTheObservedRatesPerBin() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    SplittableRandom r = new SplittableRandom(seed);
    int n = 50000;
    double[] p = new double[n];
    boolean[] ok = new boolean[n];
    for (int i = 0; i < n; i++) {
      p[i] = r.nextDouble();
      ok[i] = r.nextDouble() < p[i];
    }
    ReliabilityTable t = ReliabilityTable.of("t", p, ok);
    for (int b = 0; b < ReliabilityTable.BINS; b++) {
      double observed = t.bins()[b][1] / (double) t.bins()[b][0];
      assertEquals(t.meanPredicted()[b], observed, 0.03, "bin=" + b + ", seed=" + seed);
    }
    // E[(p - y)^2] = E[p (1 - p)] = 1/6 for uniform p
    assertEquals(1.0 / 6, t.brier(), 0.01, "seed=" + seed);
  }

  @Test
  void rejectsAPredictionOutsideTheUnitInterval() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReliabilityTable.of("t", new double[] {1.2}, new boolean[] {true}));
    assertTrue(e.getMessage().contains("confidence=1.2"), e.getMessage());
  }
}
