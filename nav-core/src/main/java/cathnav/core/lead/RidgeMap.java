package cathnav.core.lead;

import java.util.Arrays;

/**
 * Multi-scale Hessian valley filter of one frame, the first stage of lead detection, in units of the frame's own
 * noise.
 *
 * <p>It works on the log of the raw detector intensity, {@code g = ln(max(I, 1))}, where a radio-opaque wire is a
 * thin dark valley (a bright ridge of attenuation) whose depth is its relative contrast, whatever the local
 * brightness. At each scale {@code s} (pixels) the image is Gaussian-smoothed and its Hessian taken by central
 * differences; with eigenvalues {@code l1 <= l2}, a valley has {@code l2 > 0} across it and {@code l1 ~ 0} along it,
 * and its response is {@code s^2 (l2 - |l1|)} (blobs and flat regions score 0).
 *
 * <p>Quantum noise in {@code g} grows where the frame is dark (fewer quanta), so a fixed threshold either drowns the
 * mediastinum in noise valleys or misses a faint wire over the lungs. Each scale's response is therefore divided by
 * the noise of that scale's Hessian at the pixel's brightness: the Hessian trace {@code a + d} has zero mean under
 * noise, and its median absolute value over the pixels of each brightness band (wires are too sparse to move a
 * median) gives that band's noise. The strength kept per pixel is the largest of these signal-to-noise ratios over
 * the scales, with that scale's normal direction. Edges (one side bright, one side dark) are then rejected by a
 * symmetry test: both sides, {@code 2s + 1.5} pixels away along the normal, must be brighter than the centre by at
 * least {@code minContrast} (log units).
 *
 * <p>The maps may be computed within a rectangle only (a region of interest around the previous wire); outside it
 * strength is 0. Not thread-safe; reused frame to frame by one thread.
 */
final class RidgeMap {

  /** Brightness bands of the noise model. */
  private static final int BANDS = 24;
  /** Fewer pixels than this in a band: its noise is taken from the nearest band with enough. */
  private static final int MIN_BAND_PIXELS = 64;
  /** Pixels sampled per row and column step when measuring the noise (every 2nd in each direction). */
  private static final int NOISE_STRIDE = 2;
  /** Half-length of the along-valley average, pixels. */
  static final int ALONG_PX = 7;

  final int width;
  final int height;
  /** Valley strength per pixel, in units of the noise of its scale (0 where none). */
  final float[] strength;
  /**
   * Strength averaged along the valley: the mean of {@link #strength} over {@code 2 L + 1} points one pixel apart
   * along the pixel's tangent ({@code L = }{@value #ALONG_PX}). A wire keeps its strength along its length, a noise
   * valley does not, so this separates a faint wire from noise better than the strength itself.
   */
  final float[] coherence;
  /**
   * Dark-blob strength per pixel, in units of the noise of its scale (0 where none): the largest over the scales of
   * {@code s^2 l1 / noise} where both Hessian eigenvalues are positive (a compact dark spot: a tip or ring electrode
   * seen end-on or short, which the valley strength scores low). Computed where {@link #strength} is.
   */
  final float[] blob;
  /** Unit normal (across the valley) per pixel. */
  final float[] normalU;
  final float[] normalV;
  /** Winning scale per pixel, pixels. */
  final float[] scale;
  /** Log intensity smoothed at the smallest scale, for the symmetry test. */
  final float[] logImage;

  private final float[] log;
  private final float[] tmp;
  private final float[] smooth;
  private final float[] trace;
  private final float[] noise = new float[BANDS];
  private int x0;
  private int y0;
  private int x1;
  private int y1;

  RidgeMap(int width, int height) {
    this.width = width;
    this.height = height;
    int n = width * height;
    strength = new float[n];
    coherence = new float[n];
    blob = new float[n];
    normalU = new float[n];
    normalV = new float[n];
    scale = new float[n];
    logImage = new float[n];
    log = new float[n];
    tmp = new float[n];
    smooth = new float[n];
    trace = new float[n];
  }

  /** Fills the maps over the whole frame; see {@link #compute(float[], boolean[], double[], double, int, int, int, int)}. */
  void compute(float[] raw, boolean[] mask, double[] scales, double minContrast) {
    compute(raw, mask, scales, minContrast, 0, 0, width, height);
  }

