package cathnav.core.lead;

/**
 * Multi-scale Hessian valley filter of one frame, the first stage of lead detection.
 *
 * <p>It works on the log of the raw detector intensity, {@code g = ln(max(I, 1))}, where a radio-opaque wire is a
 * thin dark valley (a bright ridge of attenuation) whose depth is its relative contrast, whatever the local
 * brightness. At each scale {@code s} (pixels) the image is Gaussian-smoothed and its Hessian taken by central
 * differences; with eigenvalues {@code l1 <= l2}, a valley has {@code l2 > 0} across it and {@code l1 ~ 0} along it,
 * and its strength is {@code s^2 (l2 - |l1|)} (scale-normalised; blobs and flat regions score 0). The strongest
 * scale wins per pixel and gives the valley's normal direction. Edges (one side bright, one side dark) are then
 * rejected by a symmetry test: both sides, {@code 2s + 1.5} pixels away along the normal, must be brighter than
 * the centre by at least {@code minContrast} (log units). Not thread-safe; reused frame to frame by one thread.
 */
final class RidgeMap {

  final int width;
  final int height;
  /** Valley strength per pixel (0 where none). */
  final float[] strength;
  /** Unit normal (across the valley) per pixel. */
  final float[] normalU;
  final float[] normalV;
  /** Winning scale per pixel, pixels. */
  final float[] scale;
  /** Log intensity smoothed at the smallest scale, for the symmetry test. */
  final float[] logImage;

  private final float[] tmp;
  private final float[] smooth;

  RidgeMap(int width, int height) {
    this.width = width;
    this.height = height;
    int n = width * height;
    strength = new float[n];
    normalU = new float[n];
    normalV = new float[n];
    scale = new float[n];
    logImage = new float[n];
    tmp = new float[n];
    smooth = new float[n];
  }

  /** Fills the maps from raw intensities {@code raw} (row-major, {@code width * height}), within {@code mask}. */
  void compute(float[] raw, boolean[] mask, double[] scales, double minContrast) {
    int n = width * height;
    float[] g = new float[n];
    for (int i = 0; i < n; i++) {
      g[i] = (float) Math.log(Math.max(raw[i], 1f));
    }
    java.util.Arrays.fill(strength, 0f);
    boolean first = true;
    for (double s : scales) {
      gaussian(g, smooth, s);
      if (first) {
        System.arraycopy(smooth, 0, logImage, 0, n);
        first = false;
      }
      float norm = (float) (s * s);
      for (int y = 1; y < height - 1; y++) {
        int row = y * width;
        for (int x = 1; x < width - 1; x++) {
          int i = row + x;
          if (!mask[i]) {
            continue;
          }
          float c = smooth[i];
          float a = smooth[i + 1] - 2 * c + smooth[i - 1];
          float d = smooth[i + width] - 2 * c + smooth[i - width];
          float b = 0.25f * (smooth[i + width + 1] - smooth[i + width - 1] - smooth[i - width + 1] + smooth[i - width - 1]);
          float half = 0.5f * (a - d);
          float root = (float) Math.sqrt(half * half + b * b);
          float mean = 0.5f * (a + d);
          float l2 = mean + root;
          float l1 = mean - root;
          float r = norm * (l2 - Math.abs(l1));
          if (l2 > 0 && r > strength[i]) {
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
    for (int i = 0; i < n; i++) {
      if (strength[i] > 0 && valleyDepth(i % width, i / width) < minContrast) {
        strength[i] = 0;
      }
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

  private void gaussian(float[] src, float[] dst, double sigma) {
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
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x < width; x++) {
        float acc = 0;
        for (int j = -r; j <= r; j++) {
          int xx = Math.max(0, Math.min(width - 1, x + j));
          acc += k[j + r] * src[row + xx];
        }
        tmp[row + x] = acc;
      }
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float acc = 0;
        for (int j = -r; j <= r; j++) {
          int yy = Math.max(0, Math.min(height - 1, y + j));
          acc += k[j + r] * tmp[yy * width + x];
        }
        dst[y * width + x] = acc;
      }
    }
  }
}
