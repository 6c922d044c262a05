package cathnav.sim.device;

import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import java.util.List;

/**
 * Adds the exact line integrals of radio-opaque devices to a DRR, analytically per pixel.
 *
 * <p>Each tube segment is a flat-capped cylinder; for the ray from the source through a pixel centre the chord
 * through the infinite cylinder is {@code 2 sqrt(r^2 - d^2) / sin(theta)} (d: distance between ray and axis, theta:
 * angle between them), clipped to the part whose axial coordinate lies on the segment. Balls add
 * {@code 2 sqrt(r^2 - d^2)}. Only pixels inside the projected bounding box of each piece are visited, so the cost is
 * proportional to the device's projected area, not to the frame size.
 *
 * <p>Thread-safety: instances are immutable; {@link #add} writes only to its {@code out} argument.
 */
public final class DeviceProjector {

  private final int width;
  private final int height;
  private final double[] p;
  private final double[] inv = new double[9];
  private final double cx;
  private final double cy;
  private final double cz;

  public DeviceProjector(ProjectionGeometry geometry) {
    this.width = geometry.projection().width();
    this.height = geometry.projection().height();
    this.p = geometry.normalizedMatrix();
    double a = p[0], b = p[1], c = p[2], d = p[4], e = p[5], f = p[6], g = p[8], h = p[9], i = p[10];
    double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    inv[0] = (e * i - f * h) / det;
    inv[1] = (c * h - b * i) / det;
    inv[2] = (b * f - c * e) / det;
    inv[3] = (f * g - d * i) / det;
    inv[4] = (a * i - c * g) / det;
    inv[5] = (c * d - a * f) / det;
    inv[6] = (d * h - e * g) / det;
    inv[7] = (b * g - a * h) / det;
    inv[8] = (a * e - b * d) / det;
    Vec3 source = geometry.source();
    cx = source.x();
    cy = source.y();
    cz = source.z();
  }

  /** Adds every device, moved by {@code pose} (model to RAS), into {@code out} (row-major line integrals). */
  public void add(List<RadioOpaqueDevice> devices, RigidTransform pose, float[] out) {
    for (RadioOpaqueDevice device : devices) {
      add(device, pose, out);
    }
  }

  /** Adds one device, moved by {@code pose}, into {@code out}. */
  public void add(RadioOpaqueDevice device, RigidTransform pose, float[] out) {
    for (Tube tube : device.tubes()) {
      List<Vec3> pts = tube.path().points();
      Vec3 prev = pose.apply(pts.get(0));
      for (int k = 1; k < pts.size(); k++) {
        Vec3 next = pose.apply(pts.get(k));
        addCylinder(prev, next, tube.radiusMm(), tube.mu(), out);
        prev = next;
      }
    }
    for (Sphere s : device.spheres()) {
      addSphere(pose.apply(s.centre()), s.radiusMm(), s.mu(), out);
    }
  }

  /** Adds one flat-capped cylinder from {@code a} to {@code b} (RAS mm). */
  void addCylinder(Vec3 a, Vec3 b, double r, double mu, float[] out) {
    int[] box = bounds(a, b, r);
    if (box == null) {
      return;
    }
    double len = a.distance(b);
    double ax = (b.x() - a.x()) / len;
    double ay = (b.y() - a.y()) / len;
    double az = (b.z() - a.z()) / len;
    double w0x = cx - a.x();
    double w0y = cy - a.y();
    double w0z = cz - a.z();
    double aw = ax * w0x + ay * w0y + az * w0z;
    double r2 = r * r;
    double[] d = new double[3];
    for (int v = box[2]; v <= box[3]; v++) {
      for (int u = box[0]; u <= box[1]; u++) {
        ray(u, v, d);
        double bb = d[0] * ax + d[1] * ay + d[2] * az;
        double dw = d[0] * w0x + d[1] * w0y + d[2] * w0z;
        double denom = 1 - bb * bb;
        double chord;
        if (denom < 1e-12) { // ray along the axis: inside the cylinder over the whole segment, or not at all
          double px = w0x - aw * ax;
          double py = w0y - aw * ay;
          double pz = w0z - aw * az;
          chord = px * px + py * py + pz * pz < r2 ? len : 0;
        } else {
          // n = d x a; distance between the lines = |w0 . n| / |n|, |n|^2 = denom
          double nx = d[1] * az - d[2] * ay;
          double ny = d[2] * ax - d[0] * az;
          double nz = d[0] * ay - d[1] * ax;
          double wn = w0x * nx + w0y * ny + w0z * nz;
          double dist2 = wn * wn / denom;
          if (dist2 >= r2) {
            continue;
          }
          double half = Math.sqrt((r2 - dist2) / denom); // half-chord along the ray
          double tc = (bb * aw - dw) / denom;
          double sc = aw + tc * bb; // axial coordinate of the chord's midpoint
          double spread = half * Math.abs(bb);
          if (spread < 1e-12) {
            chord = sc >= 0 && sc <= len ? 2 * half : 0;
          } else {
            double lo = Math.max(0, sc - spread);
            double hi = Math.min(len, sc + spread);
            chord = hi > lo ? (hi - lo) / Math.abs(bb) : 0;
          }
        }
        if (chord > 0) {
          out[v * width + u] += (float) (mu * chord);
        }
      }
    }
  }