  /**
   * Fills the maps from raw intensities {@code raw} (row-major, {@code width * height}), within {@code mask} and the
   * rectangle {@code [rx0, rx1) x [ry0, ry1)} (pixels; clipped to the frame). Outside the rectangle every map reads 0.
   */
  void compute(float[] raw, boolean[] mask, double[] scales, double minContrast, int rx0, int ry0, int rx1, int ry1) {
    int oldX0 = x0;
    int oldY0 = y0;
    int oldX1 = x1;
    int oldY1 = y1;
    x0 = Math.max(0, rx0);
    y0 = Math.max(0, ry0);
    x1 = Math.min(width, rx1);
    y1 = Math.min(height, ry1);
    clear(strength, oldX0, oldY0, oldX1, oldY1);
    clear(coherence, oldX0, oldY0, oldX1, oldY1);
    clear(blob, oldX0, oldY0, oldX1, oldY1);
    if (x1 - x0 < 3 || y1 - y0 < 3) {
      return;
    }
    // work on the rectangle grown by the largest kernel radius, so that smoothing inside it sees real pixels
    double maxScale = 0;
    for (double s : scales) {
      maxScale = Math.max(maxScale, s);
    }
    int pad = (int) Math.ceil(3 * maxScale) + 4;
    int wx0 = Math.max(0, x0 - pad);
    int wy0 = Math.max(0, y0 - pad);
    int wx1 = Math.min(width, x1 + pad);
    int wy1 = Math.min(height, y1 + pad);
    for (int y = wy0; y < wy1; y++) {
      for (int x = wx0, i = y * width + wx0; x < wx1; x++, i++) {
        log[i] = (float) Math.log(Math.max(raw[i], 1f));
      }
    }
    int ix0 = Math.max(1, x0);
    int iy0 = Math.max(1, y0);
    int ix1 = Math.min(width - 1, x1);
    int iy1 = Math.min(height - 1, y1);
    boolean first = true;
    for (double s : scales) {
      gaussian(log, smooth, s, wx0, wy0, wx1, wy1);
      if (first) {
        copy(smooth, logImage, wx0, wy0, wx1, wy1);
        first = false;
      }
      float norm = (float) (s * s);
      for (int y = iy0; y < iy1; y++) {
        for (int x = ix0, i = y * width + ix0; x < ix1; x++, i++) {
          trace[i] = norm * (smooth[i + 1] + smooth[i - 1] + smooth[i + width] + smooth[i - width] - 4 * smooth[i]);
        }
      }
      measureNoise(mask, ix0, iy0, ix1, iy1);
      float lo = levelLo;
      float bandScale = levelScale;
      for (int y = iy0; y < iy1; y++) {
        for (int x = ix0, i = y * width + ix0; x < ix1; x++, i++) {
          if (!mask[i]) {
            continue;
          }
          float c = smooth[i];
          float a = smooth[i + 1] - 2 * c + smooth[i - 1];
          float d = smooth[i + width] - 2 * c + smooth[i - width];
          float half = 0.5f * (a - d);
          float mean = 0.5f * (a + d);
          if (mean + Math.abs(half) <= 0) {
            continue; // l2 <= 0 whatever b is: no valley
          }
          float b = 0.25f * (smooth[i + width + 1] - smooth[i + width - 1] - smooth[i - width + 1]
              + smooth[i - width - 1]);
          float root = (float) Math.sqrt(half * half + b * b);
          float l2 = mean + root;
          float l1 = mean - root;
          if (l2 <= 0) {
            continue;
          }
          int band = (int) ((logImage[i] - lo) * bandScale);
          float bandNoise = noise[Math.max(0, Math.min(BANDS - 1, band))];
          if (l1 > 0 && norm * l1 / bandNoise > blob[i]) {
            blob[i] = norm * l1 / bandNoise;
          }
          float r = norm * (l2 - Math.abs(l1)) / bandNoise;
          if (r > strength[i]) {
            strength[i] = r;
            // eigenvector of l2: (b, l2 - a), or (l2 - d, b) when that one is degenerate
            float nu = b;
            float nv = l2 - a;
            if (Math.abs(nu) + Math.abs(nv) < 1e-12f) {
              nu = l2 - d;
              nv = b;
            }
            float len = (float) Math.sqrt(nu * nu + nv * nv);
            if (len == 0) {
              nu = 1;
              len = 1;
            }
            normalU[i] = nu / len;
            normalV[i] = nv / len;
            scale[i] = (float) s;
          }
        }
      }
    }
    for (int y = iy0; y < iy1; y++) {
      for (int x = ix0, i = y * width + ix0; x < ix1; x++, i++) {
        if (strength[i] > 0 && valleyDepth(x, y) < minContrast) {
          strength[i] = 0;
        }
      }
    }
    for (int y = iy0; y < iy1; y++) {
      for (int x = ix0, i = y * width + ix0; x < ix1; x++, i++) {
        if (strength[i] > 0) {
          double tu = -normalV[i];
          double tv = normalU[i];
          double acc = strength[i];
          for (int k = 1; k <= ALONG_PX; k++) {
            acc += sample(strength, x + k * tu, y + k * tv) + sample(strength, x - k * tu, y - k * tv);
          }
          coherence[i] = (float) (acc / (2 * ALONG_PX + 1));
        }
      }
    }
  }

