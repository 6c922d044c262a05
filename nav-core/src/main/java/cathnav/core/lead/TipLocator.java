package cathnav.core.lead;

/**
 * Places the tip of a traced wire to sub-pixel precision from the image itself, not from where the trace happened to
 * stop (the valley filter fades before a wire's end, and a tip electrode is a compact blob that it scores low).
 *
 * <p>Along the last {@value #BACK_PX} pixels of the centreline and on along its direction for up to
 * {@value #AHEAD_PX} pixels, the wire's darkness is measured in the log image as its depth below both sides (at
 * {@value #SIDE_PX} pixels across). The reference is the darkest point near the end (a tip electrode where there is
 * one, the wire's body otherwise); the wire ends where the darkness falls to half of it, and the tip, the centre of
 * the wire's rounded end, lies the wire's half-width (measured across at the reference point, at half depth) back
 * from there.
 *
 * <p>Stateless apart from scratch arrays; one instance per {@link LeadDetector}.
 */
final class TipLocator {

  static final int BACK_PX = 16;
  static final int AHEAD_PX = 12;
  static final double SIDE_PX = 5;
  private static final double STEP = 0.5;
  static final double ELECTRODE_GAP_PX = 6;

  /**
   * @param map the frame's ridge map (its {@link RidgeMap#logImage})
   * @param ordered centreline {@code u, v} pairs, tip last, about a pixel apart
   * @return {@code {u, v}} of the refined tip; the trace's end when the profile is too weak to measure
   */
  double[] locate(RidgeMap map, float[] ordered) {
    int n = ordered.length / 2;
    double endU = ordered[2 * n - 2];
    double endV = ordered[2 * n - 1];
    int back = Math.min(n - 1, 6);
    if (back < 2) {
      return new double[] {endU, endV};
    }
    double du = endU - ordered[2 * (n - 1 - back)];
    double dv = endV - ordered[2 * (n - 1 - back) + 1];
    double len = Math.hypot(du, dv);
    if (len < 1e-6) {
      return new double[] {endU, endV};
    }
    du /= len;
    dv /= len;
    // the profile: points along the trace from BACK_PX before its end, then straight on beyond it
    int backPoints = Math.min(n - 1, BACK_PX);
    int ahead = (int) (AHEAD_PX / STEP);
    int m = backPoints + 1 + ahead;
    double[] pu = new double[m];
    double[] pv = new double[m];
    double[] depth = new double[m];
    for (int k = 0; k <= backPoints; k++) {
      int idx = n - 1 - backPoints + k;
      pu[k] = ordered[2 * idx];
      pv[k] = ordered[2 * idx + 1];
    }
    for (int j = 1; j <= ahead; j++) {
      pu[backPoints + j] = endU + j * STEP * du;
      pv[backPoints + j] = endV + j * STEP * dv;
    }
    for (int k = 0; k < m; k++) {
      depth[k] = depthAt(map, pu[k], pv[k], -dv, du);
    }
    // the darkest point of the last part of the trace (not beyond it: that could be another structure)
    int ref = 0;
    for (int k = 1; k <= backPoints; k++) {
      if (depth[k] > depth[ref]) {
        ref = k;
      }
    }
    double half = 0.5 * depth[ref];
    if (!(half > 0)) {
      return new double[] {endU, endV};
    }
    int last = ref;
    while (last + 1 < m && depth[last + 1] >= half) {
      last++;
    }
    double eu;
    double ev;
    if (last + 1 < m) {
      // interpolate the half-depth crossing between last and last + 1
      double f = (depth[last] - half) / Math.max(1e-12, depth[last] - depth[last + 1]);
      eu = pu[last] + f * (pu[last + 1] - pu[last]);
      ev = pv[last] + f * (pv[last + 1] - pv[last]);
    } else {
      eu = pu[last];
      ev = pv[last];
    }
    double radius = halfWidth(map, pu[ref], pv[ref], -dv, du);
    return new double[] {eu - radius * du, ev - radius * dv};
  }

  /**
   * The darkest depth (log units) of the wire within {@value #BACK_PX} pixels of one end of {@code path} or up to
   * {@value #ELECTRODE_GAP_PX} pixels beyond it along its direction: a tip electrode, where the end has one.
   */
  static double endDarkness(RidgeMap map, float[] path, boolean atEnd) {
    int n = path.length / 2;
    if (n < 3) {
      return 0;
    }
    int back = Math.min(n - 1, BACK_PX);
    int e = atEnd ? n - 1 : 0;
    int step = atEnd ? -1 : 1;
    int o = e + step * Math.min(6, n - 1);
    double du = path[2 * e] - path[2 * o];
    double dv = path[2 * e + 1] - path[2 * o + 1];
    double len = Math.hypot(du, dv);
    if (len < 1e-6) {
      return 0;
    }
    du /= len;
    dv /= len;
    double best = 0;
    for (int k = 0; k <= back; k++) {
      int idx = e + step * k;
      best = Math.max(best, depthAt(map, path[2 * idx], path[2 * idx + 1], -dv, du));
    }
    for (double a = STEP; a <= ELECTRODE_GAP_PX; a += STEP) {
      best = Math.max(best, depthAt(map, path[2 * e] + a * du, path[2 * e + 1] + a * dv, -dv, du));
    }
    return best;
  }

  /** Depth of the darkest valley across (u, v) along the normal (nu, nv): mean of both sides minus the centre. */
  private static double depthAt(RidgeMap map, double u, double v, double nu, double nv) {
    double c = map.sample(map.logImage, u, v);
    double a = map.sample(map.logImage, u + SIDE_PX * nu, v + SIDE_PX * nv);
    double b = map.sample(map.logImage, u - SIDE_PX * nu, v - SIDE_PX * nv);
    return Math.min(a, b) - c;
  }

  /** Half the width across the wire at half its depth, pixels, at (u, v) with normal (nu, nv). */
  private static double halfWidth(RidgeMap map, double u, double v, double nu, double nv) {
    double c = map.sample(map.logImage, u, v);
    double a = map.sample(map.logImage, u + SIDE_PX * nu, v + SIDE_PX * nv);
    double b = map.sample(map.logImage, u - SIDE_PX * nu, v - SIDE_PX * nv);
    double width = 0;
    for (int sign = -1; sign <= 1; sign += 2) {
      double side = sign > 0 ? a : b;
      double level = c + 0.5 * (side - c);
      double o = 0;
      while (o < SIDE_PX && map.sample(map.logImage, u + sign * o * nu, v + sign * o * nv) < level) {
        o += 0.25;
      }
      width += o;
    }
    return 0.5 * width;
  }
}
