package cathnav.core.overlay;

/**
 * The viewing ray of a detector pixel, in model coordinates: {@code X(s) = C + s d}, s &gt; 0 towards the detector,
 * where {@code C} is the source and {@code P T X(s)} projects to the pixel. Derived from {@code PT = [M | p4]}:
 * {@code C = -M^-1 p4}, {@code d = M^-1 (u, v, 1)}.
 */
final class TipRay {

  private final double cx;
  private final double cy;
  private final double cz;
  private final double dx;
  private final double dy;
  private final double dz;

  private TipRay(double cx, double cy, double cz, double dx, double dy, double dz) {
    this.cx = cx;
    this.cy = cy;
    this.cz = cz;
    double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
    this.dx = dx / n;
    this.dy = dy / n;
    this.dz = dz / n;
  }

  /** The ray through pixel (u, v) for the 3x4 {@code pt}; null when {@code pt}'s left 3x3 is singular. */
  static TipRay through(double[] pt, double u, double v) {
    double a = pt[0], b = pt[1], c = pt[2];
    double d = pt[4], e = pt[5], f = pt[6];
    double g = pt[8], h = pt[9], k = pt[10];
    double det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
    if (Math.abs(det) < 1e-12) {
      return null;
    }
    double[] inv = {
      (e * k - f * h) / det, (c * h - b * k) / det, (b * f - c * e) / det,
      (f * g - d * k) / det, (a * k - c * g) / det, (c * d - a * f) / det,
      (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det
    };
    double p0 = pt[3], p1 = pt[7], p2 = pt[11];
    double cx = -(inv[0] * p0 + inv[1] * p1 + inv[2] * p2);
    double cy = -(inv[3] * p0 + inv[4] * p1 + inv[5] * p2);
    double cz = -(inv[6] * p0 + inv[7] * p1 + inv[8] * p2);
    double dx = inv[0] * u + inv[1] * v + inv[2];
    double dy = inv[3] * u + inv[4] * v + inv[5];
    double dz = inv[6] * u + inv[7] * v + inv[8];
    return new TipRay(cx, cy, cz, dx, dy, dz);
  }

  /** The source (ray origin), model RAS mm. */
  double originX() {
    return cx;
  }

  double originY() {
    return cy;
  }

  double originZ() {
    return cz;
  }

  /** Unit direction, source towards the detector. */
  double dirX() {
    return dx;
  }

  double dirY() {
    return dy;
  }

  double dirZ() {
    return dz;
  }

  /** Segment of the first (nearest the source) triangle the ray crosses; 0 when it misses every labelled one. */
  int firstSegmentHit(GuidanceMesh mesh) {
    double best = Double.POSITIVE_INFINITY;
    int segment = 0;
    for (int t = 0; t < mesh.triangleCount(); t++) {
      double s = intersect(mesh, t);
      if (s > 0 && s < best) {
        best = s;
        segment = mesh.segment(t);
      }
    }
    return segment;
  }

  /** Möller-Trumbore: the ray parameter of the hit with triangle t (mm from the source), or -1 for a miss. */
  private double intersect(GuidanceMesh m, int t) {
    int i0 = m.corner(t, 0);
    int i1 = m.corner(t, 1);
    int i2 = m.corner(t, 2);
    double ax = m.vertex(i0, 0), ay = m.vertex(i0, 1), az = m.vertex(i0, 2);
    double e1x = m.vertex(i1, 0) - ax, e1y = m.vertex(i1, 1) - ay, e1z = m.vertex(i1, 2) - az;
    double e2x = m.vertex(i2, 0) - ax, e2y = m.vertex(i2, 1) - ay, e2z = m.vertex(i2, 2) - az;
    double px = dy * e2z - dz * e2y;
    double py = dz * e2x - dx * e2z;
    double pz = dx * e2y - dy * e2x;
    double det = e1x * px + e1y * py + e1z * pz;
    if (Math.abs(det) < 1e-12) {
      return -1;
    }
    double inv = 1 / det;
    double tx = cx - ax, ty = cy - ay, tz = cz - az;
    double u = (tx * px + ty * py + tz * pz) * inv;
    if (u < 0 || u > 1) {
      return -1;
    }
    double qx = ty * e1z - tz * e1y;
    double qy = tz * e1x - tx * e1z;
    double qz = tx * e1y - ty * e1x;
    double v = (dx * qx + dy * qy + dz * qz) * inv;
    if (v < 0 || u + v > 1) {
      return -1;
    }
    return (e2x * qx + e2y * qy + e2z * qz) * inv;
  }
}
