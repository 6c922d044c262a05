package cathnav.gpu.testing;

/**
 * Row-major 4x4 double matrices for the test references: products, Gauss-Jordan inverse, rotations. Written
 * independently of the backends' own matrix code so the references check it.
 */
public final class Matrix4 {

  private Matrix4() {}

  public static double[] identity() {
    double[] m = new double[16];
    m[0] = m[5] = m[10] = m[15] = 1;
    return m;
  }

  public static double[] multiply(double[] a, double[] b) {
    double[] r = new double[16];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        for (int k = 0; k < 4; k++) {
          r[i * 4 + j] += a[i * 4 + k] * b[k * 4 + j];
        }
      }
    }
    return r;
  }

  /** General inverse by Gauss-Jordan elimination with partial pivoting. */
  public static double[] inverse(double[] m) {
    double[][] a = new double[4][8];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        a[i][j] = m[i * 4 + j];
      }
      a[i][4 + i] = 1;
    }
    for (int c = 0; c < 4; c++) {
      int pivot = c;
      for (int r = c + 1; r < 4; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][c]) < 1e-300) {
        throw new IllegalArgumentException("singular matrix");
      }
      double[] tmp = a[c];
      a[c] = a[pivot];
      a[pivot] = tmp;
      double d = a[c][c];
      for (int j = 0; j < 8; j++) {
        a[c][j] /= d;
      }
      for (int r = 0; r < 4; r++) {
        if (r != c) {
          double f = a[r][c];
          for (int j = 0; j < 8; j++) {
            a[r][j] -= f * a[c][j];
          }
        }
      }
    }
    double[] r = new double[16];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        r[i * 4 + j] = a[i][4 + j];
      }
    }
    return r;
  }

  /** {@code m * (x, y, z, 1)}, first three components. */
  public static double[] transformPoint(double[] m, double x, double y, double z) {
    return new double[] {
      m[0] * x + m[1] * y + m[2] * z + m[3],
      m[4] * x + m[5] * y + m[6] * z + m[7],
      m[8] * x + m[9] * y + m[10] * z + m[11]
    };
  }

  /** Rotation about +x by {@code radians} (right-handed), as a 4x4. */
  public static double[] rotationX(double radians) {
    double c = Math.cos(radians);
    double s = Math.sin(radians);
    return new double[] {1, 0, 0, 0, 0, c, -s, 0, 0, s, c, 0, 0, 0, 0, 1};
  }

  public static double[] rotationY(double radians) {
    double c = Math.cos(radians);
    double s = Math.sin(radians);
    return new double[] {c, 0, s, 0, 0, 1, 0, 0, -s, 0, c, 0, 0, 0, 0, 1};
  }

  public static double[] rotationZ(double radians) {
    double c = Math.cos(radians);
    double s = Math.sin(radians);
    return new double[] {c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
  }

  public static double[] translation(double x, double y, double z) {
    double[] m = identity();
    m[3] = x;
    m[7] = y;
    m[11] = z;
    return m;
  }

  /** A rigid pose rotating by {@code rx, ry, rz} (radians, applied x then y then z) about {@code centre}, then translating. */
  public static double[] rigidAbout(double[] centre, double rx, double ry, double rz, double tx, double ty, double tz) {
    double[] r = multiply(rotationZ(rz), multiply(rotationY(ry), rotationX(rx)));
    double[] toOrigin = translation(-centre[0], -centre[1], -centre[2]);
    double[] back = translation(centre[0] + tx, centre[1] + ty, centre[2] + tz);
    return multiply(back, multiply(r, toOrigin));
  }
}
