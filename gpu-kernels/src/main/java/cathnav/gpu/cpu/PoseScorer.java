package cathnav.gpu.cpu;

import cathnav.gpu.Projection;
import cathnav.gpu.SimilarityMetric;

/**
 * Batched pose scoring on the java backend. The work is a grid of (pose, row band) items over the
 * {@link WorkerPool}: NCC renders and correlates each band in one pass (the DRR is never stored); gradient
 * correlation renders every pose's DRR into scratch memory, then takes Sobel gradients and correlates them band by
 * band. Statistics are accumulated in float64 per band, then reduced per pose.
 *
 * <p>NCC of a DRR {@code d} with the target {@code t} over the mask:
 * {@code sum(d * t') / sqrt((sum(d^2) - sum(d)^2 / n) * sum(t'^2))} with {@code t' = t - mean(t)}; 0 when either
 * image is constant over the mask. Gradient correlation is the mean of that NCC for the u and the v gradients.
 *
 * <p>Not thread-safe: owned by the backend's thread; the scratch buffers are reused between calls.
 */
final class PoseScorer {

  /** Detector rows per work item. */
  static final int BAND_ROWS = 4;

  /** Scratch budget for stored DRRs (gradient correlation), floats; batches beyond it run in chunks of poses. */
  private static final long SCRATCH_FLOATS = 32L * 1024 * 1024;

  private final WorkerPool pool;
  private float[][] drrScratch = new float[0][];
  private float[][] rowScratch = new float[0][];
  private float[][] rowScratchY = new float[0][];

  PoseScorer(WorkerPool pool) {
    this.pool = pool;
  }

  void score(
      HostVolume volume,
      Projection projection,
      HostPreparedTarget target,
      double[] poses,
      int count,
      double step,
      float[] scores) {
    int w = target.width();
    int h = target.height();
    ensureRowScratch(w);
    RayGeometry[] geometries = new RayGeometry[count];
    RayCaster[] casters = new RayCaster[count];
    RayCaster[] byAxis = new RayCaster[3];
    for (int p = 0; p < count; p++) {
      double[] pose = new double[16];
      System.arraycopy(poses, p * 16, pose, 0, 16);
      RayGeometry grid = new RayGeometry(projection, pose, volume.rasToVoxel);
      int axis = grid.layoutAxis();
      if (byAxis[axis] == null) {
        byAxis[axis] = new RayCaster(volume.layout(axis, pool));
      }
      casters[p] = byAxis[axis];
      geometries[p] = grid.inLayout(volume.layout(axis, pool).axes, w, h);
    }
    if (target.metric() == SimilarityMetric.NCC) {
      scoreNcc(casters, geometries, target, step, scores);
    } else {
      int chunk = (int) Math.max(1, Math.min(count, SCRATCH_FLOATS / ((long) w * h)));
      for (int first = 0; first < count; first += chunk) {
        scoreGradients(casters, geometries, first, Math.min(chunk, count - first), target, step, scores);
      }
    }
  }

  private void scoreNcc(
      RayCaster[] casters, RayGeometry[] geometries, HostPreparedTarget target, double step, float[] scores) {
    int w = target.width();
    int h = target.height();
    int bands = (h + BAND_ROWS - 1) / BAND_ROWS;
    int count = geometries.length;
    double[] partial = new double[count * bands * 3];
    float[] tc = target.centred[0];
    float[] weights = target.weights;
    pool.run(
        count * bands,
        (item, worker) -> {
          int pose = item / bands;
          int band = item % bands;
          float[] row = rowScratch[worker];
          double sd = 0;
          double sdd = 0;
          double sdt = 0;
          for (int v = band * BAND_ROWS, end = Math.min(h, v + BAND_ROWS); v < end; v++) {
            casters[pose].renderRow(geometries[pose], v, 0, w, step, row, 0);
            int o = v * w;
            if (weights == null) {
              for (int u = 0; u < w; u++) {
                double d = row[u];
                sd += d;
                sdd += d * d;
                sdt += d * tc[o + u];
              }
            } else {
              for (int u = 0; u < w; u++) {
                double d = row[u];
                double m = weights[o + u];
                sd += m * d;
                sdd += m * d * d;
                sdt += d * tc[o + u];
              }
            }
          }
          int base = item * 3;
          partial[base] = sd;
          partial[base + 1] = sdd;
          partial[base + 2] = sdt;
        });
    for (int p = 0; p < count; p++) {
      double sd = 0;
      double sdd = 0;
      double sdt = 0;
      for (int b = 0; b < bands; b++) {
        int base = (p * bands + b) * 3;
        sd += partial[base];
        sdd += partial[base + 1];
        sdt += partial[base + 2];
      }
      scores[p] = (float) ncc(sd, sdd, sdt, target.sumOfSquares[0], target.pixelCount);
    }
  }

