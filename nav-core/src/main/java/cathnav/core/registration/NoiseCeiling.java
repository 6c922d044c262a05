package cathnav.core.registration;

/**
 * How well any DRR could match a noisy frame: the frame's quantum noise level and the gradient correlation that a
 * perfect, noise-free model would reach on it.
 *
 * <p>With the frame {@code F = S + N} (signal plus white noise of variance {@code sigma^2}) and a DRR that equals
 * the signal, the correlation of each Sobel gradient is {@code sqrt(1 - 12 sigma^2 / var(grad F))} (the 3x3 Sobel
 * kernel's squared weights sum to 12); any DRR's gradient correlation is its noise-free correlation times this
 * factor. Dividing a similarity by the ceiling therefore removes the noise level (dose, gain, detector binning)
 * from it, to first order.
 *
 * <p>The noise is estimated from the frame alone: the response {@code r} to the 3x3 mask
 * {@code [1 -2 1; -2 4 -2; 1 -2 1]} (zero on planes and ramps; squared weights sum to 36) is mostly noise; per
 * 16 x 16 block {@code sigma_b = median|r| / (0.6745 * 6)} (robust to the few edges in a block), and
 * {@code sigma^2} is the mean of {@code sigma_b^2} over blocks, since the quantum noise of a log image is stronger
 * where more is attenuated and the ceiling depends on its mean.
 *
 * <p>The median-based estimate misses heavy tails (at low counts the log of a Poisson count is skewed, and
 * zero-count pixels sit at the floor), so the untrimmed root-mean-square of {@code r / 6} is kept beside it (it
 * also counts sharp edges as noise); the confidence model may use either.
 *
 * @param noiseSigma robust (block-median) noise standard deviation, attenuation units per pixel
 * @param meanSquareSigma root-mean-square of the noise mask's response over 6, attenuation units per pixel
 * @param gradientVariance variance of the Sobel gradients, the mean of the u and v ones
 * @param gradientCeiling the gradient correlation a noise-free perfect DRR would reach with {@code noiseSigma}, in
 *     [{@value #MIN_CEILING}, 1]
 */
public record NoiseCeiling(double noiseSigma, double meanSquareSigma, double gradientVariance, double gradientCeiling) {

  /** Floor of the ceiling: a frame that is all noise must not blow relative similarities up. */
  public static final double MIN_CEILING = 0.05;

  /** Side of the blocks over which the noise is estimated robustly, pixels. */
  static final int BLOCK = 16;

  /** Squared weights of the noise mask, summed. */
  private static final double MASK_ENERGY = 36;

  /** Squared weights of one 3x3 Sobel kernel, summed. */
  private static final double SOBEL_ENERGY = 12;

  /** Median of |x| for x ~ N(0, 1). */
  private static final double MEDIAN_ABS_NORMAL = 0.6744897501960817;

  /**
   * Measures an attenuation image (row-major, {@code width * height}), such as pyramid level 0. Three passes over
   * the image and no sort (block medians by selection): it runs on the host once per confidence measurement.
   *
   * @throws IllegalArgumentException if the sizes disagree or the image is smaller than 3 x 3
   */
  public static NoiseCeiling of(float[] image, int width, int height) {
    if (width < 3 || height < 3 || image.length != width * height) {
      throw new IllegalArgumentException("noise ceiling needs a full image of at least 3x3, width=" + width
          + ", height=" + height + ", pixels=" + image.length);
    }
    double[] noise = noiseMoments(image, width, height);
    double sigma = Math.sqrt(noise[0]);
    double[] g = gradientVariances(image, width, height);
    double ceiling = 0.5 * (ceiling(g[0], sigma) + ceiling(g[1], sigma));
    return new NoiseCeiling(sigma, Math.sqrt(noise[1] / MASK_ENERGY), 0.5 * (g[0] + g[1]),
        Math.max(MIN_CEILING, ceiling));
  }

  /** The ceiling that a gradient variance and a noise level give, at least {@value #MIN_CEILING}. */
  public static double ceiling(double gradientVariance, double sigma) {
    if (!(gradientVariance > 0)) {
      return MIN_CEILING;
    }
    return Math.max(MIN_CEILING, Math.sqrt(Math.max(0, 1 - SOBEL_ENERGY * sigma * sigma / gradientVariance)));
  }

