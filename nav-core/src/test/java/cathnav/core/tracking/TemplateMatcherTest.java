package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.gpu.Projection;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TemplateMatcherTest {

  private static final int N = 200;
  private static final Projection VIEW = CArmGeometry.of(0, 0, 1100, 750, N, N, 1, 1).toProjection();

  /** Raw intensities of a smooth random scene (sum of Gaussian blobs of attenuation) shifted by (du, dv). */
  private static float[] scene(long seed, double du, double dv) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] blobs = new double[40][4];
    for (double[] b : blobs) {
      b[0] = r.nextDouble(0, N);
      b[1] = r.nextDouble(0, N);
      b[2] = r.nextDouble(3, 12);
      b[3] = r.nextDouble(0.1, 1);
    }
    float[] px = new float[N * N];
    for (int v = 0; v < N; v++) {
      for (int u = 0; u < N; u++) {
        double a = 0;
        for (double[] b : blobs) {
          double x = u - du - b[0];
          double y = v - dv - b[1];
          a += b[3] * Math.exp(-(x * x + y * y) / (2 * b[2] * b[2]));
        }
        px[v * N + u] = (float) (4000 * Math.exp(-a));
      }
    }
    return px;
  }

  @Test
  void findsTheShiftOfTheSceneWithSubPixelPrecision() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    SplittableRandom r = new SplittableRandom(seed);
    double du = r.nextDouble(-20, 20);
    double dv = r.nextDouble(-20, 20);
    HostAttenuation ref = HostAttenuation.of(scene(seed, 0, 0), VIEW, 256);
    HostAttenuation cur = HostAttenuation.of(scene(seed, du, dv), VIEW, 256);
    TemplateMatcher.Match m = new TemplateMatcher(30, 28).match(ref, cur, 100, 100);
    assertEquals(du, m.du(), 0.3, "seed=" + seed);
    assertEquals(dv, m.dv(), 0.3, "seed=" + seed);
    assertTrue(m.correlation() > 0.95, "correlation=" + m.correlation() + ", seed=" + seed);
  }

  @Test
  void unrelatedContentCorrelatesPoorly() {
    HostAttenuation ref = HostAttenuation.of(scene(1, 0, 0), VIEW, 256);
    HostAttenuation cur = HostAttenuation.of(scene(2, 0, 0), VIEW, 256);
    TemplateMatcher.Match m = new TemplateMatcher(30, 8).match(ref, cur, 100, 100);
    assertTrue(m.correlation() < 0.8, "correlation=" + m.correlation());
  }

  @Test
  void hostAttenuationIsMinusLogRelativeToTheBrightestPixel() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    float[] raw = scene(seed, 0, 0);
    raw[7] = 0;
    HostAttenuation a = HostAttenuation.of(raw, VIEW, 256);
    double max = 0;
    for (float p : raw) {
      max = Math.max(max, p);
    }
    for (int i = 11; i < raw.length; i += 101) {
      assertEquals(Math.log(max / raw[i]), a.pixels[i], 1e-4, "pixel " + i + ", seed=" + seed);
    }
    assertEquals(Math.log(65536), a.pixels[7], 1e-3);
  }

  @Test
  void hostAttenuationHalvesLargeFramesWithTheirProjection() {
    Projection big = CArmGeometry.of(10, 5, 1100, 750, 600, 400, 0.5, 0.5).toProjection();
    HostAttenuation a = HostAttenuation.of(new float[600 * 400], big, 256);
    assertEquals(150, a.width);
    assertEquals(100, a.height);
    assertEquals(150, a.projection.width());
  }
}
