package cathnav.core.registration;

import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;

/**
 * The registration's search parameters: a small rigid motion expressed in axes aligned with the ray through the
 * model centre, applied after a base pose {@code T0}. With {@code c0 = T0 centre} and {@code w} the unit direction
 * from the source to {@code c0}, {@code u'} and {@code v'} are the detector u and v axes made orthogonal to
 * {@code w}. Parameters {@code (a, b, c, wu, wv, wb)}: translation {@code a u' + b v' + c w} (mm) and rotation
 * vector {@code wu u' + wv v' + wb w} (degrees) about {@code c0}. Moving along {@code w} keeps the centre's
 * projection fixed, so depth (which a single view shows only through magnification) is decoupled from the
 * well-seen in-plane motion.
 *
 * <p>{@code T(p) = Tr(c0 + t) Rot(w) Tr(-c0) T0}. Immutable.
 */
final class ViewAlignedPose {

  private final RigidTransform base;
  private final Vec3 c0;
  private final Vec3 u;
  private final Vec3 v;
  private final Vec3 w;

  ViewAlignedPose(RigidTransform base, Vec3 modelCentre, ProjectionGeometry view) {
    this.base = base;
    this.c0 = base.apply(modelCentre);
    this.w = c0.minus(view.source()).normalized();
    Vec3 du = view.uAxis();
    this.u = du.minus(w.times(du.dot(w))).normalized();
    Vec3 dv = view.vAxis();
    this.v = dv.minus(w.times(dv.dot(w))).minus(u.times(dv.dot(u))).normalized();
  }

  /** The pose of parameters {@code p} (6 values: mm, mm, mm, deg, deg, deg). */
  RigidTransform transform(double[] p) {
    double[] m = new double[16];
    write(p, m, 0);
    return new RigidTransform(m);
  }

  /** Writes the row-major 4x4 of {@code T(p)} into {@code out[offset .. offset + 16)}. */
  void write(double[] p, double[] out, int offset) {
    Vec3 t = u.times(p[0]).plus(v.times(p[1])).plus(w.times(p[2]));
    Vec3 axis = u.times(p[3]).plus(v.times(p[4])).plus(w.times(p[5])).times(Math.PI / 180);
    double angle = axis.norm();
    double[] r = rotation(axis, angle);
    double[] b = base.matrix();
    // delta = [r | c0 + t - r c0]; out = delta * base
    double[] dt = {
      c0.x() + t.x() - (r[0] * c0.x() + r[1] * c0.y() + r[2] * c0.z()),
      c0.y() + t.y() - (r[3] * c0.x() + r[4] * c0.y() + r[5] * c0.z()),
      c0.z() + t.z() - (r[6] * c0.x() + r[7] * c0.y() + r[8] * c0.z())
    };
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 4; col++) {
        double s = r[row * 3] * b[col] + r[row * 3 + 1] * b[4 + col] + r[row * 3 + 2] * b[8 + col];
        if (col == 3) {
          s += dt[row];
        }
        out[offset + row * 4 + col] = s;
      }
    }
    out[offset + 12] = 0;
    out[offset + 13] = 0;
    out[offset + 14] = 0;
    out[offset + 15] = 1;
  }

  /** Rodrigues' formula, row-major 3x3. */
  private static double[] rotation(Vec3 axis, double angle) {
    if (angle < 1e-12) {
      return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }
    Vec3 k = axis.times(1 / angle);
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double t = 1 - c;
    double x = k.x();
    double y = k.y();
    double z = k.z();
    return new double[] {
      t * x * x + c, t * x * y - s * z, t * x * z + s * y,
      t * x * y + s * z, t * y * y + c, t * y * z - s * x,
      t * x * z - s * y, t * y * z + s * x, t * z * z + c
    };
  }
}
