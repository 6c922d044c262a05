package cathnav.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.PreparedTarget;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.SimilarityMetric;
import cathnav.gpu.VolumeGrid;
import cathnav.gpu.Attenuation;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Temporary float64 cross-check of the OpenCL DRR and scoring until the shared backend suite lands. */
class OpenClDrrReferenceTest {

  static OpenClBackend backend;

  @BeforeAll
  static void open() {
    backend = new OpenClBackendProvider(OpenClDeviceSpec.ANY).openBackend();
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  static double[] projection(double alpha, double beta, int w, int h, double spacing) {
    double sid = 1200, sod = 800;
    double ca = Math.cos(alpha), sa = Math.sin(alpha), cb = Math.cos(beta), sb = Math.sin(beta);
    double[] rz = {ca, -sa, 0, sa, ca, 0, 0, 0, 1};
    double[] rx = {1, 0, 0, 0, cb, -sb, 0, sb, cb};
    double[] rot = new double[9];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) rot[i * 3 + j] += rz[i * 3 + k] * rx[k * 3 + j];
    double[][] axes = {{-1, 0, 0}, {0, 0, -1}, {0, 1, 0}};
    double[][] r = new double[3][3];
    for (int a = 0; a < 3; a++) for (int i = 0; i < 3; i++) for (int k = 0; k < 3; k++) r[a][i] += rot[i * 3 + k] * axes[a][k];
    double[] c = {-sod * r[2][0], -sod * r[2][1], -sod * r[2][2]};
    double f = sid / spacing;
    double[][] k = {{f, 0, (w - 1) / 2.0}, {0, f, (h - 1) / 2.0}, {0, 0, 1}};
    double[] p = new double[12];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int m = 0; m < 3; m++) s += k[i][m] * r[m][j];
        p[i * 4 + j] = s;
      }
    }
    for (int i = 0; i < 3; i++) {
      double s = 0;
      for (int j = 0; j < 3; j++) s -= p[i * 4 + j] * c[j];
      p[i * 4 + 3] = s;
    }
    return p;
  }

  static double[] pose(Random rnd) {
    double a = rnd.nextGaussian() * 0.1, b = rnd.nextGaussian() * 0.1, g = rnd.nextGaussian() * 0.1;
    double ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b), cg = Math.cos(g), sg = Math.sin(g);
    double[] rz = {ca, -sa, 0, sa, ca, 0, 0, 0, 1}, ry = {cb, 0, sb, 0, 1, 0, -sb, 0, cb}, rx = {1, 0, 0, 0, cg, -sg, 0, sg, cg};
    double[] t = new double[9], r = new double[9];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) t[i * 3 + j] += rz[i * 3 + k] * ry[k * 3 + j];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) r[i * 3 + j] += t[i * 3 + k] * rx[k * 3 + j];
    return new double[] {r[0], r[1], r[2], rnd.nextGaussian() * 5, r[3], r[4], r[5], rnd.nextGaussian() * 5,
        r[6], r[7], r[8], rnd.nextGaussian() * 5, 0, 0, 0, 1};
  }

  static double reference(float[] mu, int nx, int ny, int nz, double[] a, double[] p, double[] pose, int u, int v, double step) {
    // invert P's 3x3, source
    double[] m = {p[0], p[1], p[2], p[4], p[5], p[6], p[8], p[9], p[10]};
    double[] mi = inv3(m);
    double[] src = {-(mi[0] * p[3] + mi[1] * p[7] + mi[2] * p[11]), -(mi[3] * p[3] + mi[4] * p[7] + mi[5] * p[11]), -(mi[6] * p[3] + mi[7] * p[7] + mi[8] * p[11])};
    double[] d = {mi[0] * u + mi[1] * v + mi[2], mi[3] * u + mi[4] * v + mi[5], mi[6] * u + mi[7] * v + mi[8]};
    double len = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    for (int i = 0; i < 3; i++) d[i] /= len;
    double[] ta = new double[16];
    for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < 4; k++) ta[i * 4 + j] += pose[i * 4 + k] * a[k * 4 + j];
    double[] gl = inv3(new double[] {ta[0], ta[1], ta[2], ta[4], ta[5], ta[6], ta[8], ta[9], ta[10]});
    double[] rel = {src[0] - ta[3], src[1] - ta[7], src[2] - ta[11]};
    double[] c = {gl[0] * rel[0] + gl[1] * rel[1] + gl[2] * rel[2], gl[3] * rel[0] + gl[4] * rel[1] + gl[5] * rel[2], gl[6] * rel[0] + gl[7] * rel[1] + gl[8] * rel[2]};
    double[] dv = {gl[0] * d[0] + gl[1] * d[1] + gl[2] * d[2], gl[3] * d[0] + gl[4] * d[1] + gl[5] * d[2], gl[6] * d[0] + gl[7] * d[1] + gl[8] * d[2]};
    int[] n = {nx, ny, nz};
    double t0 = 0, t1 = Double.POSITIVE_INFINITY;
    for (int ax = 0; ax < 3; ax++) {
      if (dv[ax] == 0) { if (c[ax] < -0.5 || c[ax] > n[ax] - 0.5) return 0; continue; }
      double ta1 = (-0.5 - c[ax]) / dv[ax], tb = (n[ax] - 0.5 - c[ax]) / dv[ax];
      t0 = Math.max(t0, Math.min(ta1, tb));
      t1 = Math.min(t1, Math.max(ta1, tb));
    }
    double sum = 0;
    for (int k = 0; t0 + (k + 0.5) * step <= t1; k++) {
      double t = t0 + (k + 0.5) * step;
      double x = c[0] + t * dv[0], y = c[1] + t * dv[1], z = c[2] + t * dv[2];
      int ix = (int) Math.floor(x), iy = (int) Math.floor(y), iz = (int) Math.floor(z);
      double fx = x - ix, fy = y - iy, fz = z - iz;
      double s = 0;
      for (int dz = 0; dz < 2; dz++) for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) {
        int i = ix + dx, j = iy + dy, kk = iz + dz;
        if (i < 0 || j < 0 || kk < 0 || i >= nx || j >= ny || kk >= nz) continue;
        s += mu[(kk * ny + j) * nx + i] * (dx == 1 ? fx : 1 - fx) * (dy == 1 ? fy : 1 - fy) * (dz == 1 ? fz : 1 - fz);
      }
      sum += s;
    }
    return sum * step;
  }

  static double[] inv3(double[] m) {
    double c00 = m[4] * m[8] - m[5] * m[7], c01 = m[5] * m[6] - m[3] * m[8], c02 = m[3] * m[7] - m[4] * m[6];
    double det = m[0] * c00 + m[1] * c01 + m[2] * c02, s = 1 / det;
    return new double[] {c00 * s, (m[2] * m[7] - m[1] * m[8]) * s, (m[1] * m[5] - m[2] * m[4]) * s,
        c01 * s, (m[0] * m[8] - m[2] * m[6]) * s, (m[2] * m[3] - m[0] * m[5]) * s,
        c02 * s, (m[1] * m[6] - m[0] * m[7]) * s, (m[0] * m[4] - m[1] * m[3]) * s};
  }

  @Test
  void drrMatchesFloat64Reference() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random rnd = new Random(seed);
    int nx = 40, ny = 36, nz = 30, w = 96, h = 80;
    float[] mu = new float[nx * ny * nz];
    for (int i = 0; i < mu.length; i++) mu[i] = 0.02f * rnd.nextFloat();
    double sp = 2.0;
    double[] a = {sp, 0, 0, -sp * (nx - 1) / 2, 0, sp * 1.1, 0, -sp * 1.1 * (ny - 1) / 2, 0, 0, sp * 0.9, -sp * 0.9 * (nz - 1) / 2, 0, 0, 0, 1};
    double[] p = projection(rnd.nextDouble() - 0.5, rnd.nextDouble() - 0.5, w, h, 1.2);
    double[] pose = pose(rnd);
    Projection proj = new Projection(w, h, p);
    RenderOptions opt = new RenderOptions(0.7);
    try (DeviceVolume vol = backend.uploadVolume(VolumeGrid.ofMu(nx, ny, nz, a, mu), Attenuation.DEFAULT);
        DeviceImage out = backend.createImage(w, h)) {
      backend.render(vol, proj, pose, opt, out);
      float[] got = new float[w * h];
      backend.download(out, got);
      double num = 0, den = 0;
      for (int v = 0; v < h; v++) for (int u = 0; u < w; u++) {
        double r = reference(mu, nx, ny, nz, a, p, pose, u, v, 0.7);
        num += (got[v * w + u] - r) * (got[v * w + u] - r);
        den += r * r;
      }
      double rel = Math.sqrt(num / den);
      System.out.println("relL2=" + rel + " den=" + den);
      assertTrue(den > 0 && rel < 1e-4, "relL2=" + rel);

      // NCC of a DRR against itself is 1; batched equals single
      try (PreparedTarget t = backend.prepareTarget(out, SimilarityMetric.NCC, null);
          PreparedTarget g = backend.prepareTarget(out, SimilarityMetric.GRADIENT_CORRELATION, null)) {
        double[] poses = new double[48];
        System.arraycopy(pose, 0, poses, 0, 16);
        System.arraycopy(pose(rnd), 0, poses, 16, 16);
        System.arraycopy(pose, 0, poses, 32, 16);
        float[] s = new float[3];
        backend.scorePoses(vol, proj, t, poses, 3, opt, s);
        System.out.println("ncc " + java.util.Arrays.toString(s));
        backend.scorePoses(vol, proj, g, poses, 3, opt, s);
        System.out.println("gc " + java.util.Arrays.toString(s));
      }
    }
  }
}
