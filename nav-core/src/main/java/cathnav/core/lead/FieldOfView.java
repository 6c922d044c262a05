package cathnav.core.lead;

/**
 * The collimated field of view of a fluoroscopy frame: pixels brighter than {@value #LEVEL} of the bright level (the
 * 95th percentile, so that the collimator's shadow, one or two percent of it, is outside, while the heart shadow over
 * the spine and the diaphragm, down to about 3.5 % on the demo's real-CT frames, stays inside), with dark holes that
 * do not reach the image border filled (dense tubes, the spine), eroded by a margin so that the collimator's edge is
 * never taken for a wire. An integral image of the eroded mask answers how deep inside the field a point lies.
 */
final class FieldOfView {

  /** Fraction of the bright level below which a pixel is taken for the collimator's shadow. */
  static final float LEVEL = 0.025f;

  final boolean[] mask;
  private final int width;
  private final int height;
  private final int[] integral;

  private FieldOfView(boolean[] mask, int width, int height) {
    this.mask = mask;
    this.width = width;
    this.height = height;
    integral = new int[(width + 1) * (height + 1)];
    for (int y = 0; y < height; y++) {
      int rowSum = 0;
      for (int x = 0; x < width; x++) {
        rowSum += mask[y * width + x] ? 1 : 0;
        integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1] + rowSum;
      }
    }
  }

  static FieldOfView of(float[] raw, int width, int height, int margin) {
    int n = width * height;
    float bright = percentile(raw, 0.95);
    float level = LEVEL * bright;
    boolean[] in = new boolean[n];
    for (int i = 0; i < n; i++) {
      in[i] = raw[i] > level;
    }
    fillHoles(in, width, height);
    boolean[] eroded = erode(in, width, height, margin);
    return new FieldOfView(eroded, width, height);
  }

  /** The {@code q}-quantile of {@code values}, to 1/4096 of their range (a histogram, no sort). */
  static float percentile(float[] values, double q) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!(hi > lo)) {
      return lo;
    }
    int bins = 4096;
    int[] hist = new int[bins];
    float scale = (bins - 1) / (hi - lo);
    for (float v : values) {
      hist[(int) ((v - lo) * scale)]++;
    }
    long target = (long) Math.ceil(q * values.length);
    long acc = 0;
    for (int b = 0; b < bins; b++) {
      acc += hist[b];
      if (acc >= target) {
        return lo + (b + 0.5f) / scale;
      }
    }
    return hi;
  }

  /** Marks as inside every outside pixel that no 4-connected outside path links to the image border. */
  private static void fillHoles(boolean[] in, int w, int h) {
    boolean[] reached = new boolean[in.length];
    int[] queue = new int[in.length];
    int head = 0;
    int tail = 0;
    for (int x = 0; x < w; x++) {
      for (int y : new int[] {0, h - 1}) {
        int i = y * w + x;
        if (!in[i] && !reached[i]) {
          reached[i] = true;
          queue[tail++] = i;
        }
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x : new int[] {0, w - 1}) {
        int i = y * w + x;
        if (!in[i] && !reached[i]) {
          reached[i] = true;
          queue[tail++] = i;
        }
      }
    }
    while (head < tail) {
      int i = queue[head++];
      int x = i % w;
      int y = i / w;
      int[] nb = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
      for (int j : nb) {
        if (j >= 0 && !in[j] && !reached[j]) {
          reached[j] = true;
          queue[tail++] = j;
        }
      }
    }
    for (int i = 0; i < in.length; i++) {
      in[i] = !reached[i];
    }
  }

  /** Square erosion by {@code r} pixels (image borders count as outside), separable. */
  private static boolean[] erode(boolean[] in, int w, int h, int r) {
    // horizontal: inside if no outside pixel within r to the left or right (or the border)
    boolean[] horiz = new boolean[in.length];
    for (int y = 0; y < h; y++) {
      int[] distLeft = new int[w];
      int last = -1 - r;
      for (int x = 0; x < w; x++) {
        if (!in[y * w + x]) {
          last = x;
        }
        distLeft[x] = x - last;
      }
      int next = w + r;
      for (int x = w - 1; x >= 0; x--) {
        if (!in[y * w + x]) {
          next = x;
        }
        horiz[y * w + x] = distLeft[x] > r && next - x > r && x >= r && x < w - r;
      }
    }
    boolean[] out = new boolean[in.length];
    for (int x = 0; x < w; x++) {
      int last = -1 - r;
      int[] distUp = new int[h];
      for (int y = 0; y < h; y++) {
        if (!horiz[y * w + x]) {
          last = y;
        }
        distUp[y] = y - last;
      }
      int next = h + r;
      for (int y = h - 1; y >= 0; y--) {
        if (!horiz[y * w + x]) {
          next = y;
        }
        out[y * w + x] = distUp[y] > r && next - y > r && y >= r && y < h - r;
      }
    }
    return out;
  }

  boolean contains(double u, double v) {
    int x = (int) Math.round(u);
    int y = (int) Math.round(v);
    return x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x];
  }

  private static final int[] DEPTHS = {1, 2, 3, 4, 6, 8, 11, 16, 23, 32, 45, 64, 90, 128};

  /**
   * How deep (u, v) lies in the field: the largest half-width among 1, 2, 3, 4, 6, 8, 11, 16, ..., 128 pixels of a
   * square around it lying wholly inside; 0 if none.
   */
  int depth(double u, double v) {
    int x = (int) Math.round(u);
    int y = (int) Math.round(v);
    int best = 0;
    for (int r : DEPTHS) {
      int x0 = x - r;
      int y0 = y - r;
      int x1 = x + r + 1;
      int y1 = y + r + 1;
      if (x0 < 0 || y0 < 0 || x1 > width || y1 > height) {
        break;
      }
      int sum = integral[y1 * (width + 1) + x1] - integral[y0 * (width + 1) + x1] - integral[y1 * (width + 1) + x0]
          + integral[y0 * (width + 1) + x0];
      if (sum != (x1 - x0) * (y1 - y0)) {
        break;
      }
      best = r;
    }
    return best;
  }
}
