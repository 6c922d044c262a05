package cathnav.core.preop.fit;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/** Row-major 3x3 matrix arithmetic for rotations. Stateless. */
final class Rotations {

  private Rotations() {}

  static double determinant(double[] a) {
    return a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6])
        + a[2] * (a[3] * a[7] - a[4] * a[6]);
  }

  static double[] transpose(double[] a) {
    return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
  }

  static double[] multiply(double[] a, double[] b) {
    double[] c = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int k = 0; k < 3; k++) {
        double v = a[3 * r + k];
        for (int col = 0; col < 3; col++) {
          c[3 * r + col] += v * b[3 * k + col];
        }
      }
    }
    return c;
  }

  /** The nearest proper rotation to {@code a} (polar factor by SVD), removing rounding drift. */
  static double[] orthonormalised(double[] a) {
    SingularValueDecomposition svd = new SingularValueDecomposition(matrix(a));
    RealMatrix u = svd.getU();
    RealMatrix vt = svd.getVT();
    double[] r = flat(u.multiply(vt));
    if (determinant(r) < 0) {
      u.setColumn(2, negate(u.getColumn(2)));
      r = flat(u.multiply(vt));
    }
    return r;
  }

  /** The rotation by {@code angle} radians about the unit axis {@code (x, y, z)} (right-handed). */
  static double[] axisAngle(double x, double y, double z, double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double t = 1 - c;
    return new double[] {
      t * x * x + c, t * x * y - s * z, t * x * z + s * y,
      t * x * y + s * z, t * y * y + c, t * y * z - s * x,
      t * x * z - s * y, t * y * z + s * x, t * z * z + c
    };
  }

  static RealMatrix matrix(double[] a) {
    return new Array2DRowRealMatrix(new double[][] {{a[0], a[1], a[2]}, {a[3], a[4], a[5]}, {a[6], a[7], a[8]}});
  }

  static double[] flat(RealMatrix m) {
    double[] out = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        out[3 * r + c] = m.getEntry(r, c);
      }
    }
    return out;
  }

  private static double[] negate(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = -v[i];
    }
    return out;
  }
}
