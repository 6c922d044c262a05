package cathnav.core.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class IsotonicTableTest {

  @Property(tries = 200)
  void fittedConfidenceNeverDecreasesWithSimilarity(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 5 + r.nextInt(200);
    double[] s = new double[n];
    boolean[] ok = new boolean[n];
    for (int i = 0; i < n; i++) {
      s[i] = r.nextDouble();
      ok[i] = r.nextDouble() < s[i];
    }
    IsotonicTable c = IsotonicTable.fit(s, ok, "test");
    double last = -1;
    for (double x = -0.1; x <= 1.1; x += 0.01) {
      double p = c.confidence(x);
      assertTrue(p >= last - 1e-12 && p >= 0 && p <= 1, "p=" + p + " at " + x + ", seed=" + seed);
      last = p;
    }
  }

  @Test
  void fitSeparatesFailuresBelowFromSuccessesAbove() {
    double[] s = {0.5, 0.6, 0.7, 0.95, 0.96, 0.97, 0.98};
    boolean[] ok = {false, false, false, true, true, true, true};
    IsotonicTable c = IsotonicTable.fit(s, ok, "test");
    assertEquals(0, c.confidence(0.55), 1e-12);
    assertEquals(1, c.confidence(0.99), 1e-12);
  }

  @Test
  void givesNoCreditBeyondTheObservedScores() {
    double[] s = {0.3, 0.5, 0.94, 0.97, 0.98, 0.99};
    boolean[] ok = {false, false, false, true, true, true};
    IsotonicTable c = IsotonicTable.fit(s, ok, "test");
    assertEquals(0, c.confidence(0.94), 1e-12);
    assertEquals(0.5, c.confidence(0.955), 1e-12);
    assertEquals(1, c.confidence(0.97), 1e-12);
  }

  @Test
  void poolsOutOfOrderOutcomesIntoTheirMean() {
    double[] s = {0.1, 0.2, 0.3, 0.4};
    boolean[] ok = {true, false, true, false};
    IsotonicTable c = IsotonicTable.fit(s, ok, "test");
    assertEquals(0.5, c.confidence(0.0), 1e-12);
    assertEquals(0.5, c.confidence(1.0), 1e-12);
  }

  @Test
  void interpolatesLinearlyBetweenKnotsAndClampsOutside() {
    IsotonicTable c = new IsotonicTable(new double[] {0.9, 0.95}, new double[] {0.2, 0.8}, "t");
    assertEquals(0.5, c.confidence(0.925), 1e-12);
    assertEquals(0.2, c.confidence(0.1), 1e-12);
    assertEquals(0.8, c.confidence(1.0), 1e-12);
    assertEquals(0, c.confidence(Double.NaN), 0);
  }

  @Test
  void rejectsDecreasingProbabilities() {
    assertThrows(IllegalArgumentException.class,
        () -> new IsotonicTable(new double[] {0.1, 0.2}, new double[] {0.9, 0.1}, "bad"));
  }
}
