package cathnav.gpu.testing;

import cathnav.gpu.Attenuation;
import cathnav.gpu.VolumeGrid;

/**
 * The float64 reference DRR: the {@link cathnav.gpu.RenderOptions} rule written as plainly as possible (world ray,
 * voxel-space slab clipping, one sample at a time, {@code Math.floor}, explicit bounds tests), for comparison with
 * every backend. Slow by design; use small volumes and detectors.
 */
public final class ReferenceDrr {

  private final int nx, ny, nz;
  private final double[] mu;
  private final double[] voxelToRas;

  private ReferenceDrr(int nx, int ny, int nz, double[] mu, double[] voxelToRas) {
    this.nx = nx;
    this.ny = ny;
    this.nz = nz;
    this.mu = mu;
    this.voxelToRas = voxelToRas;
  }

  /** The reference of {@code grid}; HU converted in float64 with {@code attenuation}'s formula. */
  public static ReferenceDrr of(VolumeGrid grid, Attenuation attenuation) {
    int n = (int) grid.voxelCount();
    double[] mu = new double[n];
    for (int i = 0; i < n; i++) {
      if (grid.hu() != null) {
        double hu = Math.max(attenuation.huMin(), Math.min(attenuation.huMax(), grid.hu()[i]));
        mu[i] = attenuation.muWater() * Math.max(0.0, 1.0 + hu / 1000.0);
      } else {
        mu[i] = grid.mu()[i];
      }
    }
    return new ReferenceDrr(grid.nx(), grid.ny(), grid.nz(), mu, grid.voxelToRas());
  }

  /** Voxel value, zero outside the grid. */
  double voxel(int i, int j, int k) {
    if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
      return 0.0;
    }
    return mu[(k * ny + j) * nx + i];
  }

  /** Trilinear interpolation at voxel coordinates {@code (x, y, z)}. */
  double sample(double x, double y, double z) {
    int i = (int) Math.floor(x);
    int j = (int) Math.floor(y);
    int k = (int) Math.floor(z);
    double fx = x - i;
    double fy = y - j;
    double fz = z - k;
    double s = 0;
    for (int dk = 0; dk <= 1; dk++) {
      for (int dj = 0; dj <= 1; dj++) {
        for (int di = 0; di <= 1; di++) {
          double weight = (di == 1 ? fx : 1 - fx) * (dj == 1 ? fy : 1 - fy) * (dk == 1 ? fz : 1 - fz);
          s += weight * voxel(i + di, j + dj, k + dk);
        }
      }
    }
    return s;
  }

  /** The DRR through {@code p} (3x4) of the volume moved by {@code pose} (4x4), row-major {@code width x height}. */
  public double[] render(double[] p, int width, int height, double[] pose, double stepMm) {
    // source: the null space of P, C = -M^-1 p4 with P = [M | p4]; ray directions M^-1 (u, v, 1)
    double[] m3inv = inverse3(p);
    double[] source = {
      -(m3inv[0] * p[3] + m3inv[1] * p[7] + m3inv[2] * p[11]),
      -(m3inv[3] * p[3] + m3inv[4] * p[7] + m3inv[5] * p[11]),
      -(m3inv[6] * p[3] + m3inv[7] * p[7] + m3inv[8] * p[11])
    };
    double[] worldToVoxel = Matrix4.multiply(Matrix4.inverse(voxelToRas), Matrix4.inverse(pose));
    double[] o = Matrix4.transformPoint(worldToVoxel, source[0], source[1], source[2]);
    double[] out = new double[width * height];
    for (int v = 0; v < height; v++) {
      for (int u = 0; u < width; u++) {
        double dx = m3inv[0] * u + m3inv[1] * v + m3inv[2];
        double dy = m3inv[3] * u + m3inv[4] * v + m3inv[5];
        double dz = m3inv[6] * u + m3inv[7] * v + m3inv[8];
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double[] far = Matrix4.transformPoint(worldToVoxel, source[0] + dx / len, source[1] + dy / len, source[2] + dz / len);
        double[] e = {far[0] - o[0], far[1] - o[1], far[2] - o[2]};
        out[v * width + u] = integrate(o, e, stepMm);
      }
    }
    return out;
  }

  private double integrate(double[] o, double[] e, double step) {
    double[] n = {nx, ny, nz};
    double t0 = 0;
    double t1 = Double.POSITIVE_INFINITY;
    for (int a = 0; a < 3; a++) {
      double lo = -0.5;
      double hi = n[a] - 0.5;
      if (e[a] == 0) {
        if (o[a] < lo || o[a] > hi) {
          return 0;
        }
      } else {
        double ta = (lo - o[a]) / e[a];
        double tb = (hi - o[a]) / e[a];
        t0 = Math.max(t0, Math.min(ta, tb));
        t1 = Math.min(t1, Math.max(ta, tb));
      }
    }
    double sum = 0;
    for (int k = 0; ; k++) {
      double t = t0 + (k + 0.5) * step;
      if (t > t1) {
        break;
      }
      sum += sample(o[0] + t * e[0], o[1] + t * e[1], o[2] + t * e[2]);
    }
    return sum * step;
  }

  private static double[] inverse3(double[] p) {
    double[] m = {p[0], p[1], p[2], 0, p[4], p[5], p[6], 0, p[8], p[9], p[10], 0, 0, 0, 0, 1};
    double[] inv = Matrix4.inverse(m);
    return new double[] {inv[0], inv[1], inv[2], inv[4], inv[5], inv[6], inv[8], inv[9], inv[10]};
  }
}
