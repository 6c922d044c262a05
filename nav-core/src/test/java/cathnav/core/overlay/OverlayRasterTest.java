package cathnav.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The RGBA raster of an overlay against float64 references of what each pixel centre should show. */
class OverlayRasterTest {

  private static final int W = 96;
  private static final int H = 80;

  private static long seed() {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println("seed=" + seed + " (reproduce: -Dcathnav.test.seed=" + seed + ")");
    return seed;
  }

  private static Overlay overlay(OverlayShape... shapes) {
    return new Overlay(1, 1_000, 66_666_667, W, H, null, List.of(shapes),
        new Readouts(0, 0, 0, 0, GuidanceState.REGISTERING, "java", false, ""));
  }

  private static int alpha(byte[] rgba, int u, int v) {
    return rgba[(v * W + u) * 4 + 3] & 0xFF;
  }

  private static int rgb(byte[] rgba, int u, int v) {
    int i = (v * W + u) * 4;
    return ((rgba[i] & 0xFF) << 16) | ((rgba[i + 1] & 0xFF) << 8) | (rgba[i + 2] & 0xFF);
  }

  /** A random non-convex (star-shaped) polygon, partly outside the frame. */
  private static float[] randomPolygon(SplittableRandom r) {
    int n = r.nextInt(5, 14);
    double cu = r.nextDouble(-10, W + 10);
    double cv = r.nextDouble(-10, H + 10);
    float[] uv = new float[2 * n];
    for (int i = 0; i < n; i++) {
      double a = 2 * Math.PI * (i + r.nextDouble(0, 0.8)) / n;
      double radius = r.nextDouble(5, 45);
      uv[2 * i] = (float) (cu + radius * Math.cos(a));
      uv[2 * i + 1] = (float) (cv + radius * Math.sin(a));
    }
    return uv;
  }

