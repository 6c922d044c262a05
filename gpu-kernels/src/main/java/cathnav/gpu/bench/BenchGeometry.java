package cathnav.gpu.bench;

import cathnav.gpu.Projection;

/**
 * The benchmark's C-arm view: LAO 30, CRAN 15 (DESIGN.md angle conventions), SOD 750 mm, SID 1200 mm, isocentre at
 * the RAS origin, pixel spacing chosen so the volume's box fills the detector.
 */
final class BenchGeometry {

  static final double PRIMARY_DEG = 30;
  static final double SECONDARY_DEG = 15;
  static final double SOD = 750;
  static final double SID = 1200;

  private BenchGeometry() {}

  static Projection projection(int width, int height, double volumeExtentMm) {
    double a = Math.toRadians(PRIMARY_DEG);
    double b = Math.toRadians(SECONDARY_DEG);
    double ca = Math.cos(a);
    double sa = Math.sin(a);
    double cb = Math.cos(b);
    double sb = Math.sin(b);
    // rows of R = Rz(a) Rx(b) applied to the AP axes: u = -x, v = -z, beam = +y
    double[] u = {-ca, -sa, 0};
    double[] v = {-sa * sb, ca * sb, -cb};
    double[] beam = {-sa * cb, ca * cb, sb};
    double[][] r = {u, v, beam};
    double[] source = {-SOD * beam[0], -SOD * beam[1], -SOD * beam[2]};
    double spacing = volumeExtentMm * 1.25 * SID / SOD / Math.min(width, height);
    double f = SID / spacing;
    double[] k = {f, 0, (width - 1) / 2.0, 0, f, (height - 1) / 2.0, 0, 0, 1};
    double[] p = new double[12];
    for (int i = 0; i < 3; i++) {
      for (int m = 0; m < 3; m++) {
        double t = -(r[m][0] * source[0] + r[m][1] * source[1] + r[m][2] * source[2]);
        for (int j = 0; j < 3; j++) {
          p[i * 4 + j] += k[i * 3 + m] * r[m][j];
        }
        p[i * 4 + 3] += k[i * 3 + m] * t;
      }
    }
    return new Projection(width, height, p);
  }

  /**
   * Samples one DRR takes under the {@link cathnav.gpu.RenderOptions} rule (all samples inside the box, empty or
   * not), for the G samples/s figure; computed in float64 on the host.
   */
  static long samplesPerDrr(Projection projection, int n, double voxelMm, double stepMm) {
    double[] p = projection.matrix();
    double[][] m = {{p[0], p[1], p[2]}, {p[4], p[5], p[6]}, {p[8], p[9], p[10]}};
    double[][] inv = invert(m);
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      c[i] = -(inv[i][0] * p[3] + inv[i][1] * p[7] + inv[i][2] * p[11]);
    }
    double half = n * voxelMm / 2.0; // box [-0.5, n - 0.5] voxels, centred on the origin
    long total = 0;
    for (int v = 0; v < projection.height(); v++) {
      for (int u = 0; u < projection.width(); u++) {
        double[] d = new double[3];
        for (int i = 0; i < 3; i++) {
          d[i] = inv[i][0] * u + inv[i][1] * v + inv[i][2];
        }
        double len = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        double t0 = 0;
        double t1 = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
          double e = d[i] / len;
          if (e == 0) {
            continue;
          }
          double ta = (-half - c[i]) / e;
          double tb = (half - c[i]) / e;
          t0 = Math.max(t0, Math.min(ta, tb));
          t1 = Math.min(t1, Math.max(ta, tb));
        }
        if (t1 > t0) {
          total += (long) Math.floor((t1 - t0) / stepMm + 0.5);
        }
      }
    }
    return total;
  }

  private static double[][] invert(double[][] a) {
    double det =
        a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
            - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
            + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        int i1 = (j + 1) % 3;
        int i2 = (j + 2) % 3;
        int j1 = (i + 1) % 3;
        int j2 = (i + 2) % 3;
        r[i][j] = (a[i1][j1] * a[i2][j2] - a[i1][j2] * a[i2][j1]) / det;
      }
    }
    return r;
  }
}
