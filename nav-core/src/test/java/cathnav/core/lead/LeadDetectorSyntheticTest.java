package cathnav.core.lead;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Synthetic frames with a drawn curved wire of known tip: a collimated field over a smooth background with noise,
 * a wide dark tube crossing the wire, and the wire entering across the field's edge.
 */
class LeadDetectorSyntheticTest {

  private static final int N = 512;
  /** Detector pixel size at the isocentre for the tolerance: 1.5 mm is 5 pixels. */
  private static final double MM_PER_PIXEL = 0.3;

  /** A frame and its wire's tip. */
  private record Scene(float[] raw, double tipU, double tipV) {}

  private static Scene scene(Random rnd, boolean withWire, boolean withTube) {
    Scene clean = cleanScene(rnd, withWire, withTube, false);
    return new Scene(noisy(clean.raw(), rnd), clean.tipU(), clean.tipV());
  }

  /** The frame with quantum-like noise (variance equal to the intensity), a new array. */
  private static float[] noisy(float[] clean, Random rnd) {
    float[] raw = clean.clone();
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (float) Math.max(0, raw[i] + rnd.nextGaussian() * Math.sqrt(raw[i]));
    }
    return raw;
  }

  /** The scene without noise; {@code withElectrode} darkens a compact blob at the tip as a lead's tip electrode. */
  private static Scene cleanScene(Random rnd, boolean withWire, boolean withTube, boolean withElectrode) {
    float[] raw = new float[N * N];
    double cx = 256 + rnd.nextGaussian() * 5;
    double cy = 256 + rnd.nextGaussian() * 5;
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        boolean inField = Math.hypot(x - cx, y - cy) < 230;
        double base = inField ? 900 + 250 * Math.sin(x / 90.0) * Math.cos(y / 70.0) + 0.4 * (x - y) : 15;
        raw[y * N + x] = (float) base;
      }
    }
    // a wide tube (12 px) crossing the field vertically, 12% darker
    double tubeX = 200 + rnd.nextDouble() * 60;
    for (int y = 0; y < (withTube ? N : 0); y++) {
      for (int x = (int) tubeX - 6; x <= (int) tubeX + 6; x++) {
        raw[y * N + x] *= 0.88f;
      }
    }
    double tipU = Double.NaN;
    double tipV = Double.NaN;
    if (withWire) {
      // quadratic Bezier from outside the field (upper left) to a tip inside it (lower right)
      double[] p0 = {40, 60};
      double[] p1 = {150 + rnd.nextDouble() * 150, 80 + rnd.nextDouble() * 100};
      double[] p2 = {280 + rnd.nextDouble() * 80, 300 + rnd.nextDouble() * 80};
      float[] dist = new float[N * N];
      java.util.Arrays.fill(dist, Float.MAX_VALUE);
      for (double t = 0; t <= 1; t += 0.0005) {
        double u = (1 - t) * (1 - t) * p0[0] + 2 * t * (1 - t) * p1[0] + t * t * p2[0];
        double v = (1 - t) * (1 - t) * p0[1] + 2 * t * (1 - t) * p1[1] + t * t * p2[1];
        for (int y = (int) v - 4; y <= (int) v + 4; y++) {
          for (int x = (int) u - 4; x <= (int) u + 4; x++) {
            if (x >= 0 && y >= 0 && x < N && y < N) {
              dist[y * N + x] = (float) Math.min(dist[y * N + x], Math.hypot(x - u, y - v));
            }
          }
        }
      }
      for (int i = 0; i < raw.length; i++) {
        if (dist[i] < 4) {
          raw[i] *= (float) (1 - 0.18 * Math.exp(-dist[i] * dist[i] / 2.0));
        }
      }
      tipU = p2[0];
      tipV = p2[1];
      for (int y = (int) tipV - 6; withElectrode && y <= (int) tipV + 6; y++) {
        for (int x = (int) tipU - 6; x <= (int) tipU + 6; x++) {
          double d2 = (x - tipU) * (x - tipU) + (y - tipV) * (y - tipV);
          raw[y * N + x] *= (float) (1 - 0.5 * Math.exp(-d2 / (2 * 2.0 * 2.0)));
        }
      }
    }
    return new Scene(raw, tipU, tipV);
  }

  @Test
  void tipOfADrawnCurvedWireIsFoundWithinOneAndAHalfMillimetres() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random rnd = new Random(seed);
    for (int trial = 0; trial < 4; trial++) {
      Scene s = scene(rnd, true, true);
      LeadDetection d = new LeadDetector(LeadDetectorOptions.DEFAULTS).detect(s.raw(), N, N);
      assertTrue(d.found(), "trial " + trial + ": no wire found");
      double errMm = Math.hypot(d.tipU() - s.tipU(), d.tipV() - s.tipV()) * MM_PER_PIXEL;
      System.out.printf("trial %d tip error %.2f mm, length %.0f px%n", trial, errMm, d.lengthPx());
      assertTrue(errMm < 1.5, "trial " + trial + ": tip (" + d.tipU() + ", " + d.tipV() + ") vs (" + s.tipU() + ", "
          + s.tipV() + "), error " + errMm + " mm");
    }
  }

  @Test
  void trackedTipFollowsTheWireAsItAdvances() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random rnd = new Random(seed);
    LeadDetector detector = new LeadDetector(LeadDetectorOptions.DEFAULTS);
    Scene s = scene(rnd, true, true);
    LeadDetection first = detector.detect(s.raw(), N, N);
    // the same scene again with fresh noise: the tracked tip stays put
    float[] again = s.raw().clone();
    for (int i = 0; i < again.length; i++) {
      again[i] = (float) Math.max(0, again[i] + rnd.nextGaussian() * 5);
    }
    LeadDetection second = detector.detect(again, N, N);
    assertTrue(first.found() && second.found());
    assertTrue(Math.hypot(second.tipU() - first.tipU(), second.tipV() - first.tipV()) < 3);
  }

  @Test
  void pacingLeadTipIsConfirmedOnlyOnceASecondFrameAgrees() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random rnd = new Random(seed);
    Scene s = cleanScene(rnd, true, true, true);
    LeadDetector detector = new LeadDetector(LeadDetectorOptions.PACING_LEAD);
    LeadDetection lock = detector.detect(noisy(s.raw(), rnd), N, N);
    assertFalse(lock.tipConfirmed(), "a fresh lock is confirmed");
    LeadDetection second = detector.detect(noisy(s.raw(), rnd), N, N);
    assertTrue(second.found(), "the wire is not found in the second frame");
    double errMm = Math.hypot(second.tipU() - s.tipU(), second.tipV() - s.tipV()) * MM_PER_PIXEL;
    assertTrue(second.tipConfirmed() && errMm < 1.5, "second frame: confidence " + second.tipConfidence()
        + ", tip error " + errMm + " mm");
    detector.reset();
    assertFalse(detector.detect(noisy(s.raw(), rnd), N, N).tipConfirmed(), "confirmed right after a reset");
  }

  @Test
  void wireWithoutATipElectrodeIsFoundButItsTipNeverConfirmed() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random rnd = new Random(seed);
    Scene s = cleanScene(rnd, true, true, false);
    LeadDetector detector = new LeadDetector(LeadDetectorOptions.DEFAULTS);
    for (int frame = 0; frame < 3; frame++) {
      LeadDetection d = detector.detect(noisy(s.raw(), rnd), N, N);
      assertTrue(d.found(), "frame " + frame + ": no wire found");
      assertFalse(d.tipConfirmed(), "frame " + frame + ": tip confirmed without an electrode");
    }
  }

  @Test
  void tipOfAWireWithASharpBendIsFoundWithinOneAndAHalfMillimetres() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random rnd = new Random(seed);
    // a wire entering at the upper left, running to (300, 300), then turning back up by about 100 degrees
    double[][] corners = {{60, 60}, {300, 300}, {380 + rnd.nextDouble() * 20, 180 + rnd.nextDouble() * 20}};
    float[] raw = new float[N * N];
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        double d = Math.min(segmentDistance(x, y, corners[0], corners[1]), segmentDistance(x, y, corners[1], corners[2]));
        double base = Math.hypot(x - 256, y - 256) < 240 ? 1000 + 200 * Math.sin(x / 80.0) : 15;
        raw[y * N + x] = (float) (base * (1 - 0.18 * Math.exp(-d * d / 2.0)));
      }
    }
    float[] frame = noisy(raw, rnd);
    LeadDetection d = new LeadDetector(LeadDetectorOptions.DEFAULTS).detect(frame, N, N);
    assertTrue(d.found(), "no wire found");
    double errMm = Math.hypot(d.tipU() - corners[2][0], d.tipV() - corners[2][1]) * MM_PER_PIXEL;
    assertTrue(errMm < 1.5, "tip (" + d.tipU() + ", " + d.tipV() + ") vs (" + corners[2][0] + ", " + corners[2][1]
        + "), error " + errMm + " mm, traced " + d.lengthPx() + " px");
  }

  private static double segmentDistance(double x, double y, double[] a, double[] b) {
    double du = b[0] - a[0];
    double dv = b[1] - a[1];
    double t = Math.max(0, Math.min(1, ((x - a[0]) * du + (y - a[1]) * dv) / (du * du + dv * dv)));
    return Math.hypot(x - a[0] - t * du, y - a[1] - t * dv);
  }

  /** Anatomy-like background and quantum noise only (a wide tube alone would be reported: it is a dark tube). */
  @Test
  void frameWithoutAWireReportsNone() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random rnd = new Random(seed);
    Scene s = scene(rnd, false, false);
    LeadDetection d = new LeadDetector(LeadDetectorOptions.DEFAULTS).detect(s.raw(), N, N);
    assertFalse(d.found(), "found a wire of " + d.lengthPx() + " px in a frame without one");
  }
}
