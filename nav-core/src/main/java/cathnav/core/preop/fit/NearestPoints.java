package cathnav.core.preop.fit;

/**
 * Nearest-neighbour queries over a fixed point set (mm): an implicit, balanced k-d tree (each sub-range's median
 * splits it on the axis of largest spread). Immutable after construction and safe to query from several threads.
 */
public final class NearestPoints {

  private static final int LEAF = 8;

  /** Points in tree order, packed {@code x, y, z}. */
  private final double[] xyz;
  /** The original index of each point in tree order. */
  private final int[] original;
  /** Split axis of the node whose median sits at that position (ranges larger than a leaf only). */
  private final byte[] axis;

  /** Builds the tree over {@code points} (packed triples, at least one point); the array is not kept. */
  public NearestPoints(double[] points) {
    int n = points.length / 3;
    if (n == 0 || points.length % 3 != 0) {
      throw new IllegalArgumentException("need at least one point (packed triples), length=" + points.length);
    }
    xyz = points.clone();
    original = new int[n];
    for (int i = 0; i < n; i++) {
      original[i] = i;
    }
    axis = new byte[n];
    build(0, n);
  }

  public int size() {
    return original.length;
  }

  private void build(int lo, int hi) {
    while (hi - lo > LEAF) {
      double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
      double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
      for (int i = lo; i < hi; i++) {
        for (int a = 0; a < 3; a++) {
          min[a] = Math.min(min[a], xyz[3 * i + a]);
          max[a] = Math.max(max[a], xyz[3 * i + a]);
        }
      }
      int ax = 0;
      for (int a = 1; a < 3; a++) {
        if (max[a] - min[a] > max[ax] - min[ax]) {
          ax = a;
        }
      }
      int mid = (lo + hi) >>> 1;
      select(lo, hi - 1, mid, ax);
      axis[mid] = (byte) ax;
      build(lo, mid);
      lo = mid + 1;
    }
  }

  /** Quickselect: puts the k-th smallest (on {@code ax}) at {@code k}, smaller before, larger after. */
  private void select(int lo, int hi, int k, int ax) {
    while (hi > lo) {
      double pivot = xyz[3 * ((lo + hi) >>> 1) + ax];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (xyz[3 * i + ax] < pivot) {
          i++;
        }
        while (xyz[3 * j + ax] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(i++, j--);
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  private void swap(int a, int b) {
    for (int c = 0; c < 3; c++) {
      double t = xyz[3 * a + c];
      xyz[3 * a + c] = xyz[3 * b + c];
      xyz[3 * b + c] = t;
    }
    int t = original[a];
    original[a] = original[b];
    original[b] = t;
  }

  /**
   * The nearest point to {@code (x, y, z)}: writes its coordinates to {@code out[offset..offset+2]} and returns its
   * squared distance (mm²).
   */
  public double nearest(double x, double y, double z, double[] out, int offset) {
    double[] best = {Double.MAX_VALUE};
    int[] bestIndex = {-1};
    search(0, original.length, x, y, z, best, bestIndex);
    int b = bestIndex[0];
    out[offset] = xyz[3 * b];
    out[offset + 1] = xyz[3 * b + 1];
    out[offset + 2] = xyz[3 * b + 2];
    return best[0];
  }

  /** The distance (mm) from {@code (x, y, z)} to the nearest point. */
  public double distance(double x, double y, double z) {
    double[] tmp = new double[3];
    return Math.sqrt(nearest(x, y, z, tmp, 0));
  }

  private void search(int lo, int hi, double x, double y, double z, double[] best, int[] bestIndex) {
    if (hi - lo <= LEAF) {
      for (int i = lo; i < hi; i++) {
        double dx = xyz[3 * i] - x;
        double dy = xyz[3 * i + 1] - y;
        double dz = xyz[3 * i + 2] - z;
        double d = dx * dx + dy * dy + dz * dz;
        if (d < best[0]) {
          best[0] = d;
          bestIndex[0] = i;
        }
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    int ax = axis[mid];
    double q = ax == 0 ? x : ax == 1 ? y : z;
    double diff = q - xyz[3 * mid + ax];
    double dx = xyz[3 * mid] - x;
    double dy = xyz[3 * mid + 1] - y;
    double dz = xyz[3 * mid + 2] - z;
    double d = dx * dx + dy * dy + dz * dz;
    if (d < best[0]) {
      best[0] = d;
      bestIndex[0] = mid;
    }
    if (diff < 0) {
      search(lo, mid, x, y, z, best, bestIndex);
      if (diff * diff < best[0]) {
        search(mid + 1, hi, x, y, z, best, bestIndex);
      }
    } else {
      search(mid + 1, hi, x, y, z, best, bestIndex);
      if (diff * diff < best[0]) {
        search(lo, mid, x, y, z, best, bestIndex);
      }
    }
  }
}
