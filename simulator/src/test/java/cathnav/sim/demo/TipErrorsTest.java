package cathnav.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TipErrorsTest {

  @Test
  void summaryMatchesAReferenceOnRandomErrors() {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println("seed=" + seed + " (reproduce: -Dcathnav.test.seed=" + seed + ")");
    SplittableRandom r = new SplittableRandom(seed);
    int n = r.nextInt(1, 700);
    double[] e = new double[n];
    TipErrors errors = new TipErrors();
    for (int i = 0; i < n; i++) {
      e[i] = r.nextDouble(0, 8);
      errors.add(e[i]);
    }
    double[] sorted = e.clone();
    Arrays.sort(sorted);
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    assertEquals(n, errors.count());
    assertEquals(median, errors.medianMm(), 0, "seed=" + seed);
    assertEquals(sorted[n - 1], errors.maxMm(), 0, "seed=" + seed);
    assertEquals(Arrays.stream(e).filter(x -> x > 3).count(), errors.countAbove3Mm(), "seed=" + seed);
  }

  @Test
  void noErrorsGiveNaN() {
    TipErrors errors = new TipErrors();
    assertTrue(Double.isNaN(errors.medianMm()));
    assertTrue(Double.isNaN(errors.maxMm()));
    assertEquals(0, errors.countAbove3Mm());
  }

  @Test
  void rejectsANonFiniteError() {
    assertThrows(IllegalArgumentException.class, () -> new TipErrors().add(Double.NaN));
  }
}
