package cathnav.gpu.cpu;

/**
 * The java backend's image operations on row-major float arrays, split into row bands over a {@link WorkerPool}.
 * Sizes are checked by the caller ({@link JavaBackend}). Stateless.
 */
final class ImageKernels {

  /** Pixels per work item of the element-wise operations: large enough to amortise the hand-out. */
  private static final int CHUNK = 16 * 1024;

  private ImageKernels() {}

  static void logTransform(
      WorkerPool pool, float[] in, float[] out, int n, float floor, float offset, float scale, boolean negate) {
    double sign = negate ? -scale : scale;
    pool.run(
        chunks(n),
        (item, worker) -> {
          int end = Math.min(n, (item + 1) * CHUNK);
          for (int i = item * CHUNK; i < end; i++) {
            out[i] = (float) ((Math.log(Math.max(in[i], floor)) - offset) * sign);
          }
        });
  }

  /** 2x2 box average; {@code out} is {@code (w / 2) x (h / 2)}. */
  static void downsample2x(WorkerPool pool, float[] in, int w, int h, float[] out) {
    int ow = w / 2;
    int oh = h / 2;
    pool.run(
        oh,
        (v, worker) -> {
          int r0 = 2 * v * w;
          int r1 = r0 + w;
          int o = v * ow;
          for (int u = 0; u < ow; u++) {
            int c = 2 * u;
            out[o + u] = 0.25f * ((in[r0 + c] + in[r0 + c + 1]) + (in[r1 + c] + in[r1 + c + 1]));
          }
        });
  }

  static void sobel(WorkerPool pool, float[] in, int w, int h, float[] gx, float[] gy) {
    pool.run(h, (v, worker) -> sobelRow(in, w, h, v, gx, gy, v * w));
  }

  /**
   * Unnormalised 3x3 Sobel (weights 1, 2, 1) of row {@code v}, borders replicated: {@code gx} = right minus left
   * (along u), {@code gy} = below minus above (along v), written at {@code out[offset + u]}.
   */
  static void sobelRow(float[] a, int w, int h, int v, float[] gx, float[] gy, int offset) {
    int up = Math.max(v - 1, 0) * w;
    int row = v * w;
    int dn = Math.min(v + 1, h - 1) * w;
    for (int u = 0; u < w; u++) {
      int l = u > 0 ? u - 1 : 0;
      int r = u < w - 1 ? u + 1 : w - 1;
      gx[offset + u] = (a[up + r] - a[up + l]) + 2f * (a[row + r] - a[row + l]) + (a[dn + r] - a[dn + l]);
      gy[offset + u] = (a[dn + l] + 2f * a[dn + u] + a[dn + r]) - (a[up + l] + 2f * a[up + u] + a[up + r]);
    }
  }

  /** {@code {sum, sumOfSquares}} with float64 accumulation. */
  static double[] sumAndSumOfSquares(WorkerPool pool, float[] in, int n) {
    int items = chunks(n);
    double[] partial = new double[items * 2];
    pool.run(
        items,
        (item, worker) -> {
          int end = Math.min(n, (item + 1) * CHUNK);
          double s = 0;
          double ss = 0;
          for (int i = item * CHUNK; i < end; i++) {
            double x = in[i];
            s += x;
            ss += x * x;
          }
          partial[item * 2] = s;
          partial[item * 2 + 1] = ss;
        });
    double s = 0;
    double ss = 0;
    for (int i = 0; i < items; i++) {
      s += partial[i * 2];
      ss += partial[i * 2 + 1];
    }
    return new double[] {s, ss};
  }

  private static int chunks(int n) {
    return (n + CHUNK - 1) / CHUNK;
  }
}
