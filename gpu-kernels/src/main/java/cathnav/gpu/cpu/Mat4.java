package cathnav.gpu.cpu;

/** Row-major 4x4 (and 3x3) double matrix arithmetic for per-pose ray setup; never on a per-sample path. */
final class Mat4 {

  private Mat4() {}

  /** {@code a * b}, both row-major 4x4. */
  static double[] multiply(double[] a, double[] b) {
    double[] r = new double[16];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int k = 0; k < 4; k++) {
          s += a[i * 4 + k] * b[k * 4 + j];
        }
        r[i * 4 + j] = s;
      }
    }
    return r;
  }

  /**
   * Inverse of an affine 4x4 (last row 0 0 0 1).
   *
   * @throws IllegalArgumentException naming {@code what} when the matrix is not affine or its linear part is singular
   */
  static double[] invertAffine(double[] m, String what) {
    if (m.length != 16) {
      throw new IllegalArgumentException(what + " must have 16 values, length=" + m.length);
    }
    if (Math.abs(m[12]) > 1e-9 || Math.abs(m[13]) > 1e-9 || Math.abs(m[14]) > 1e-9 || Math.abs(m[15] - 1) > 1e-9) {
      throw new IllegalArgumentException(
          what + " must be affine (last row 0 0 0 1), lastRow=" + m[12] + " " + m[13] + " " + m[14] + " " + m[15]);
    }
    double[] lin = {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]};
    double[] inv = invert3x3(lin, what);
    double[] r = new double[16];
    for (int i = 0; i < 3; i++) {
      r[i * 4] = inv[i * 3];
      r[i * 4 + 1] = inv[i * 3 + 1];
      r[i * 4 + 2] = inv[i * 3 + 2];
      r[i * 4 + 3] = -(inv[i * 3] * m[3] + inv[i * 3 + 1] * m[7] + inv[i * 3 + 2] * m[11]);
    }
    r[15] = 1;
    return r;
  }

  /** Inverse of a row-major 3x3; throws naming {@code what} when singular (relative determinant below 1e-12). */
  static double[] invert3x3(double[] a, String what) {
    double c00 = a[4] * a[8] - a[5] * a[7];
    double c01 = a[5] * a[6] - a[3] * a[8];
    double c02 = a[3] * a[7] - a[4] * a[6];
    double det = a[0] * c00 + a[1] * c01 + a[2] * c02;
    double scale = 0;
    for (double x : a) {
      scale = Math.max(scale, Math.abs(x));
    }
    if (!(Math.abs(det) > 1e-12 * scale * scale * scale)) {
      throw new IllegalArgumentException(what + " is singular, det=" + det);
    }
    double id = 1.0 / det;
    return new double[] {
      c00 * id,
      (a[2] * a[7] - a[1] * a[8]) * id,
      (a[1] * a[5] - a[2] * a[4]) * id,
      c01 * id,
      (a[0] * a[8] - a[2] * a[6]) * id,
      (a[2] * a[3] - a[0] * a[5]) * id,
      c02 * id,
      (a[1] * a[6] - a[0] * a[7]) * id,
      (a[0] * a[4] - a[1] * a[3]) * id
    };
  }
}
