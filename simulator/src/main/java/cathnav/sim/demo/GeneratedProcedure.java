package cathnav.sim.demo;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.overlay.GuidanceMesh;
import cathnav.core.overlay.GuidanceModel;
import cathnav.core.service.ProcedureModel;
import java.util.List;

/**
 * A generated procedure for the demo when no simulator scene is used: an ellipsoidal left ventricle with AHA-style
 * labels (base, mid, apex by thirds of the long axis, 6/6/4 angular sectors, apex cap 17), breathing motion
 * (the whole heart moves with a rigid translation), a lead tip advancing along the lateral wall, and one C-arm move
 * from AP to LAO 30. Frames are analytic: intensity falls with the chord length through the ventricle.
 *
 * <p>Thread-safety: immutable.
 */
public final class GeneratedProcedure {

  /** LV semi-axes, mm: across (x, y) and along the long axis (z). */
  static final double RX = 28;
  static final double RY = 28;
  static final double RZ = 42;
  private static final double SID = 1100;
  private static final double SOD = 750;

  private final int size;
  private final double pixelSpacing;

  public GeneratedProcedure(int size) {
    this.size = size;
    this.pixelSpacing = 0.3 * 1024.0 / size;
  }

  /** The model the service is given: the LV ellipsoid at the origin, target the mid inferolateral segment (11). */
  public ProcedureModel model() {
    int rings = 24;
    int sectors = 48;
    int nv = (rings + 1) * sectors;
    float[] v = new float[3 * nv];
    for (int r = 0; r <= rings; r++) {
      double theta = Math.PI * r / rings;
      for (int s = 0; s < sectors; s++) {
        double phi = 2 * Math.PI * s / sectors;
        int i = r * sectors + s;
        v[3 * i] = (float) (RX * Math.sin(theta) * Math.cos(phi));
        v[3 * i + 1] = (float) (RY * Math.sin(theta) * Math.sin(phi));
        v[3 * i + 2] = (float) (RZ * Math.cos(theta));
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
          System.arraycopy(tri, 0, t, 3 * k, 3);
          double cz = (v[3 * tri[0] + 2] + v[3 * tri[1] + 2] + v[3 * tri[2] + 2]) / 3;
          double cx = (v[3 * tri[0]] + v[3 * tri[1]] + v[3 * tri[2]]) / 3;
          double cy = (v[3 * tri[0] + 1] + v[3 * tri[1] + 1] + v[3 * tri[2] + 1]) / 3;
          seg[k++] = aha(cx, cy, cz);
        }
      }
    }
    GuidanceMesh lv = GuidanceMesh.of(v, t, seg);
    float[] vein = new float[3 * 12];
    for (int i = 0; i < 12; i++) {
      double z = RZ * 0.8 - i * 6;
      double rr = RX * Math.sqrt(Math.max(0, 1 - (z / RZ) * (z / RZ))) + 3;
      vein[3 * i] = (float) (rr * Math.cos(Math.toRadians(200)));
      vein[3 * i + 1] = (float) (rr * Math.sin(Math.toRadians(200)));
      vein[3 * i + 2] = (float) z;
    }
    return new ProcedureModel("generated LV", new GuidanceModel("generated LV", lv, List.of(vein)), null, 11);
  }

  /** AHA-style segment of a surface point: base (z > RZ/3) 1-6, mid 7-12, apical 13-16, apex cap 17. */
  static int aha(double x, double y, double z) {
    double angle = Math.toDegrees(Math.atan2(y, x));
    double a = (angle + 360) % 360;
    if (z > RZ / 3) {
      return 1 + (int) (a / 60) % 6;
    }
    if (z > -RZ / 3) {
      return 7 + (int) (a / 60) % 6;
    }
    if (z > -0.85 * RZ) {
      return 13 + (int) (a / 90) % 4;
    }
    return 17;
  }

  /** The C-arm at time {@code t} s: AP, then from 20 s on, LAO 30. */
  public CArmGeometry carmAt(double t) {
    double alpha = t < 20 ? 0 : 30;
    return CArmGeometry.of(alpha, 0, SID, SOD, size, size, pixelSpacing, pixelSpacing);
  }

  /** The true pose T at time {@code t} s: breathing, 4 s period, 8 mm cranio-caudal and 2 mm antero-posterior. */
  public double[] poseAt(double t) {
    double b = Math.sin(2 * Math.PI * t / 4.0);
    return new double[] {1, 0, 0, 0, 0, 1, 0, 2 * b, 0, 0, 1, 8 * b, 0, 0, 0, 1};
  }

  /** The lead tip in model coordinates at time {@code t}: advancing 1 mm/s along the lateral wall, looping. */
  double[] leadTipAt(double t) {
    double z = RZ * 0.7 - (t % 40);
    double rr = RX * Math.sqrt(Math.max(0, 1 - (z / RZ) * (z / RZ))) + 1;
    return new double[] {rr * Math.cos(Math.toRadians(200)), rr * Math.sin(Math.toRadians(200)), z};
  }

  /** A frame at time {@code t}: uint16 detector values, row-major. */
  public short[] frameAt(double t) {
    CArmGeometry c = carmAt(t);
    double[] p = c.projectionMatrix();
    double[] pose = poseAt(t);
    double[] src = {c.source().x(), c.source().y(), c.source().z()};
    // ventricle centre in RAS
    double ox = pose[3];
    double oy = pose[7];
    double oz = pose[11];
    double[] inv = invert3(p);
    short[] out = new short[size * size];
    double[] tip = leadTipAt(t);
    double tx = tip[0] + ox;
    double ty = tip[1] + oy;
    double tz = tip[2] + oz;
    double tw = p[8] * tx + p[9] * ty + p[10] * tz + p[11];
    double tipU = (p[0] * tx + p[1] * ty + p[2] * tz + p[3]) / tw;
    double tipV = (p[4] * tx + p[5] * ty + p[6] * tz + p[7]) / tw;
    for (int v = 0; v < size; v++) {
      for (int u = 0; u < size; u++) {
        double dx = inv[0] * u + inv[1] * v + inv[2];
        double dy = inv[3] * u + inv[4] * v + inv[5];
        double dz = inv[6] * u + inv[7] * v + inv[8];
        double chord = chord(src[0] - ox, src[1] - oy, src[2] - oz, dx, dy, dz);
        double value = 3000 + 300 * Math.sin(u * 0.02) - 18 * chord;
        double du = u - tipU;
        double dv = v - tipV;
        if (du * du + dv * dv < 16) {
          value -= 1500;
        }
        out[v * size + u] = (short) Math.max(0, Math.min(4095, value));
      }
    }
    return out;
  }

  /** Length of the ray (origin relative to the ellipsoid centre, direction d) inside the ellipsoid, mm. */
  private static double chord(double sx, double sy, double sz, double dx, double dy, double dz) {
    double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
    dx /= n;
    dy /= n;
    dz /= n;
    double a = dx * dx / (RX * RX) + dy * dy / (RY * RY) + dz * dz / (RZ * RZ);
    double b = 2 * (sx * dx / (RX * RX) + sy * dy / (RY * RY) + sz * dz / (RZ * RZ));
    double cc = sx * sx / (RX * RX) + sy * sy / (RY * RY) + sz * sz / (RZ * RZ) - 1;
    double disc = b * b - 4 * a * cc;
    return disc <= 0 ? 0 : Math.sqrt(disc) / a;
  }

  private static double[] invert3(double[] p) {
    double a = p[0], b = p[1], c = p[2], d = p[4], e = p[5], f = p[6], g = p[8], h = p[9], k = p[10];
    double det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
    return new double[] {
      (e * k - f * h) / det, (c * h - b * k) / det, (b * f - c * e) / det,
      (f * g - d * k) / det, (a * k - c * g) / det, (c * d - a * f) / det,
      (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det
    };
  }
}
