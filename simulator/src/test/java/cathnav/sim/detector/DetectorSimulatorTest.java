package cathnav.sim.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DetectorSimulatorTest {

  private static final int W = 256;
  private static final int H = 256;

  private static long seed() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    return seed;
  }

  /** Quantum noise only, gain 1: stored = offset + N, so mean and variance are exactly Poisson's. */
  @ParameterizedTest(name = "doseNGy={0}")
  @ValueSource(doubles = {0.5, 5, 50, 500, 5000})
  void pixelVarianceFollowsPoissonModelAtSeveralDoses(double doseNGy) {
    DetectorModel model = new DetectorModel(0.09, 0.65, 1.0, 100, 0, 0, BitDepth.BITS_16);
    double lineIntegral = 0.5;
    double lambda = model.quantaPerPixel(doseNGy) * Math.exp(-lineIntegral);
    float[] l = new float[W * H];
    Arrays.fill(l, (float) lineIntegral);
    short[] out = new short[W * H];
    new DetectorSimulator(model, new SplittableRandom(seed())).expose(
        l, W, H, model.quantaPerPixel(doseNGy), NoiseMode.FULL, out);

    int n = W * H;
    double sum = 0;
    double sumSq = 0;
    for (short s : out) {
      double v = (s & 0xffff) - 100;
      sum += v;
      sumSq += v * v;
    }
    double mean = sum / n;
    double variance = (sumSq - n * mean * mean) / (n - 1);
    // the normal approximation rounds to integers: +1/12 variance (documented in PoissonSampler)
    double expectedVariance = lambda + (lambda >= PoissonSampler.EXACT_BELOW ? 1.0 / 12 : 0);
    double meanTolerance = 5 * Math.sqrt(lambda / n);
    // Var(s^2) = (mu4 - sigma^4 (n-3)/(n-1)) / n, with mu4 = lambda (1 + 3 lambda) for a Poisson variable
    double varianceTolerance = 5 * Math.sqrt((lambda + 2 * lambda * lambda) / n) + 1.0 / 12;
    System.out.printf("lambda=%.3f mean=%.4f variance=%.4f expected=%.4f tol=%.4f%n",
        lambda, mean, variance, expectedVariance, varianceTolerance);
    assertEquals(lambda, mean, meanTolerance, "mean quanta");
    assertEquals(expectedVariance, variance, varianceTolerance, "pixel variance");
  }

  /** With blur and electronic noise: Var = gain^2 lambda sum(k^2) + sigma_e^2 (+1/12 rounding), pixels far apart. */
  @Test
  void blurAndElectronicNoiseAddToVarianceAsModelled() {
    double gain = 3.7;
    double sigmaE = 6.0;
    DetectorModel model = new DetectorModel(0.09, 0.65, gain, 50, sigmaE, 0.8, BitDepth.BITS_16);
    float[] kernel = new DetectorSimulator(model, new SplittableRandom(1)).blurKernel();
    double k2 = 0;
    for (float k : kernel) {
      k2 += k * k;
    }
    k2 *= k2; // separable: the 2D kernel's sum of squares is the square of the 1D one
    int w = 512;
    int h = 512;
    double quanta = 400;
    float[] l = new float[w * h];
    Arrays.fill(l, 0.3f);
    short[] out = new short[w * h];
    new DetectorSimulator(model, new SplittableRandom(seed())).expose(l, w, h, quanta, NoiseMode.FULL, out);

    double lambda = quanta * Math.exp(-0.3);
    int step = kernel.length; // pixels a kernel width apart are independent
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (int y = step; y < h - step; y += step) {
      for (int x = step; x < w - step; x += step) {
        double v = out[y * w + x] & 0xffff;
        sum += v;
        sumSq += v * v;
        n++;
      }
    }
    double mean = sum / n;
    double variance = (sumSq - n * mean * mean) / (n - 1);
    double expected = gain * gain * lambda * k2 + sigmaE * sigmaE + 1.0 / 12;
    // near-normal pixels: Var(s^2) ~ 2 sigma^4 / (n - 1)
    double tolerance = 5 * expected * Math.sqrt(2.0 / (n - 1));
    System.out.printf("n=%d variance=%.3f expected=%.3f tol=%.3f%n", n, variance, expected, tolerance);
    assertEquals(50 + gain * lambda, mean, 5 * Math.sqrt(expected / n), "mean");
    assertEquals(expected, variance, tolerance, "variance");
  }

  @Test
  void noiseFreeExposureMatchesFloat64Reference() {
    long seed = seed();
    SplittableRandom random = new SplittableRandom(seed);
    DetectorModel model = new DetectorModel(0.09, 0.65, 0.37, 20, 5, 0, BitDepth.BITS_12);
    float[] l = new float[W * H];
    for (int i = 0; i < l.length; i++) {
      l[i] = (float) (random.nextDouble() * 6);
    }
    short[] out = new short[W * H];
    double quanta = 9000;
    new DetectorSimulator(model, random).expose(l, W, H, quanta, NoiseMode.NONE, out);
    for (int i = 0; i < l.length; i++) {
      double expected = Math.min(4095, Math.round(20 + 0.37 * quanta * Math.exp(-(double) l[i])));
      assertEquals(expected, out[i] & 0xffff, 1.0, "pixel " + i + " L=" + l[i]);
    }
  }

  @Test
  void storedValuesAreClampedToTheBitDepth() {
    DetectorModel model = new DetectorModel(0.09, 0.65, 10, 0, 0, 0, BitDepth.BITS_8);
    float[] l = {0f, 0f, 20f, 20f};
    short[] out = new short[4];
    new DetectorSimulator(model, new SplittableRandom(2)).expose(l, 2, 2, 1000, NoiseMode.NONE, out);
    assertEquals(255, out[0] & 0xffff);
    assertEquals(0, out[2] & 0xffff);
  }

  @Test
  void typicalModelFillsNinetyPercentOfRangeAtReferenceDose() {
    DetectorModel model = DetectorModel.typical(0.3, 30, BitDepth.BITS_12);
    double stored = model.offset() + model.gain() * model.quantaPerPixel(30);
    assertEquals(0.9 * 4095, stored, 1e-6);
    assertTrue(model.quantaPerPixel(30) > 10, "a clinical dose gives tens of quanta per pixel");
  }
}