  /** The rectangle the maps were last computed in, pixels, end-exclusive. */
  int x0() {
    return x0;
  }

  int y0() {
    return y0;
  }

  int x1() {
    return x1;
  }

  int y1() {
    return y1;
  }

  private float levelLo;
  private float levelScale;

  /**
   * The noise of the current scale's Hessian per brightness band: the median of {@code |trace|} over the masked
   * pixels of each band (every {@link #NOISE_STRIDE}th row and column), scaled to a standard deviation.
   */
  private void measureNoise(boolean[] mask, int ix0, int iy0, int ix1, int iy1) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (int y = iy0; y < iy1; y += NOISE_STRIDE) {
      for (int x = ix0, i = y * width + ix0; x < ix1; x += NOISE_STRIDE, i += NOISE_STRIDE) {
        if (mask[i]) {
          lo = Math.min(lo, logImage[i]);
          hi = Math.max(hi, logImage[i]);
        }
      }
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    if (!Float.isFinite(lo)) {
      lo = 0;
      hi = 1;
    }
    levelLo = lo;
    levelScale = BANDS / (hi - lo) * 0.99999f;
    double[] sum = new double[BANDS];
    int[] count = new int[BANDS];
    for (int y = iy0; y < iy1; y += NOISE_STRIDE) {
      for (int x = ix0, i = y * width + ix0; x < ix1; x += NOISE_STRIDE, i += NOISE_STRIDE) {
        if (mask[i]) {
          int band = Math.min(BANDS - 1, (int) ((logImage[i] - lo) * levelScale));
          sum[band] += Math.abs(trace[i]);
          count[band]++;
        }
      }
    }
    // median by histogram over [0, 4 * mean) per band
    final int bins = 64;
    int[] hist = new int[BANDS * bins];
    float[] binScale = new float[BANDS];
    for (int k = 0; k < BANDS; k++) {
      double mean = count[k] > 0 ? sum[k] / count[k] : 0;
      binScale[k] = mean > 0 ? (float) (bins / (4 * mean)) : 0;
    }
    for (int y = iy0; y < iy1; y += NOISE_STRIDE) {
      for (int x = ix0, i = y * width + ix0; x < ix1; x += NOISE_STRIDE, i += NOISE_STRIDE) {
        if (mask[i]) {
          int band = Math.min(BANDS - 1, (int) ((logImage[i] - lo) * levelScale));
          int bin = Math.min(bins - 1, (int) (Math.abs(trace[i]) * binScale[band]));
          hist[band * bins + bin]++;
        }
      }
    }
    float fallback = Float.NaN;
    for (int k = 0; k < BANDS; k++) {
      if (count[k] < MIN_BAND_PIXELS || binScale[k] == 0) {
        noise[k] = Float.NaN;
        continue;
      }
      int half = (count[k] + 1) / 2;
      int acc = 0;
      int b = 0;
      while (b < bins - 1 && acc + hist[k * bins + b] < half) {
        acc += hist[k * bins + b];
        b++;
      }
      double within = hist[k * bins + b] == 0 ? 0.5 : (half - acc) / (double) hist[k * bins + b];
      double median = (b + within) / binScale[k];
      noise[k] = (float) (median / 0.6745); // median |N(0, sigma)| = 0.6745 sigma
      fallback = noise[k];
    }
    if (Float.isNaN(fallback)) {
      Arrays.fill(noise, 1e-3f);
      return;
    }
    // sparse bands take the nearest measured band's noise
    float[] measured = noise.clone();
    for (int k = 0; k < BANDS; k++) {
      for (int d = 0; d < BANDS && Float.isNaN(noise[k]); d++) {
        if (k - d >= 0 && !Float.isNaN(measured[k - d])) {
          noise[k] = measured[k - d];
        } else if (k + d < BANDS && !Float.isNaN(measured[k + d])) {
          noise[k] = measured[k + d];
        }
      }
      noise[k] = Math.max(noise[k], 1e-6f);
    }
  }