  /** Mean over blocks of the block's robust noise variance (interior pixels only). */
  static double noiseVariance(float[] a, int w, int h) {
    return noiseMoments(a, w, h)[0];
  }

  /**
   * One pass over the interior, block by block (the blocks tile it exactly): {@code {mean over blocks of the
   * block's robust noise variance, mean square of the noise mask's response}}.
   */
  private static double[] noiseMoments(float[] a, int w, int h) {
    int bw = Math.max(1, (w - 2) / BLOCK);
    int bh = Math.max(1, (h - 2) / BLOCK);
    double[] r = new double[((w - 2 + bw - 1) / bw) * ((h - 2 + bh - 1) / bh)];
    double blockSum = 0;
    double squareSum = 0;
    for (int by = 0; by < bh; by++) {
      int v0 = 1 + by * (h - 2) / bh;
      int v1 = 1 + (by + 1) * (h - 2) / bh;
      for (int bx = 0; bx < bw; bx++) {
        int u0 = 1 + bx * (w - 2) / bw;
        int u1 = 1 + (bx + 1) * (w - 2) / bw;
        int n = 0;
        for (int v = v0; v < v1; v++) {
          for (int u = u0; u < u1; u++) {
            double x = maskResponse(a, w, u, v);
            squareSum += x * x;
            r[n++] = Math.abs(x);
          }
        }
        double s = median(r, n) / (MEDIAN_ABS_NORMAL * Math.sqrt(MASK_ENERGY));
        blockSum += s * s;
      }
    }
    return new double[] {blockSum / (bw * bh), squareSum / ((double) (w - 2) * (h - 2))};
  }

  /** The median of {@code x[0, n)} (mean of the two middle values when n is even); reorders them. */
  static double median(double[] x, int n) {
    int k = n / 2;
    select(x, n, k);
    if (n % 2 == 1) {
      return x[k];
    }
    double below = x[0]; // after selection x[0, k) holds the k smallest: the largest of them is the other middle
    for (int i = 1; i < k; i++) {
      below = Math.max(below, x[i]);
    }
    return 0.5 * (below + x[k]);
  }

  /** Moves the k-th smallest of {@code x[0, n)} to {@code x[k]}, smaller ones before it, larger after (Hoare). */
  private static void select(double[] x, int n, int k) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      double pivot = medianOfThree(x[lo], x[(lo + hi) >>> 1], x[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (x[i] < pivot) {
          i++;
        }
        while (x[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = x[i];
          x[i] = x[j];
          x[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return; // x[j + 1, i) all equal the pivot, k among them
      }
    }
  }

  private static double medianOfThree(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private static double maskResponse(float[] a, int w, int u, int v) {
    int i = v * w + u;
    return (double) a[i - w - 1] - 2.0 * a[i - w] + a[i - w + 1]
        - 2.0 * a[i - 1] + 4.0 * a[i] - 2.0 * a[i + 1]
        + a[i + w - 1] - 2.0 * a[i + w] + a[i + w + 1];
  }

  /**
   * {@code {variance of the u gradient, variance of the v gradient}} of the 3x3 Sobel gradients, borders replicated
   * as the scorer computes them; one pass.
   */
  private static double[] gradientVariances(float[] a, int w, int h) {
    double su = 0;
    double suu = 0;
    double sv = 0;
    double svv = 0;
    for (int v = 0; v < h; v++) {
      int rm = Math.max(0, v - 1) * w;
      int r0 = v * w;
      int rp = Math.min(h - 1, v + 1) * w;
      for (int u = 0; u < w; u++) {
        int um = Math.max(0, u - 1);
        int up = Math.min(w - 1, u + 1);
        double gu = (a[rm + up] + 2.0 * a[r0 + up] + a[rp + up]) - (a[rm + um] + 2.0 * a[r0 + um] + a[rp + um]);
        double gv = (a[rp + um] + 2.0 * a[rp + u] + a[rp + up]) - (a[rm + um] + 2.0 * a[rm + u] + a[rm + up]);
        su += gu;
        suu += gu * gu;
        sv += gv;
        svv += gv * gv;
      }
    }
    double n = (double) w * h;
    double mu = su / n;
    double mv = sv / n;
    return new double[] {Math.max(0, suu / n - mu * mu), Math.max(0, svv / n - mv * mv)};
  }
}
