package cathnav.sim.detector;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Turns a frame of line integrals of attenuation into stored detector values, as {@link DetectorModel} defines.
 *
 * <p>Thread-safety: none. An instance owns scratch buffers sized for the last frame and its random generator;
 * use one per thread. Buffers passed in are not retained.
 */
public final class DetectorSimulator {

  private final DetectorModel model;
  private final PoissonSampler sampler;
  private final float[] kernel;
  private float[] quanta = new float[0];
  private float[] scratch = new float[0];

  public DetectorSimulator(DetectorModel model, RandomGenerator random) {
    this.model = Objects.requireNonNull(model, "model");
    this.sampler = new PoissonSampler(Objects.requireNonNull(random, "random"));
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
    for (int i = 0; i < n; i++) {
      double lambda = quantaPerPixel * Math.exp(-Math.max(0f, lineIntegral[i]));
      quanta[i] = noisy ? sampler.sample(lambda) : (float) lambda;
    }
    if (kernel.length > 1) {
      blur(quanta, scratch, width, height, kernel);
    }
    double gain = model.gain();
    double offset = model.offset();
    double sigma = noisy ? model.electronicSigma() : 0;
    int max = model.bitDepth().maxValue();
    for (int i = 0; i < n; i++) {
      double v = offset + gain * quanta[i];
      if (sigma > 0) {
        v += sigma * sampler.gaussian();
      }
      long q = Math.round(v);
      out[i] = (short) (q < 0 ? 0 : q > max ? max : q);
    }
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

  /** Separable blur in place of {@code img}, borders replicated. */
  private static void blur(float[] img, float[] tmp, int w, int h, float[] k) {
    int r = k.length / 2;
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int x = 0; x < w; x++) {
        float s = 0;
        for (int i = -r; i <= r; i++) {
          int xx = Math.min(w - 1, Math.max(0, x + i));
          s += k[i + r] * img[row + xx];
        }
        tmp[row + x] = s;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float s = 0;
        for (int i = -r; i <= r; i++) {
          int yy = Math.min(h - 1, Math.max(0, y + i));
          s += k[i + r] * tmp[yy * w + x];
        }
        img[y * w + x] = s;
      }
    }
  }
}