  private void scoreGradients(
      RayCaster[] casters,
      RayGeometry[] geometries,
      int first,
      int count,
      HostPreparedTarget target,
      double step,
      float[] scores) {
    int w = target.width();
    int h = target.height();
    int bands = (h + BAND_ROWS - 1) / BAND_ROWS;
    ensureDrrScratch(count, w * h);
    float[][] drrs = drrScratch;
    pool.run(
        count * bands,
        (item, worker) -> {
          int pose = item / bands;
          int band = item % bands;
          float[] drr = drrs[pose];
          for (int v = band * BAND_ROWS, end = Math.min(h, v + BAND_ROWS); v < end; v++) {
            casters[first + pose].renderRow(geometries[first + pose], v, 0, w, step, drr, v * w);
          }
        });
    double[] partial = new double[count * bands * 6];
    float[] tx = target.centred[0];
    float[] ty = target.centred[1];
    float[] weights = target.weights;
    pool.run(
        count * bands,
        (item, worker) -> {
          int pose = item / bands;
          int band = item % bands;
          float[] drr = drrs[pose];
          float[] gx = rowScratch[worker];
          float[] gy = rowScratchY[worker];
          double sx = 0;
          double sxx = 0;
          double sxt = 0;
          double sy = 0;
          double syy = 0;
          double syt = 0;
          for (int v = band * BAND_ROWS, end = Math.min(h, v + BAND_ROWS); v < end; v++) {
            ImageKernels.sobelRow(drr, w, h, v, gx, gy, 0);
            int o = v * w;
            for (int u = 0; u < w; u++) {
              double m = weights == null ? 1.0 : weights[o + u];
              double a = gx[u];
              double b = gy[u];
              sx += m * a;
              sxx += m * a * a;
              sxt += a * tx[o + u];
              sy += m * b;
              syy += m * b * b;
              syt += b * ty[o + u];
            }
          }
          int base = item * 6;
          partial[base] = sx;
          partial[base + 1] = sxx;
          partial[base + 2] = sxt;
          partial[base + 3] = sy;
          partial[base + 4] = syy;
          partial[base + 5] = syt;
        });
    for (int p = 0; p < count; p++) {
      double[] s = new double[6];
      for (int b = 0; b < bands; b++) {
        int base = (p * bands + b) * 6;
        for (int j = 0; j < 6; j++) {
          s[j] += partial[base + j];
        }
      }
      double ncx = ncc(s[0], s[1], s[2], target.sumOfSquares[0], target.pixelCount);
      double ncy = ncc(s[3], s[4], s[5], target.sumOfSquares[1], target.pixelCount);
      scores[first + p] = (float) (0.5 * (ncx + ncy));
    }
  }

  /** NCC from the DRR's masked sum, sum of squares and product with the centred target; 0 when degenerate. */
  static double ncc(double sum, double sumSq, double sumProduct, double targetSumSq, long n) {
    double variance = sumSq - sum * sum / n;
    if (!(variance > 0) || !(targetSumSq > 0)) {
      return 0.0;
    }
    double r = sumProduct / Math.sqrt(variance * targetSumSq);
    return Math.max(-1.0, Math.min(1.0, r));
  }

  private void ensureRowScratch(int w) {
    int workers = pool.workers();
    if (rowScratch.length != workers || rowScratch[0].length < w) {
      rowScratch = new float[workers][w];
      rowScratchY = new float[workers][w];
    }
  }

  private void ensureDrrScratch(int count, int pixels) {
    if (drrScratch.length < count || drrScratch[0].length != pixels) {
      float[][] fresh = new float[Math.max(count, drrScratch.length)][];
      for (int i = 0; i < fresh.length; i++) {
        fresh[i] = i < drrScratch.length && drrScratch[i].length == pixels ? drrScratch[i] : new float[pixels];
      }
      drrScratch = fresh;
    }
  }
}
