package cathnav.core.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class CmaEvolutionStrategyTest {

  private static double[] minimise(CmaEvolutionStrategy es, ToDoubleFunction<double[]> f, int generations) {
    for (int g = 0; g < generations; g++) {
      double[][] xs = es.ask();
      double[] costs = new double[xs.length];
      for (int i = 0; i < xs.length; i++) {
        costs[i] = f.applyAsDouble(xs[i]);
      }
      es.tell(costs);
    }
    return es.best();
  }

  @Test
  void convergesOnAShiftedSphere() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    double[] optimum = {3, -2, 7, 0.5, -4, 1};
    CmaEvolutionStrategy es = new CmaEvolutionStrategy(new double[6], filled(6, 3), 10, seed);
    double[] x = minimise(es, v -> squaredDistance(v, optimum), 150);
    assertArrayEquals(optimum, x, 1e-4, "seed=" + seed);
    assertTrue(es.relativeSpread() < 1e-3, "spread=" + es.relativeSpread() + ", seed=" + seed);
  }

  @Test
  void convergesOnARotatedIllConditionedEllipsoid() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    SplittableRandom r = new SplittableRandom(seed);
    double[][] a = new double[6][6];
    for (double[] row : a) {
      for (int j = 0; j < 6; j++) {
        row[j] = r.nextDouble() - 0.5;
      }
    }
    RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(a)).getQ();
    double[] axes = {1, 10, 100, 1000, 1e4, 1e5}; // condition number 1e5
    double[] optimum = {1, 1, 1, -1, -1, -1};
    ToDoubleFunction<double[]> ellipsoid = v -> {
      double s = 0;
      for (int i = 0; i < 6; i++) {
        double p = 0;
        for (int j = 0; j < 6; j++) {
          p += q.getEntry(j, i) * (v[j] - optimum[j]);
        }
        s += axes[i] * p * p;
      }
      return s;
    };
    CmaEvolutionStrategy es = new CmaEvolutionStrategy(new double[6], filled(6, 1), 10, seed);
    double[] x = minimise(es, ellipsoid, 600);
    assertTrue(ellipsoid.applyAsDouble(x) < 1e-8, "cost=" + ellipsoid.applyAsDouble(x) + ", seed=" + seed);
  }

  @Test
  void sameSeedGivesTheSameSearch() {
    double[] opt = {1, 2};
    double[] a = minimise(new CmaEvolutionStrategy(new double[2], filled(2, 1), 6, 42), v -> squaredDistance(v, opt), 20);
    double[] b = minimise(new CmaEvolutionStrategy(new double[2], filled(2, 1), 6, 42), v -> squaredDistance(v, opt), 20);
    assertArrayEquals(a, b, 0);
  }

  @Test
  void perCoordinateStepSizesSetTheInitialSpread() {
    CmaEvolutionStrategy es = new CmaEvolutionStrategy(new double[] {0, 100}, new double[] {1, 1000}, 4000, 7);
    double[][] xs = es.ask();
    double m0 = 0;
    double m1 = 0;
    for (double[] x : xs) {
      m0 += x[0] * x[0];
      m1 += (x[1] - 100) * (x[1] - 100);
    }
    assertEquals(1, Math.sqrt(m0 / xs.length), 0.1);
    assertEquals(1000, Math.sqrt(m1 / xs.length), 100);
  }

  @Test
  void treatsNaNCostsAsWorst() {
    double[] opt = {2, -1};
    CmaEvolutionStrategy es = new CmaEvolutionStrategy(new double[2], filled(2, 1), 8, 3);
    double[] x = minimise(es, v -> v[0] > 3 ? Double.NaN : squaredDistance(v, opt), 80);
    assertArrayEquals(opt, x, 1e-4);
  }

  @Test
  void refusesTellWithoutAsk() {
    CmaEvolutionStrategy es = new CmaEvolutionStrategy(new double[2], filled(2, 1), 6, 1);
    assertThrows(IllegalStateException.class, () -> es.tell(new double[6]));
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return s;
  }
}
