package cathnav.core.model;

/** The NIfTI-1 qform parameters of an affine that is a rotation (possibly with a flipped k axis) times a scaling. */
final class NiftiQuaternion {

  private NiftiQuaternion() {}

  /**
   * Returns {@code {b, c, d, qfac}} with {@code a >= 0}, or null when the affine's 3x3 part is not orthogonal
   * columns of lengths {@code spacing} (sheared affines have no qform).
   */
  static double[] fromAffine(double[] m, double[] spacing) {
    double[][] r = new double[3][3];
    for (int c = 0; c < 3; c++) {
      if (!(spacing[c] > 0)) {
        return null;
      }
      for (int row = 0; row < 3; row++) {
        r[row][c] = m[row * 4 + c] / spacing[c];
      }
    }
    for (int a = 0; a < 3; a++) {
      for (int b = a + 1; b < 3; b++) {
        double dot = r[0][a] * r[0][b] + r[1][a] * r[1][b] + r[2][a] * r[2][b];
        if (Math.abs(dot) > 1e-4) {
          return null;
        }
      }
    }
    double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1])
        - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
        + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
    double qfac = 1;
    if (det < 0) {
      qfac = -1;
      for (int row = 0; row < 3; row++) {
        r[row][2] = -r[row][2];
      }
    }
    double trace = r[0][0] + r[1][1] + r[2][2];
    double a;
    double b;
    double c;
    double d;
    if (trace > 0) {
      double s = Math.sqrt(trace + 1.0) * 2;
      a = 0.25 * s;
      b = (r[2][1] - r[1][2]) / s;
      c = (r[0][2] - r[2][0]) / s;
      d = (r[1][0] - r[0][1]) / s;
    } else if (r[0][0] > r[1][1] && r[0][0] > r[2][2]) {
      double s = Math.sqrt(1.0 + r[0][0] - r[1][1] - r[2][2]) * 2;
      a = (r[2][1] - r[1][2]) / s;
      b = 0.25 * s;
      c = (r[0][1] + r[1][0]) / s;
      d = (r[0][2] + r[2][0]) / s;
    } else if (r[1][1] > r[2][2]) {
      double s = Math.sqrt(1.0 + r[1][1] - r[0][0] - r[2][2]) * 2;
      a = (r[0][2] - r[2][0]) / s;
      b = (r[0][1] + r[1][0]) / s;
      c = 0.25 * s;
      d = (r[1][2] + r[2][1]) / s;
    } else {
      double s = Math.sqrt(1.0 + r[2][2] - r[0][0] - r[1][1]) * 2;
      a = (r[1][0] - r[0][1]) / s;
      b = (r[0][2] + r[2][0]) / s;
      c = (r[1][2] + r[2][1]) / s;
      d = 0.25 * s;
    }
    if (a < 0) {
      b = -b;
      c = -c;
      d = -d;
    }
    return new double[] {b, c, d, qfac};
  }
}
