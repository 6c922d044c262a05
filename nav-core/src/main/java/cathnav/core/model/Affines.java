package cathnav.core.model;

/** Operations on row-major 4x4 affine transforms (the last row {@code 0 0 0 1}). */
public final class Affines {

  private Affines() {}

  /** The inverse of an affine 4x4; throws {@link IllegalArgumentException} when it is singular. */
  public static double[] invert(double[] m) {
    double a = m[0], b = m[1], c = m[2], d = m[4], e = m[5], f = m[6], g = m[8], h = m[9], i = m[10];
    double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    if (Math.abs(det) < 1e-300 || !Double.isFinite(det)) {
      throw new IllegalArgumentException("singular affine, det=" + det);
    }
    double[] r = new double[16];
    r[0] = (e * i - f * h) / det;
    r[1] = (c * h - b * i) / det;
    r[2] = (b * f - c * e) / det;
    r[4] = (f * g - d * i) / det;
    r[5] = (a * i - c * g) / det;
    r[6] = (c * d - a * f) / det;
    r[8] = (d * h - e * g) / det;
    r[9] = (b * g - a * h) / det;
    r[10] = (a * e - b * d) / det;
    for (int row = 0; row < 3; row++) {
      r[row * 4 + 3] = -(r[row * 4] * m[3] + r[row * 4 + 1] * m[7] + r[row * 4 + 2] * m[11]);
    }
    r[15] = 1;
    return r;
  }

  /** {@code m * (p, 1)}, the first three coordinates. */
  public static double[] apply(double[] m, double[] p) {
    return new double[] {
      m[0] * p[0] + m[1] * p[1] + m[2] * p[2] + m[3],
      m[4] * p[0] + m[5] * p[1] + m[6] * p[2] + m[7],
      m[8] * p[0] + m[9] * p[1] + m[10] * p[2] + m[11]
    };
  }
}