  /** How much darker (log units) pixel (x, y) is than both its sides along its normal. */
  double valleyDepth(int x, int y) {
    int i = y * width + x;
    double d = 2 * scale[i] + 1.5;
    double a = sample(logImage, x + d * normalU[i], y + d * normalV[i]);
    double b = sample(logImage, x - d * normalU[i], y - d * normalV[i]);
    return Math.min(a, b) - logImage[i];
  }

  /** Bilinear sample of {@code map} at (x, y), clamped to the image. */
  double sample(float[] map, double x, double y) {
    double cx = Math.max(0, Math.min(width - 1.001, x));
    double cy = Math.max(0, Math.min(height - 1.001, y));
    int x0 = (int) cx;
    int y0 = (int) cy;
    double fx = cx - x0;
    double fy = cy - y0;
    int i = y0 * width + x0;
    return (1 - fy) * ((1 - fx) * map[i] + fx * map[i + 1]) + fy * ((1 - fx) * map[i + width] + fx * map[i + width + 1]);
  }

  private void clear(float[] map, int cx0, int cy0, int cx1, int cy1) {
    for (int y = cy0; y < cy1; y++) {
      Arrays.fill(map, y * width + cx0, y * width + cx1, 0f);
    }
  }

  private void copy(float[] src, float[] dst, int cx0, int cy0, int cx1, int cy1) {
    for (int y = cy0; y < cy1; y++) {
      System.arraycopy(src, y * width + cx0, dst, y * width + cx0, cx1 - cx0);
    }
  }

  /** Separable Gaussian of {@code src} into {@code dst} over {@code [cx0, cx1) x [cy0, cy1)}, edges clamped to it. */
  private void gaussian(float[] src, float[] dst, double sigma, int cx0, int cy0, int cx1, int cy1) {
    int r = (int) Math.ceil(3 * sigma);
    float[] k = new float[2 * r + 1];
    float sum = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
      sum += k[i + r];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    for (int y = cy0; y < cy1; y++) {
      int row = y * width;
      for (int x = cx0; x < cx1; x++) {
        float acc = 0;
        if (x - r >= cx0 && x + r < cx1) {
          int base = row + x - r;
          for (int j = 0; j < k.length; j++) {
            acc += k[j] * src[base + j];
          }
        } else {
          for (int j = -r; j <= r; j++) {
            int xx = Math.max(cx0, Math.min(cx1 - 1, x + j));
            acc += k[j + r] * src[row + xx];
          }
        }
        tmp[row + x] = acc;
      }
    }
    for (int y = cy0; y < cy1; y++) {
      int row = y * width;
      if (y - r >= cy0 && y + r < cy1) {
        for (int x = cx0; x < cx1; x++) {
          float acc = 0;
          int base = (y - r) * width + x;
          for (int j = 0; j < k.length; j++) {
            acc += k[j] * tmp[base + j * width];
          }
          dst[row + x] = acc;
        }
      } else {
        for (int x = cx0; x < cx1; x++) {
          float acc = 0;
          for (int j = -r; j <= r; j++) {
            int yy = Math.max(cy0, Math.min(cy1 - 1, y + j));
            acc += k[j + r] * tmp[yy * width + x];
          }
          dst[row + x] = acc;
        }
      }
    }
  }
}
