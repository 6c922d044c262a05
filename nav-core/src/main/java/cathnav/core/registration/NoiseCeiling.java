package cathnav.core.registration;

import java.util.Arrays;

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
   * Measures an attenuation image (row-major, {@code width * height}), such as pyramid level 0.
   *
   * @throws IllegalArgumentException if the sizes disagree or the image is smaller than 3 x 3
   */
  public static NoiseCeiling of(float[] image, int width, int height) {
    if (width < 3 || height < 3 || image.length != width * height) {
      throw new IllegalArgumentException("noise ceiling needs a full image of at least 3x3, width=" + width
          + ", height=" + height + ", pixels=" + image.length);
    }
    double sigma = Math.sqrt(noiseVariance(image, width, height));
    double[] gu = gradientMoments(image, width, height, true);
    double[] gv = gradientMoments(image, width, height, false);
    double ceiling = 0.5 * (ceiling(gu[1], sigma) + ceiling(gv[1], sigma));
    return new NoiseCeiling(sigma, Math.sqrt(meanSquareResponse(image, width, height) / MASK_ENERGY),
        0.5 * (gu[1] + gv[1]), Math.max(MIN_CEILING, ceiling));
  }

  /** The ceiling that a gradient variance and a noise level give, at least {@value #MIN_CEILING}. */
  public static double ceiling(double gradientVariance, double sigma) {
    if (!(gradientVariance > 0)) {
      return MIN_CEILING;
    }
    return Math.max(MIN_CEILING, Math.sqrt(Math.max(0, 1 - SOBEL_ENERGY * sigma * sigma / gradientVariance)));
  }

  private static double meanSquareResponse(float[] a, int w, int h) {
    double sum = 0;
    for (int v = 1; v < h - 1; v++) {
      for (int u = 1; u < w - 1; u++) {
        double r = maskResponse(a, w, u, v);
        sum += r * r;
      }
    }
    return sum / ((double) (w - 2) * (h - 2));
  }

  /** Mean over blocks of the block's robust noise variance (interior pixels only). */
  static double noiseVariance(float[] a, int w, int h) {
    int bw = Math.max(1, (w - 2) / BLOCK);
    int bh = Math.max(1, (h - 2) / BLOCK);
    double sum = 0;
    int blocks = 0;
    for (int by = 0; by < bh; by++) {
      for (int bx = 0; bx < bw; bx++) {
        int u0 = 1 + bx * (w - 2) / bw;
        int u1 = 1 + (bx + 1) * (w - 2) / bw;
        int v0 = 1 + by * (h - 2) / bh;
        int v1 = 1 + (by + 1) * (h - 2) / bh;
        double[] r = new double[(u1 - u0) * (v1 - v0)];
        int n = 0;
        for (int v = v0; v < v1; v++) {
          for (int u = u0; u < u1; u++) {
            r[n++] = Math.abs(maskResponse(a, w, u, v));
          }
        }
        Arrays.sort(r, 0, n);
        double median = n % 2 == 1 ? r[n / 2] : 0.5 * (r[n / 2 - 1] + r[n / 2]);
        double s = median / (MEDIAN_ABS_NORMAL * Math.sqrt(MASK_ENERGY));
        sum += s * s;
        blocks++;
      }
    }
    return sum / blocks;
  }

  private static double maskResponse(float[] a, int w, int u, int v) {
    int i = v * w + u;
    return (double) a[i - w - 1] - 2.0 * a[i - w] + a[i - w + 1]
        - 2.0 * a[i - 1] + 4.0 * a[i] - 2.0 * a[i + 1]
        + a[i + w - 1] - 2.0 * a[i + w] + a[i + w + 1];
  }

  /** {@code {mean, variance}} of one Sobel gradient (borders replicated, as the scorer computes it). */
  private static double[] gradientMoments(float[] a, int w, int h, boolean alongU) {
    double sum = 0;
    double sumSq = 0;
    for (int v = 0; v < h; v++) {
      int vm = Math.max(0, v - 1);
      int vp = Math.min(h - 1, v + 1);
      for (int u = 0; u < w; u++) {
        int um = Math.max(0, u - 1);
        int up = Math.min(w - 1, u + 1);
        double g = alongU
            ? (a[vm * w + up] + 2.0 * a[v * w + up] + a[vp * w + up]) - (a[vm * w + um] + 2.0 * a[v * w + um] + a[vp * w + um])
            : (a[vp * w + um] + 2.0 * a[vp * w + u] + a[vp * w + up]) - (a[vm * w + um] + 2.0 * a[vm * w + u] + a[vm * w + up]);
        sum += g;
        sumSq += g * g;
      }
    }
    double n = (double) w * h;
    double mean = sum / n;
    return new double[] {mean, Math.max(0, sumSq / n - mean * mean)};
  }
}
