package cathnav.core.preop.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The closed-form similarity against known transforms (float64 reference: the transform that made the data). */
class SimilarityLeastSquaresTest {

  private static double[] randomPoints(Random rnd, int n, double spread) {
    double[] p = new double[3 * n];
    for (int i = 0; i < p.length; i++) {
      p[i] = spread * rnd.nextGaussian();
    }
    return p;
  }

  @Test
  void recoversAnExactSimilarityFromNoiseFreePairs() {
    long seed = System.nanoTime();
    System.out.println("SimilarityLeastSquaresTest seed=" + seed);
    Random rnd = new Random(seed);
    for (int trial = 0; trial < 20; trial++) {
      SimilarityTransform truth = new SimilarityTransform(0.5 + rnd.nextDouble(),
          TestSolids.randomRotation(rnd, 180), new double[] {100 * rnd.nextGaussian(), 100 * rnd.nextGaussian(),
              100 * rnd.nextGaussian()});
      double[] src = randomPoints(rnd, 50, 40);
      double[] dst = truth.applyAll(src);
      SimilarityTransform fit = SimilarityLeastSquares.fit(src, dst, 50);
      assertEquals(truth.scale(), fit.scale(), 1e-9 * truth.scale(), "scale, seed=" + seed);
      assertEquals(0, TestSolids.angleBetween(truth.rotation(), fit.rotation()), 1e-5, "rotation deg, seed=" + seed);
      for (int a = 0; a < 3; a++) {
        assertEquals(truth.translation()[a], fit.translation()[a], 1e-7, "translation, seed=" + seed);
      }
    }
  }

  @Test
  void neverReturnsAReflectionForMirroredTargets() {
    Random rnd = new Random(11);
    double[] src = randomPoints(rnd, 40, 30);
    double[] dst = src.clone();
    for (int i = 0; i < dst.length; i += 3) {
      dst[i] = -dst[i];
    }
    SimilarityTransform fit = SimilarityLeastSquares.fit(src, dst, 40);
    assertEquals(1, Rotations.determinant(fit.rotation()), 1e-9);
  }

  @Test
  void noisyPairsGiveTheTransformWithinTheNoise() {
    long seed = System.nanoTime();
    System.out.println("SimilarityLeastSquaresTest noisy seed=" + seed);
    Random rnd = new Random(seed);
    SimilarityTransform truth = new SimilarityTransform(1.1, TestSolids.randomRotation(rnd, 30),
        new double[] {5, -20, 40});
    int n = 2000;
    double[] src = randomPoints(rnd, n, 40);
    double[] dst = truth.applyAll(src);
    for (int i = 0; i < dst.length; i++) {
      dst[i] += 0.5 * rnd.nextGaussian();
    }
    SimilarityTransform fit = SimilarityLeastSquares.fit(src, dst, n);
    assertEquals(1.1, fit.scale(), 0.005, "seed=" + seed);
    assertTrue(TestSolids.angleBetween(truth.rotation(), fit.rotation()) < 0.2, "seed=" + seed);
  }

  @Test
  void rejectsFewerThanThreePairs() {
    assertThrows(IllegalArgumentException.class,
        () -> SimilarityLeastSquares.fit(new double[6], new double[6], 2));
  }

  @Test
  void rejectsCoincidentSourcePoints() {
    assertThrows(IllegalArgumentException.class,
        () -> SimilarityLeastSquares.fit(new double[] {1, 2, 3, 1, 2, 3, 1, 2, 3}, new double[] {0, 0, 0, 1, 0, 0,
            0, 1, 0}, 3));
  }
}