  /** Adds one ball centred at {@code c} (RAS mm). */
  void addSphere(Vec3 c, double r, double mu, float[] out) {
    int[] box = bounds(c, c, r);
    if (box == null) {
      return;
    }
    double vx = c.x() - cx;
    double vy = c.y() - cy;
    double vz = c.z() - cz;
    double v2 = vx * vx + vy * vy + vz * vz;
    double r2 = r * r;
    double[] d = new double[3];
    for (int v = box[2]; v <= box[3]; v++) {
      for (int u = box[0]; u <= box[1]; u++) {
        ray(u, v, d);
        double proj = vx * d[0] + vy * d[1] + vz * d[2];
        double dist2 = v2 - proj * proj;
        if (dist2 < r2) {
          out[v * width + u] += (float) (mu * 2 * Math.sqrt(r2 - dist2));
        }
      }
    }
  }

  /** Unit direction from the source through pixel centre (u, v). */
  private void ray(int u, int v, double[] d) {
    double x = inv[0] * u + inv[1] * v + inv[2];
    double y = inv[3] * u + inv[4] * v + inv[5];
    double z = inv[6] * u + inv[7] * v + inv[8];
    double n = 1 / Math.sqrt(x * x + y * y + z * z);
    d[0] = x * n;
    d[1] = y * n;
    d[2] = z * n;
  }

  /**
   * Pixel box {@code {u0, u1, v0, v1}} (inclusive) holding the projection of the cubes of half-side {@code r} around
   * both end points (they enclose the cylinder, and a projection keeps convex hulls), clipped to the detector;
   * {@code null} when empty or behind the source.
   */
  private int[] bounds(Vec3 a, Vec3 b, double r) {
    double u0 = Double.POSITIVE_INFINITY;
    double u1 = Double.NEGATIVE_INFINITY;
    double v0 = Double.POSITIVE_INFINITY;
    double v1 = Double.NEGATIVE_INFINITY;
    for (Vec3 e : new Vec3[] {a, b}) {
      for (int corner = 0; corner < 8; corner++) {
        double x = e.x() + ((corner & 1) == 0 ? -r : r);
        double y = e.y() + ((corner & 2) == 0 ? -r : r);
        double z = e.z() + ((corner & 4) == 0 ? -r : r);
        double w = p[8] * x + p[9] * y + p[10] * z + p[11];
        if (!(w > 1e-6)) {
          return null;
        }
        double u = (p[0] * x + p[1] * y + p[2] * z + p[3]) / w;
        double v = (p[4] * x + p[5] * y + p[6] * z + p[7]) / w;
        u0 = Math.min(u0, u);
        u1 = Math.max(u1, u);
        v0 = Math.min(v0, v);
        v1 = Math.max(v1, v);
      }
    }
    int iu0 = (int) Math.max(0, Math.floor(u0));
    int iu1 = (int) Math.min(width - 1, Math.ceil(u1));
    int iv0 = (int) Math.max(0, Math.floor(v0));
    int iv1 = (int) Math.min(height - 1, Math.ceil(v1));
    return iu0 > iu1 || iv0 > iv1 ? null : new int[] {iu0, iu1, iv0, iv1};
  }
}