  /** Even-odd point-in-polygon in float64 (ray to +u). */
  private static boolean inside(float[] uv, double u, double v) {
    int n = uv.length / 2;
    boolean in = false;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double ui = uv[2 * i];
      double vi = uv[2 * i + 1];
      double uj = uv[2 * j];
      double vj = uv[2 * j + 1];
      if ((vi <= v) != (vj <= v) && u < ui + (v - vi) * (uj - ui) / (vj - vi)) {
        in = !in;
      }
    }
    return in;
  }

  private static double distanceToSegment(double u, double v, double au, double av, double bu, double bv) {
    double du = bu - au;
    double dv = bv - av;
    double len2 = du * du + dv * dv;
    double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((u - au) * du + (v - av) * dv) / len2));
    return Math.hypot(u - au - t * du, v - av - t * dv);
  }

  @Test
  void filledPolygonCoversExactlyThePixelCentresInsideIt() {
    SplittableRandom r = new SplittableRandom(seed());
    for (int trial = 0; trial < 20; trial++) {
      float[] uv = randomPolygon(r);
      byte[] rgba = OverlayRaster.shapes(overlay(new OverlayShape.Polygon(OverlayRole.TARGET_SEGMENT, uv, true,
          0x3399FFFF)));
      for (int v = 0; v < H; v++) {
        for (int u = 0; u < W; u++) {
          boolean expected = inside(uv, u, v);
          assertEquals(expected ? 255 : 0, alpha(rgba, u, v), "trial " + trial + " pixel (" + u + ", " + v + ")");
          if (expected) {
            assertEquals(0x3399FF, rgb(rgba, u, v));
          }
        }
      }
    }
  }

  @Test
  void polylineCoversThePixelsWithinHalfItsWidthOfASegment() {
    SplittableRandom r = new SplittableRandom(seed());
    float[] uv = new float[12];
    for (int i = 0; i < uv.length; i += 2) {
      uv[i] = (float) r.nextDouble(-5, W + 5);
      uv[i + 1] = (float) r.nextDouble(-5, H + 5);
    }
    byte[] rgba = OverlayRaster.shapes(overlay(new OverlayShape.Polyline(OverlayRole.VEIN, uv, 0xFF66CCFF)));
    for (int v = 0; v < H; v++) {
      for (int u = 0; u < W; u++) {
        double d = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 3 < uv.length; i += 2) {
          d = Math.min(d, distanceToSegment(u, v, uv[i], uv[i + 1], uv[i + 2], uv[i + 3]));
        }
        assertEquals(d <= OverlayRaster.LINE_HALF_WIDTH_PX ? 255 : 0, alpha(rgba, u, v),
            "pixel (" + u + ", " + v + ") at " + d + " px from the line");
      }
    }
  }

  @Test
  void anOutlineClosesBackToItsFirstVertex() {
    float[] square = {10, 10, 40, 10, 40, 40, 10, 40};
    byte[] rgba = OverlayRaster.shapes(overlay(new OverlayShape.Polygon(OverlayRole.LV_SILHOUETTE, square, false,
        0x33DD55FF)));
    assertEquals(255, alpha(rgba, 10, 25), "the closing edge from (10, 40) back to (10, 10)");
    assertEquals(0x33DD55, rgb(rgba, 10, 25));
    assertEquals(0, alpha(rgba, 25, 25), "an outline is not filled");
  }

  @Test
  void markerIsAFilledDiscOfItsRadius() {
    byte[] rgba = OverlayRaster.shapes(overlay(new OverlayShape.Marker(OverlayRole.LEAD_TIP, 30.3f, 20.6f, 4f,
        0xFFFF33FF)));
    for (int v = 0; v < H; v++) {
      for (int u = 0; u < W; u++) {
        boolean in = Math.hypot(u - 30.3, v - 20.6) <= 4;
        assertEquals(in ? 255 : 0, alpha(rgba, u, v), "pixel (" + u + ", " + v + ")");
      }
    }
  }

  @Test
  void unconfirmedTipIsAnOpenRingNotADisc() {
    byte[] rgba = OverlayRaster.shapes(overlay(new OverlayShape.Marker(OverlayRole.LEAD_TIP_UNCONFIRMED, 40.4f, 30.7f,
        6f, OverlayRole.LEAD_TIP_UNCONFIRMED.rgba())));
    for (int v = 0; v < H; v++) {
      for (int u = 0; u < W; u++) {
        double d = Math.hypot(u - 40.4, v - 30.7);
        boolean onRing = d >= 6 - OverlayRaster.LINE_HALF_WIDTH_PX && d <= 6 + OverlayRaster.LINE_HALF_WIDTH_PX;
        assertEquals(onRing ? 255 : 0, alpha(rgba, u, v), "pixel (" + u + ", " + v + ")");
      }
    }
    assertEquals(0, alpha(rgba, 40, 31), "the centre of an unconfirmed tip stays clear");
  }

  @Test
  void aTranslucentFillIsBlendedOverWhatIsDrawnBelowIt() {
    float[] line = {0, 30, W - 1, 30};
    float[] box = {20, 20, 60, 20, 60, 40, 20, 40};
    byte[] rgba = OverlayRaster.shapes(overlay(
        new OverlayShape.Polyline(OverlayRole.VEIN, line, 0xFF0000FF),
        new OverlayShape.Polygon(OverlayRole.TARGET_SEGMENT, box, true, 0x0000FF80)));
    // straight alpha, source over: a = 0.502 + 1 * 0.498 = 1; colour = blue * 0.502 + red * 0.498
    int i = (30 * W + 40) * 4;
    assertEquals(255, rgba[i + 3] & 0xFF);
    assertEquals(Math.round(255 * (1 - 128 / 255.0)), rgba[i] & 0xFF, "red below, weighted by 1 - alpha");
    assertEquals(Math.round(255 * (128 / 255.0)), rgba[i + 2] & 0xFF, "blue on top, weighted by alpha");
    int j = (25 * W + 40) * 4; // fill only
    assertEquals(128, rgba[j + 3] & 0xFF);
    assertEquals(255, rgba[j + 2] & 0xFF, "straight alpha keeps the full colour value");
    assertEquals(0, alpha(rgba, 80, 70), "nothing drawn: transparent");
  }
}
