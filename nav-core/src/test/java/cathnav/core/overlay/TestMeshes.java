package cathnav.core.overlay;

import java.util.function.ToIntFunction;

/** Meshes and projections with known answers for overlay tests. */
public final class TestMeshes {

  private TestMeshes() {}

  /**
   * A UV sphere of {@code radius} mm around {@code centre}, triangles labelled by {@code segmentOf} applied to the
   * triangle's centroid {@code {x, y, z}}.
   */
  public static GuidanceMesh sphere(double[] centre, double radius, int rings, int sectors,
      ToIntFunction<double[]> segmentOf) {
    int nv = (rings + 1) * sectors;
    float[] v = new float[3 * nv];
    for (int r = 0; r <= rings; r++) {
      double theta = Math.PI * r / rings;
      for (int s = 0; s < sectors; s++) {
        double phi = 2 * Math.PI * s / sectors;
        int i = r * sectors + s;
        v[3 * i] = (float) (centre[0] + radius * Math.sin(theta) * Math.cos(phi));
        v[3 * i + 1] = (float) (centre[1] + radius * Math.sin(theta) * Math.sin(phi));
        v[3 * i + 2] = (float) (centre[2] + radius * Math.cos(theta));
      }
    }
    int nt = 2 * rings * sectors;
    int[] t = new int[3 * nt];
    int[] seg = new int[nt];
    int k = 0;
    for (int r = 0; r < rings; r++) {
      for (int s = 0; s < sectors; s++) {
        int a = r * sectors + s;
        int b = r * sectors + (s + 1) % sectors;
        int c = (r + 1) * sectors + s;
        int d = (r + 1) * sectors + (s + 1) % sectors;
        int[][] tris = {{a, c, b}, {b, c, d}};
        for (int[] tri : tris) {
          t[3 * k] = tri[0];
          t[3 * k + 1] = tri[1];
          t[3 * k + 2] = tri[2];
          double[] cen = new double[3];
          for (int q = 0; q < 3; q++) {
            for (int axis = 0; axis < 3; axis++) {
              cen[axis] += v[3 * tri[q] + axis] / 3.0;
            }
          }
          seg[k] = segmentOf.applyAsInt(cen);
          k++;
        }
      }
    }
    return GuidanceMesh.of(v, t, seg);
  }

  /**
   * An AP view (DESIGN.md): beam +y, u towards -x, v towards -z; source at (0, -sod, 0), isocentre at the origin,
   * focal length {@code f} pixels, principal point at the detector centre.
   */
  public static cathnav.gpu.Projection apView(int width, int height, double sod, double f) {
    double cx = (width - 1) / 2.0;
    double cy = (height - 1) / 2.0;
    // rows of R: u-axis (-1,0,0), v-axis (0,0,-1), beam (0,1,0); t = -R C with C = (0,-sod,0) -> t = (0,0,sod)
    double[][] r = {{-1, 0, 0}, {0, 0, -1}, {0, 1, 0}};
    double[] t = {0, 0, sod};
    double[][] k = {{f, 0, cx}, {0, f, cy}, {0, 0, 1}};
    double[] p = new double[12];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int m = 0; m < 3; m++) {
          s += k[i][m] * (j < 3 ? r[m][j] : t[m]);
        }
        p[4 * i + j] = s;
      }
    }
    return new cathnav.gpu.Projection(width, height, p);
  }

  public static double[] translation(double x, double y, double z) {
    return new double[] {1, 0, 0, x, 0, 1, 0, y, 0, 0, 1, z, 0, 0, 0, 1};
  }
}
