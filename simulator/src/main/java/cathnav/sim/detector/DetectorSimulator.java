package cathnav.sim.detector;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Turns a frame of line integrals of attenuation into stored detector values, as {@link DetectorModel} defines.
 *
 * <p>A frame is processed in {@value #BANDS} row bands on the common fork-join pool; each band draws from its own
 * generator split off the instance's generator per frame, so the result depends only on the seed, not on thread
 * scheduling.
 *
 * <p>Thread-safety: none. An instance owns scratch buffers sized for the last frame and its random generator;
 * use one per thread. Buffers passed in are not retained.
 */
public final class DetectorSimulator {

  /** Row bands a frame is split into. */
  static final int BANDS = 8;

  private final DetectorModel model;
  private final SplittableRandom random;
  private final float[] kernel;
  private float[] quanta = new float[0];
  private float[] scratch = new float[0];

  public DetectorSimulator(DetectorModel model, SplittableRandom random) {
    this.model = Objects.requireNonNull(model, "model");
    this.random = Objects.requireNonNull(random, "random");
    this.kernel = gaussianKernel(model.blurSigmaPx());
  }

  public DetectorModel model() {
    return model;
  }

  /**
   * Exposes one frame.
   *
   * @param lineIntegral row-major {@code width * height} line integrals (dimensionless), not modified
   * @param quantaPerPixel expected detected quanta of the unattenuated beam (see {@link DetectorModel#quantaPerPixel})
   * @param noise whether quantum and electronic noise are drawn
   * @param out row-major stored values (unsigned, in {@code [0, 2^bits - 1]}), length at least {@code width * height}
   */
  public void expose(
      float[] lineIntegral, int width, int height, double quantaPerPixel, NoiseMode noise, short[] out) {
    int n = width * height;
    if (width <= 0 || height <= 0 || lineIntegral.length < n || out.length < n) {
      throw new IllegalArgumentException(String.format(
          "frame buffers too small, width=%d, height=%d, lineIntegral=%d, out=%d",
          width, height, lineIntegral.length, out.length));
    }
    if (!(quantaPerPixel > 0) || Double.isInfinite(quantaPerPixel)) {
      throw new IllegalArgumentException("quantaPerPixel must be positive, quantaPerPixel=" + quantaPerPixel);
    }
    if (quanta.length < n) {
      quanta = new float[n];
      scratch = new float[n];
    }
    boolean noisy = noise == NoiseMode.FULL;
    SplittableRandom[] bandRandom = new SplittableRandom[BANDS];
    for (int b = 0; b < BANDS; b++) {
      bandRandom[b] = random.split();
    }
    float[] q = quanta;
    float[] tmp = scratch;
    IntStream.range(0, BANDS).parallel().forEach(b -> {
      PoissonSampler sampler = new PoissonSampler(bandRandom[b]);
      int from = b * height / BANDS * width;
      int to = (b + 1) * height / BANDS * width;
      for (int i = from; i < to; i++) {
        double lambda = quantaPerPixel * Math.exp(-Math.max(0f, lineIntegral[i]));
        q[i] = noisy ? sampler.sample(lambda) : (float) lambda;
      }
    });
    if (kernel.length > 1) {
      IntStream.range(0, BANDS).parallel().forEach(b ->
          blurRows(q, tmp, width, b * height / BANDS, (b + 1) * height / BANDS, kernel));
      IntStream.range(0, BANDS).parallel().forEach(b ->
          blurColumns(tmp, q, width, height, b * height / BANDS, (b + 1) * height / BANDS, kernel));
    }
    double gain = model.gain();
    double offset = model.offset();
    double sigma = noisy ? model.electronicSigma() : 0;
    int max = model.bitDepth().maxValue();
    IntStream.range(0, BANDS).parallel().forEach(b -> {
      SplittableRandom r = bandRandom[b];
      int from = b * height / BANDS * width;
      int to = (b + 1) * height / BANDS * width;
      for (int i = from; i < to; i++) {
        double v = offset + gain * q[i];
        if (sigma > 0) {
          v += sigma * r.nextGaussian();
        }
        long x = Math.round(v);
        out[i] = (short) (x < 0 ? 0 : x > max ? max : x);
      }
    });
  }

  /** A normalised Gaussian kernel of radius {@code ceil(3 sigma)}; {@code {1}} for sigma 0. */
  static float[] gaussianKernel(double sigma) {
    if (sigma <= 0) {
      return new float[] {1f};
    }
    int r = (int) Math.ceil(3 * sigma);
    float[] k = new float[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      double w = Math.exp(-0.5 * i * i / (sigma * sigma));
      k[i + r] = (float) w;
      sum += w;
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= (float) sum;
    }
    return k;
  }

  /** The kernel used for blur (a copy). */
  public float[] blurKernel() {
    return kernel.clone();
  }

  /** Horizontal pass of the separable blur over rows {@code [y0, y1)}, borders replicated. */
  private static void blurRows(float[] img, float[] tmp, int w, int y0, int y1, float[] k) {
    int r = k.length / 2;
    for (int y = y0; y < y1; y++) {
      int row = y * w;
      for (int x = 0; x < w; x++) {
        float s = 0;
        if (x >= r && x < w - r) {
          for (int i = -r; i <= r; i++) {
            s += k[i + r] * img[row + x + i];
          }
        } else {
          for (int i = -r; i <= r; i++) {
            s += k[i + r] * img[row + Math.min(w - 1, Math.max(0, x + i))];
          }
        }
        tmp[row + x] = s;
      }
    }
  }

  /** Vertical pass of the separable blur writing rows {@code [y0, y1)}, borders replicated. */
  private static void blurColumns(float[] tmp, float[] img, int w, int h, int y0, int y1, float[] k) {
    int r = k.length / 2;
    for (int y = y0; y < y1; y++) {
      int row = y * w;
      java.util.Arrays.fill(img, row, row + w, 0f);
      for (int i = -r; i <= r; i++) {
        int src = Math.min(h - 1, Math.max(0, y + i)) * w;
        float c = k[i + r];
        for (int x = 0; x < w; x++) {
          img[row + x] += c * tmp[src + x];
        }
      }
    }
  }
}
