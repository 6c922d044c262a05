package cathnav.gpu.testing;

/**
 * Builds {@code P = K [R | t]} from C-arm angles exactly as DESIGN.md defines them, independently of any production
 * code: at alpha = beta = 0 the beam points +y, image u points -x and v points -z; the source/detector frame is
 * rotated by {@code Rz(alpha) * Rx(beta)} about the isocentre. {@code R}'s rows are (u-axis, v-axis, beam), so
 * {@code det R = -1}.
 *
 * @param primaryDeg alpha, LAO positive, degrees
 * @param secondaryDeg beta, CRAN positive, degrees
 * @param sod source to isocentre, mm
 * @param sid source to detector, mm
 * @param pixelSpacing detector pixel size, mm (square pixels)
 * @param width detector width, pixels
 * @param height detector height, pixels
 * @param isocentre RAS mm
 */
public record CArmProjection(
    double primaryDeg,
    double secondaryDeg,
    double sod,
    double sid,
    double pixelSpacing,
    int width,
    int height,
    double[] isocentre) {

  /** Rows (u-axis, v-axis, beam) of R, row-major 3x3. */
  public double[] rotationRows() {
    double[] q = Matrix4.multiply(
        Matrix4.rotationZ(Math.toRadians(primaryDeg)), Matrix4.rotationX(Math.toRadians(secondaryDeg)));
    double[] uAxis = Matrix4.transformPoint(q, -1, 0, 0);
    double[] vAxis = Matrix4.transformPoint(q, 0, 0, -1);
    double[] beam = Matrix4.transformPoint(q, 0, 1, 0);
    return new double[] {
      uAxis[0], uAxis[1], uAxis[2], vAxis[0], vAxis[1], vAxis[2], beam[0], beam[1], beam[2]
    };
  }

  /** Source position, RAS mm: the isocentre minus SOD along the beam. */
  public double[] source() {
    double[] r = rotationRows();
    return new double[] {
      isocentre[0] - sod * r[6], isocentre[1] - sod * r[7], isocentre[2] - sod * r[8]
    };
  }

  /** {@code P = K [R | -R C]}, row-major 3x4, principal point at the detector centre. */
  public double[] matrix() {
    double[] r = rotationRows();
    double[] c = source();
    double f = sid / pixelSpacing;
    double cu = (width - 1) / 2.0;
    double cv = (height - 1) / 2.0;
    double[] k = {f, 0, cu, 0, f, cv, 0, 0, 1};
    double[] rt = new double[12];
    for (int i = 0; i < 3; i++) {
      double t = -(r[i * 3] * c[0] + r[i * 3 + 1] * c[1] + r[i * 3 + 2] * c[2]);
      rt[i * 4] = r[i * 3];
      rt[i * 4 + 1] = r[i * 3 + 1];
      rt[i * 4 + 2] = r[i * 3 + 2];
      rt[i * 4 + 3] = t;
    }
    double[] p = new double[12];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        for (int m = 0; m < 3; m++) {
          p[i * 4 + j] += k[i * 3 + m] * rt[m * 4 + j];
        }
      }
    }
    return p;
  }

  /** Detector pixel {@code (u, v)} where RAS point {@code x} projects. */
  public static double[] project(double[] p, double[] x) {
    double u = p[0] * x[0] + p[1] * x[1] + p[2] * x[2] + p[3];
    double v = p[4] * x[0] + p[5] * x[1] + p[6] * x[2] + p[7];
    double w = p[8] * x[0] + p[9] * x[1] + p[10] * x[2] + p[11];
    return new double[] {u / w, v / w};
  }
}
