package cathnav.core.preop.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The k-d tree against a brute-force float64 search on fresh random points. */
class NearestPointsTest {

  @Test
  void findsTheSameNearestDistanceAsBruteForce() {
    long seed = System.nanoTime();
    System.out.println("NearestPointsTest seed=" + seed);
    Random rnd = new Random(seed);
    int n = 3000;
    double[] pts = new double[3 * n];
    for (int i = 0; i < pts.length; i++) {
      // clustered and flat in z, with exact duplicates, to exercise uneven splits
      pts[i] = i % 3 == 2 ? 2 * rnd.nextGaussian() : 50 * rnd.nextGaussian();
    }
    System.arraycopy(pts, 0, pts, 30, 30);
    NearestPoints tree = new NearestPoints(pts);
    double[] out = new double[3];
    for (int q = 0; q < 500; q++) {
      double x = 60 * rnd.nextGaussian();
      double y = 60 * rnd.nextGaussian();
      double z = 10 * rnd.nextGaussian();
      double best = Double.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        double dx = pts[3 * i] - x;
        double dy = pts[3 * i + 1] - y;
        double dz = pts[3 * i + 2] - z;
        best = Math.min(best, dx * dx + dy * dy + dz * dz);
      }
      double d2 = tree.nearest(x, y, z, out, 0);
      assertEquals(best, d2, 1e-12 * Math.max(1, best), "seed=" + seed);
      double check = (out[0] - x) * (out[0] - x) + (out[1] - y) * (out[1] - y) + (out[2] - z) * (out[2] - z);
      assertEquals(d2, check, 1e-9, "returned point is at the returned distance, seed=" + seed);
    }
  }

  @Test
  void aSinglePointIsAlwaysTheNearest() {
    NearestPoints tree = new NearestPoints(new double[] {1, 2, 3});
    assertEquals(5, tree.distance(1, 2, 8), 1e-12);
  }
}
