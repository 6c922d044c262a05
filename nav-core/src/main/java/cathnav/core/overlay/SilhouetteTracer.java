package cathnav.core.overlay;

import java.util.Arrays;

/**
 * The outline of the union of projected triangles: triangles are rasterised into a coverage grid of
 * {@code cellSize x cellSize}-pixel cells over the frame, the largest 8-connected region is found, and its outer
 * boundary is traced (Moore neighbour tracing) and simplified (Douglas-Peucker). Holes are ignored: the outline is
 * the region's outer edge.
 *
 * <p>Accuracy: the outline runs through the centres of the region's boundary cells, so it lies within one cell of
 * the true outline, plus the simplification tolerance. Parts outside the frame are clipped to it.
 *
 * <p>Thread-safety: none; one tracer per pipeline thread (it reuses its grid between frames).
 */
public final class SilhouetteTracer {

  // clockwise on screen (v down): W, NW, N, NE, E, SE, S, SW
  private static final int[] DX = {-1, -1, 0, 1, 1, 1, 0, -1};
  private static final int[] DY = {0, -1, -1, -1, 0, 1, 1, 1};

  private final int width;
  private final int height;
  private final int cellSize;
  private final int gw;
  private final int gh;
  private final byte[] mask;
  private final int[] labels;
  private final int[] stack;
  private final double tolerance;

  /**
   * @param width frame width, pixels
   * @param height frame height, pixels
   * @param cellSize grid cell edge, pixels (1 for full resolution)
   * @param tolerance simplification tolerance, pixels
   */
  public SilhouetteTracer(int width, int height, int cellSize, double tolerance) {
    if (width <= 0 || height <= 0 || cellSize <= 0 || tolerance < 0) {
      throw new IllegalArgumentException(String.format(
          "invalid tracer, width=%d, height=%d, cellSize=%d, tolerance=%f", width, height, cellSize, tolerance));
    }
    this.width = width;
    this.height = height;
    this.cellSize = cellSize;
    this.tolerance = tolerance;
    // one empty cell of border on every side, so tracing never leaves the grid
    this.gw = (width + cellSize - 1) / cellSize + 2;
    this.gh = (height + cellSize - 1) / cellSize + 2;
    this.mask = new byte[gw * gh];
    this.labels = new int[gw * gh];
    this.stack = new int[gw * gh];
  }

