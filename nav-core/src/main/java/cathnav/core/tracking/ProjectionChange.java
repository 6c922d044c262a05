package cathnav.core.tracking;

import cathnav.gpu.Projection;

/** Whether two frames were taken with the same C-arm geometry (a moved C-arm invalidates 2D tracking). */
final class ProjectionChange {

  /** Largest relative difference of P entries still taken as the same geometry. */
  static final double TOLERANCE = 1e-6;

  private ProjectionChange() {}

  static boolean changed(Projection a, Projection b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      return true;
    }
    double[] p = a.matrix();
    double[] q = b.matrix();
    double scale = 0;
    for (double x : p) {
      scale = Math.max(scale, Math.abs(x));
    }
    for (int i = 0; i < 12; i++) {
      if (Math.abs(p[i] - q[i]) > TOLERANCE * scale) {
        return true;
      }
    }
    return false;
  }
}
