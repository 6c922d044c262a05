package cathnav.core.anatomy;

import java.util.Arrays;

/**
 * A uniform hash grid over a point set for fixed-radius neighbour queries. Immutable after construction and safe
 * to query from several threads.
 */
final class PointGrid {

  private final float[] points;
  private final double cell;
  private final double[] min;
  private final int[] dims;
  private final int[] cellStart;
  private final int[] order;

  /** Builds the grid over {@code points} ({@code x, y, z} triples, mm) with cubic cells of {@code cell} mm. */
  PointGrid(float[] points, double cell) {
    this.points = points;
    int n = points.length / 3;
    min = new double[] {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < 3; a++) {
        min[a] = Math.min(min[a], points[3 * i + a]);
        max[a] = Math.max(max[a], points[3 * i + a]);
      }
    }
    double extent = 0;
    for (int a = 0; a < 3; a++) {
      extent = Math.max(extent, n == 0 ? 0 : max[a] - min[a]);
    }
    // at most 256 cells along an axis: coarser cells for sparse, wide point sets
    this.cell = Math.max(cell, extent / 256);
    dims = new int[3];
    for (int a = 0; a < 3; a++) {
      dims[a] = n == 0 ? 1 : (int) Math.floor((max[a] - min[a]) / this.cell) + 1;
    }
    int cells = dims[0] * dims[1] * dims[2];
    int[] count = new int[cells + 1];
    int[] cellOf = new int[n];
    for (int i = 0; i < n; i++) {
      cellOf[i] = cellIndex(points[3 * i], points[3 * i + 1], points[3 * i + 2]);
      count[cellOf[i] + 1]++;
    }
    for (int c = 0; c < cells; c++) {
      count[c + 1] += count[c];
    }
    cellStart = count.clone();
    order = new int[n];
    int[] fill = Arrays.copyOf(count, cells);
    for (int i = 0; i < n; i++) {
      order[fill[cellOf[i]]++] = i;
    }
  }

  private int clampCell(double v, int a) {
    int c = (int) Math.floor((v - min[a]) / cell);
    return Math.max(0, Math.min(dims[a] - 1, c));
  }

  private int cellIndex(double x, double y, double z) {
    return (clampCell(z, 2) * dims[1] + clampCell(y, 1)) * dims[0] + clampCell(x, 0);
  }

  /** The distance from (x, y, z) to the nearest grid point if it is within {@code radius}, else infinity. */
  double nearestWithin(double x, double y, double z, double radius) {
    int reach = (int) Math.ceil(radius / cell);
    int cx = (int) Math.floor((x - min[0]) / cell);
    int cy = (int) Math.floor((y - min[1]) / cell);
    int cz = (int) Math.floor((z - min[2]) / cell);
    double best = radius * radius;
    boolean found = false;
    for (int k = Math.max(0, cz - reach); k <= Math.min(dims[2] - 1, cz + reach); k++) {
      for (int j = Math.max(0, cy - reach); j <= Math.min(dims[1] - 1, cy + reach); j++) {
        for (int i = Math.max(0, cx - reach); i <= Math.min(dims[0] - 1, cx + reach); i++) {
          int c = (k * dims[1] + j) * dims[0] + i;
          for (int p = cellStart[c]; p < cellStart[c + 1]; p++) {
            int q = order[p];
            double dx = points[3 * q] - x;
            double dy = points[3 * q + 1] - y;
            double dz = points[3 * q + 2] - z;
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 <= best) {
              best = d2;
              found = true;
            }
          }
        }
      }
    }
    return found ? Math.sqrt(best) : Double.POSITIVE_INFINITY;
  }
}