  /** The cell size for a frame: cells of about 2 pixels up to 512 px, 4 above. */
  public static int defaultCellSize(int width, int height) {
    return Math.max(1, Math.max(width, height) / 256);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Clears the coverage grid. */
  public void clear() {
    Arrays.fill(mask, (byte) 0);
  }

  /**
   * Marks the cells whose centres lie inside triangle (u0,v0), (u1,v1), (u2,v2) (pixels), and the cells holding its
   * corners, so slivers smaller than a cell still cover something.
   */
  public void addTriangle(float u0, float v0, float u1, float v1, float u2, float v2) {
    if (!(Float.isFinite(u0) && Float.isFinite(v0) && Float.isFinite(u1) && Float.isFinite(v1)
        && Float.isFinite(u2) && Float.isFinite(v2))) {
      return;
    }
    mark(u0, v0);
    mark(u1, v1);
    mark(u2, v2);
    // grid coordinates: cell (gx, gy) (without border) has its centre at pixel gx*cell + (cell-1)/2
    double half = (cellSize - 1) / 2.0;
    double x0 = (u0 - half) / cellSize;
    double y0 = (v0 - half) / cellSize;
    double x1 = (u1 - half) / cellSize;
    double y1 = (v1 - half) / cellSize;
    double x2 = (u2 - half) / cellSize;
    double y2 = (v2 - half) / cellSize;
    int minX = Math.max(0, (int) Math.ceil(Math.min(x0, Math.min(x1, x2))));
    int maxX = Math.min(gw - 3, (int) Math.floor(Math.max(x0, Math.max(x1, x2))));
    int minY = Math.max(0, (int) Math.ceil(Math.min(y0, Math.min(y1, y2))));
    int maxY = Math.min(gh - 3, (int) Math.floor(Math.max(y0, Math.max(y1, y2))));
    if (minX > maxX || minY > maxY) {
      return;
    }
    double area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
    if (area == 0) {
      return;
    }
    double sign = Math.signum(area);
    for (int y = minY; y <= maxY; y++) {
      int row = (y + 1) * gw + 1;
      for (int x = minX; x <= maxX; x++) {
        double e0 = ((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)) * sign;
        double e1 = ((x2 - x1) * (y - y1) - (y2 - y1) * (x - x1)) * sign;
        double e2 = ((x0 - x2) * (y - y2) - (y0 - y2) * (x - x2)) * sign;
        if (e0 >= 0 && e1 >= 0 && e2 >= 0) {
          mask[row + x] = 1;
        }
      }
    }
  }

  private void mark(float u, float v) {
    int gx = (int) Math.floor(u / cellSize);
    int gy = (int) Math.floor(v / cellSize);
    if (u >= 0 && v >= 0 && gx < gw - 2 && gy < gh - 2) {
      mask[(gy + 1) * gw + gx + 1] = 1;
    }
  }

  /** Number of covered cells. */
  public int coveredCells() {
    int n = 0;
    for (byte b : mask) {
      n += b;
    }
    return n;
  }

  /**
   * Traces the outer boundary of the largest covered region.
   *
   * @return the outline as interleaved {@code u, v} pixels, clockwise on screen; an empty array when nothing is
   *     covered, and a single cell's centre for a one-cell region
   */
  public float[] outline() {
    int start = largestRegionStart();
    if (start < 0) {
      return new float[0];
    }
    int label = labels[start];
    int[] path = new int[64];
    int n = 0;
    path[n++] = start;
    // the start is the region's first cell in row-major order: its west neighbour is outside
    int cur = start;
    int backtrack = 0;
    int firstMove = -1;
    int limit = 4 * gw * gh;
    for (int steps = 0; steps < limit; steps++) {
      int next = -1;
      int dir = -1;
      for (int k = 1; k <= 8; k++) {
        int d = (backtrack + k) & 7;
        int cand = cur + DY[d] * gw + DX[d];
        if (labels[cand] == label) {
          next = cand;
          dir = d;
          break;
        }
      }
      if (next < 0) {
        break; // a single isolated cell
      }
      if (cur == start && next == firstMove) {
        break; // back at the start, about to repeat the first move: closed (Jacob's criterion)
      }
      if (firstMove < 0) {
        firstMove = next;
      }
      // the new backtrack points from next to the last outside cell examined, (dir - 1) around cur
      int outside = cur + DY[(dir + 7) & 7] * gw + DX[(dir + 7) & 7];
      backtrack = direction(outside - next);
      cur = next;
      if (n == path.length) {
        path = Arrays.copyOf(path, n * 2);
      }
      path[n++] = cur;
    }
    if (n > 1 && path[n - 1] == start) {
      n--;
    }
    float[] uv = new float[2 * n];
    double half = (cellSize - 1) / 2.0;
    for (int i = 0; i < n; i++) {
      int gx = path[i] % gw - 1;
      int gy = path[i] / gw - 1;
      uv[2 * i] = (float) (gx * cellSize + half);
      uv[2 * i + 1] = (float) (gy * cellSize + half);
    }
    return PolygonSimplifier.simplifyClosed(uv, tolerance);
  }

  private int direction(int offset) {
    for (int d = 0; d < 8; d++) {
      if (DY[d] * gw + DX[d] == offset) {
        return d;
      }
    }
    throw new IllegalStateException("not a neighbour offset, offset=" + offset);
  }

  /** Labels 8-connected regions; returns the first (row-major) cell of the largest, or -1 if none. */
  private int largestRegionStart() {
    Arrays.fill(labels, 0);
    int best = -1;
    int bestSize = 0;
    int next = 1;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] == 0 || labels[i] != 0) {
        continue;
      }
      int label = next++;
      int size = 0;
      int top = 0;
      stack[top++] = i;
      labels[i] = label;
      while (top > 0) {
        int c = stack[--top];
        size++;
        for (int d = 0; d < 8; d++) {
          int nb = c + DY[d] * gw + DX[d];
          if (mask[nb] != 0 && labels[nb] == 0) {
            labels[nb] = label;
            stack[top++] = nb;
          }
        }
      }
      if (size > bestSize) {
        bestSize = size;
        best = i;
      }
    }
    return best;
  }
}
