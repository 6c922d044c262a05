package cathnav.core.service;

import cathnav.gpu.Projection;

/**
 * Whether two frames were taken in the same view: same detector size and the same {@code P} up to
 * {@link #TOLERANCE} relative to its largest entry. A moved C-arm (angles, SID, table) changes {@code P}. Reads the
 * matrices in place (no copies): safe on the hot path. Stateless.
 */
final class ViewChange {

  /** Largest difference of a {@code P} entry, relative to the largest entry, still taken as the same view. */
  static final double TOLERANCE = 1e-6;

  private ViewChange() {}

  /** True when {@code a} and {@code b} are different views; a null {@code a} (no earlier view) counts as the same. */
  static boolean changed(Projection a, Projection b) {
    if (a == null || a == b) {
      return false;
    }
    if (a.width() != b.width() || a.height() != b.height()) {
      return true;
    }
    double scale = 0;
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        scale = Math.max(scale, Math.abs(a.get(r, c)));
      }
    }
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        if (Math.abs(a.get(r, c) - b.get(r, c)) > TOLERANCE * scale) {
          return true;
        }
      }
    }
    return false;
  }
}
