package cathnav.core.overlay;

import java.util.Arrays;

/** Douglas-Peucker simplification of closed polygons given as interleaved {@code u, v} pixels. */
final class PolygonSimplifier {

  private PolygonSimplifier() {}

  /**
   * Keeps the vertices needed so that no dropped vertex lies farther than {@code tolerance} pixels from the
   * simplified outline. The first vertex and the vertex farthest from it are always kept.
   */
  static float[] simplifyClosed(float[] uv, double tolerance) {
    int n = uv.length / 2;
    if (n <= 3 || tolerance <= 0) {
      return uv;
    }
    int far = 0;
    double farDist = -1;
    for (int i = 1; i < n; i++) {
      double du = uv[2 * i] - uv[0];
      double dv = uv[2 * i + 1] - uv[1];
      double d = du * du + dv * dv;
      if (d > farDist) {
        farDist = d;
        far = i;
      }
    }
    boolean[] keep = new boolean[n + 1];
    keep[0] = true;
    keep[far] = true;
    keep[n] = true;
    int[] stack = new int[2 * (n + 1)];
    int top = 0;
    stack[top++] = 0;
    stack[top++] = far;
    stack[top++] = far;
    stack[top++] = n;
    double tol2 = tolerance * tolerance;
    while (top > 0) {
      int b = stack[--top];
      int a = stack[--top];
      double au = uv[2 * (a % n)];
      double av = uv[2 * (a % n) + 1];
      double bu = uv[2 * (b % n)];
      double bv = uv[2 * (b % n) + 1];
      double eu = bu - au;
      double ev = bv - av;
      double len2 = eu * eu + ev * ev;
      int worst = -1;
      double worstDist = tol2;
      for (int i = a + 1; i < b; i++) {
        double pu = uv[2 * i] - au;
        double pv = uv[2 * i + 1] - av;
        double d;
        if (len2 == 0) {
          d = pu * pu + pv * pv;
        } else {
          double cross = pu * ev - pv * eu;
          d = cross * cross / len2;
        }
        if (d > worstDist) {
          worstDist = d;
          worst = i;
        }
      }
      if (worst >= 0) {
        keep[worst] = true;
        stack[top++] = a;
        stack[top++] = worst;
        stack[top++] = worst;
        stack[top++] = b;
      }
    }
    float[] out = new float[2 * n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        out[2 * m] = uv[2 * i];
        out[2 * m + 1] = uv[2 * i + 1];
        m++;
      }
    }
    return Arrays.copyOf(out, 2 * m);
  }
}
