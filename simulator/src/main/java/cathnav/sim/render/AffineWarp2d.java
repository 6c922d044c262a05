package cathnav.sim.render;

/**
 * A 2D affine map of detector pixels {@code (u, v) -> (a0 u + a1 v + a2, a3 u + a4 v + a5)}, fitted by least squares
 * to point pairs, and the bilinear warp of an image through it.
 *
 * @param a the six coefficients, row-major 2x3
 * @param maxResidualPx the largest distance between a fitted point and its target, pixels
 */
public record AffineWarp2d(double[] a, double maxResidualPx) {

  public AffineWarp2d {
    if (a == null || a.length != 6) {
      throw new IllegalArgumentException("a 2D affine has 6 coefficients");
    }
    a = a.clone();
  }

  /** Least-squares fit of {@code to[i] ~ A from[i]}; points are {@code {u, v}} pairs, at least three. */
  public static AffineWarp2d fit(double[][] from, double[][] to) {
    if (from.length != to.length || from.length < 3) {
      throw new IllegalArgumentException("need matching point lists of at least 3, from=" + from.length
          + ", to=" + to.length);
    }
    double[][] n = new double[3][3];
    double[] bu = new double[3];
    double[] bv = new double[3];
    for (int i = 0; i < from.length; i++) {
      double[] p = {from[i][0], from[i][1], 1};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          n[r][c] += p[r] * p[c];
        }
        bu[r] += p[r] * to[i][0];
        bv[r] += p[r] * to[i][1];
      }
    }
    double[] x = solve3(n, bu);
    double[] y = solve3(n, bv);
    double[] a = {x[0], x[1], x[2], y[0], y[1], y[2]};
    double max = 0;
    for (int i = 0; i < from.length; i++) {
      double du = a[0] * from[i][0] + a[1] * from[i][1] + a[2] - to[i][0];
      double dv = a[3] * from[i][0] + a[4] * from[i][1] + a[5] - to[i][1];
      max = Math.max(max, Math.hypot(du, dv));
    }
    return new AffineWarp2d(a, max);
  }

  private static double[] solve3(double[][] m, double[] b) {
    double det = det(m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2]);
    if (Math.abs(det) < 1e-12) {
      throw new IllegalArgumentException("degenerate point set for an affine fit");
    }
    double[] x = new double[3];
    for (int c = 0; c < 3; c++) {
      double[][] q = {m[0].clone(), m[1].clone(), m[2].clone()};
      for (int r = 0; r < 3; r++) {
        q[r][c] = b[r];
      }
      x[c] = det(q[0][0], q[0][1], q[0][2], q[1][0], q[1][1], q[1][2], q[2][0], q[2][1], q[2][2]) / det;
    }
    return x;
  }

  private static double det(double a, double b, double c, double d, double e, double f, double g, double h, double i) {
    return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  }

  /**
   * Adds {@code src} warped by this map into {@code out} over the pixel box {@code [u0, u1] x [v0, v1]} (inclusive,
   * clipped to the image): {@code out(q) += src(A^-1 q)}, bilinear, zero outside {@code src}.
   */
  public void addWarped(float[] src, float[] out, int width, int height, int u0, int u1, int v0, int v1) {
    double det = a[0] * a[4] - a[1] * a[3];
    double i0 = a[4] / det;
    double i1 = -a[1] / det;
    double i3 = -a[3] / det;
    double i4 = a[0] / det;
    double i2 = -(i0 * a[2] + i1 * a[5]);
    double i5 = -(i3 * a[2] + i4 * a[5]);
    int ua = Math.max(0, u0);
    int ub = Math.min(width - 1, u1);
    int va = Math.max(0, v0);
    int vb = Math.min(height - 1, v1);
    for (int v = va; v <= vb; v++) {
      double su = i1 * v + i2 + i0 * ua;
      double sv = i4 * v + i5 + i3 * ua;
      int row = v * width;
      for (int u = ua; u <= ub; u++, su += i0, sv += i3) {
        int x = (int) Math.floor(su);
        int y = (int) Math.floor(sv);
        if (x < 0 || y < 0 || x >= width - 1 || y >= height - 1) {
          continue;
        }
        float fx = (float) (su - x);
        float fy = (float) (sv - y);
        int s = y * width + x;
        float top = src[s] + fx * (src[s + 1] - src[s]);
        float bottom = src[s + width] + fx * (src[s + width + 1] - src[s + width]);
        out[row + u] += top + fy * (bottom - top);
      }
    }
  }
}
