package cathnav.core.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NoiseCeilingTest {

  private static final int W = 128;
  private static final int H = 112;

  /** A smooth random image: a sum of random broad Gaussian blobs and a gentle ramp (no pixel-scale structure). */
  private static double[] smoothImage(SplittableRandom r) {
    double[] img = new double[W * H];
    double ax = r.nextDouble(-0.01, 0.01);
    double ay = r.nextDouble(-0.01, 0.01);
    double[][] blobs = new double[30][];
    for (int b = 0; b < blobs.length; b++) {
      blobs[b] = new double[] {r.nextDouble(0, W), r.nextDouble(0, H), r.nextDouble(6, 20), r.nextDouble(-1.5, 1.5)};
    }
    for (int v = 0; v < H; v++) {
      for (int u = 0; u < W; u++) {
        double s = 2 + ax * u + ay * v;
        for (double[] b : blobs) {
          double du = u - b[0];
          double dv = v - b[1];
          s += b[3] * Math.exp(-(du * du + dv * dv) / (2 * b[2] * b[2]));
        }
        img[v * W + u] = s;
      }
    }
    return img;
  }

  /** Float64 reference: NCC of the two Sobel gradients (borders replicated), averaged over u and v. */
  private static double gradientCorrelation(double[] a, double[] b) {
    return 0.5 * (ncc(sobel(a, true), sobel(b, true)) + ncc(sobel(a, false), sobel(b, false)));
  }

  private static double[] sobel(double[] a, boolean alongU) {
    double[] g = new double[a.length];
    for (int v = 0; v < H; v++) {
      for (int u = 0; u < W; u++) {
        double s = 0;
        for (int k = -1; k <= 1; k++) {
          double wgt = k == 0 ? 2 : 1;
          if (alongU) {
            s += wgt * (at(a, u + 1, v + k) - at(a, u - 1, v + k));
          } else {
            s += wgt * (at(a, u + k, v + 1) - at(a, u + k, v - 1));
          }
        }
        g[v * W + u] = s;
      }
    }
    return g;
  }

  private static double at(double[] a, int u, int v) {
    return a[Math.max(0, Math.min(H - 1, v)) * W + Math.max(0, Math.min(W - 1, u))];
  }

  private static double ncc(double[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (a[i] - ma) * (b[i] - mb);
      aa += (a[i] - ma) * (a[i] - ma);
      bb += (b[i] - mb) * (b[i] - mb);
    }
    return ab / Math.sqrt(aa * bb);
  }

  @ParameterizedTest(name = "sigma {0}")
  @ValueSource(doubles = {0.005, 0.02, 0.08})
  void estimatesTheNoiseOfWhiteGaussianNoiseOnASmoothImage(double sigma) {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed + ", sigma=" + sigma);
    SplittableRandom r = new SplittableRandom(seed);
    double[] clean = smoothImage(r);
    float[] noisy = new float[clean.length];
    for (int i = 0; i < clean.length; i++) {
      noisy[i] = (float) (clean[i] + sigma * gaussian(r));
    }
    NoiseCeiling n = NoiseCeiling.of(noisy, W, H);
    assertEquals(sigma, n.noiseSigma(), 0.1 * sigma, "seed=" + seed);
    assertEquals(sigma, n.meanSquareSigma(), 0.1 * sigma, "seed=" + seed);
  }

  @ParameterizedTest(name = "sigma {0}")
  @ValueSource(doubles = {0.005, 0.02, 0.05})
  void ceilingMatchesTheGradientCorrelationOfTheCleanImageWithTheNoisyOne(double sigma) {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed + ", sigma=" + sigma);
    SplittableRandom r = new SplittableRandom(seed);
    double[] clean = smoothImage(r);
    double[] noisy = new double[clean.length];
    float[] noisyF = new float[clean.length];
    for (int i = 0; i < clean.length; i++) {
      noisy[i] = clean[i] + sigma * gaussian(r);
      noisyF[i] = (float) noisy[i];
    }
    double reference = gradientCorrelation(clean, noisy);
    double ceiling = NoiseCeiling.of(noisyF, W, H).gradientCeiling();
    System.out.printf("reference GC=%.4f, ceiling=%.4f%n", reference, ceiling);
    assertEquals(reference, ceiling, 0.03, "seed=" + seed);
  }

  @Test
  void ceilingOfANoiseFreeImageIsOne() {
    SplittableRandom r = new SplittableRandom(7);
    double[] clean = smoothImage(r);
    float[] f = new float[clean.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) clean[i];
    }
    assertTrue(NoiseCeiling.of(f, W, H).gradientCeiling() > 0.99);
  }

  @Test
  void ceilingOfPureNoiseStopsAtTheFloor() {
    SplittableRandom r = new SplittableRandom(11);
    float[] f = new float[W * H];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) gaussian(r);
    }
    double c = NoiseCeiling.of(f, W, H).gradientCeiling();
    assertTrue(c >= NoiseCeiling.MIN_CEILING && c < 0.3, "ceiling=" + c);
  }

  @Test
  void blockMedianBySelectionEqualsTheMedianOfTheSortedValues() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    SplittableRandom r = new SplittableRandom(seed);
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + r.nextInt(300);
      double[] x = new double[n + r.nextInt(5)];
      boolean ties = r.nextBoolean();
      for (int i = 0; i < x.length; i++) {
        x[i] = ties ? r.nextInt(6) : r.nextDouble(-1, 1);
      }
      double[] sorted = java.util.Arrays.copyOf(x, n);
      java.util.Arrays.sort(sorted);
      double expected = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
      assertEquals(expected, NoiseCeiling.median(x, n), 0.0, "seed=" + seed + ", trial=" + trial + ", n=" + n);
    }
  }

  @Test
  void rejectsAnImageOfTheWrongSize() {
    assertThrows(IllegalArgumentException.class, () -> NoiseCeiling.of(new float[10], 4, 4));
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
