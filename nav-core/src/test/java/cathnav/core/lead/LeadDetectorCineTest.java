package cathnav.core.lead;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.model.SharedData;
import cathnav.core.model.Volume;
import cathnav.core.model.Volumes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The detector on the real catheterisation cine (12 frames, 512 x 512, 8 bit), tracked frame to frame. */
class LeadDetectorCineTest {

  private static final int N = 512;
  private static final LeadDetection[] FRAMES = new LeadDetection[12];

  @BeforeAll
  static void trackTheCine() throws Exception {
    Volume cine = Volumes.read(SharedData.file("xray/xa_catheter_cine_512x512x12_u8.nrrd"));
    LeadDetector detector = new LeadDetector(LeadDetectorOptions.DEFAULTS);
    for (int f = 0; f < 12; f++) {
      float[] raw = new float[N * N];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = cine.int16()[f * N * N + i];
      }
      FRAMES[f] = detector.detect(raw, N, N);
      System.out.printf("frame %2d found=%s lengthPx=%.0f tip=(%.1f, %.1f) contrast=%.3f%n", f, FRAMES[f].found(),
          FRAMES[f].lengthPx(), FRAMES[f].tipU(), FRAMES[f].tipV(), FRAMES[f].meanContrast());
    }
  }

  @Test
  void wireIsFoundInAllTwelveFrames() {
    for (int f = 0; f < 12; f++) {
      assertTrue(FRAMES[f].found(), "frame " + f);
      assertTrue(FRAMES[f].lengthPx() > 300, "frame " + f + " traced only " + FRAMES[f].lengthPx() + " px");
    }
  }

  @Test
  void wirePassesThroughTheDarkRadioOpaqueSegment() {
    // row 225 of frame 0 is darkest (44 of 255 against 60 to 75 around) at column 276: the wire's marker segment
    assertTrue(FRAMES[0].distanceTo(276, 225) < 4, "distance " + FRAMES[0].distanceTo(276, 225));
  }

  @Test
  void tipMovesLessThanTenPixelsBetweenFrames() {
    for (int f = 1; f < 12; f++) {
      double d = Math.hypot(FRAMES[f].tipU() - FRAMES[f - 1].tipU(), FRAMES[f].tipV() - FRAMES[f - 1].tipV());
      assertTrue(d < 10, "tip moved " + d + " px from frame " + (f - 1) + " to " + f);
    }
  }

  @Test
  void consecutiveCentrelinesOverlap() {
    for (int f = 1; f < 12; f++) {
      double a = overlap(FRAMES[f - 1], FRAMES[f]);
      double b = overlap(FRAMES[f], FRAMES[f - 1]);
      System.out.printf("overlap %d-%d: %.2f %.2f%n", f - 1, f, a, b);
      // the proximal part wanders where the wire crosses a wide dark tube; the rest coincides
      assertTrue(Math.max(a, b) > 0.75 && Math.min(a, b) > 0.65, "frames " + (f - 1) + "/" + f + " overlap " + a + ", " + b);
    }
  }

  /** The fraction of {@code a}'s centreline points within 4 px of {@code b}'s centreline. */
  private static double overlap(LeadDetection a, LeadDetection b) {
    float[] c = a.centreline();
    int near = 0;
    for (int k = 0; k < c.length; k += 2) {
      near += b.distanceTo(c[k], c[k + 1]) < 4 ? 1 : 0;
    }
    return near / (double) a.pointCount();
  }
}
