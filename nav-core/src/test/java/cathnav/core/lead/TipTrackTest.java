package cathnav.core.lead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The tip's temporal tracking along the wire, on straight centrelines of known length. */
class TipTrackTest {

  /** A horizontal centreline at row {@code v} from column 0 to {@code end}, points 1 px apart. */
  private static float[] line(double end, double v) {
    int n = (int) Math.floor(end) + 1;
    boolean extra = end > n - 1;
    float[] out = new float[2 * (n + (extra ? 1 : 0))];
    for (int k = 0; k < n; k++) {
      out[2 * k] = k;
      out[2 * k + 1] = (float) v;
    }
    if (extra) {
      out[2 * n] = (float) end;
      out[2 * n + 1] = (float) v;
    }
    return out;
  }

  private static LeadDetection detection(float[] line) {
    return new LeadDetection(true, line, line[line.length - 2], line[line.length - 1], line.length / 2.0 - 1, 0.1);
  }

  private static double endU(float[] line) {
    return line[line.length - 2];
  }

  @Test
  void tipAdvancesAtMostEightPixelsAlongTheWirePerDetection() {
    float[] tracked = new TipTrack().limit(line(130, 100), detection(line(100, 100)));
    assertEquals(100 + TipTrack.MAX_TIP_ADVANCE_PX, endU(tracked), 1e-4);
  }

  @Test
  void smallAdvanceIsTakenAsSeen() {
    float[] seen = line(105, 100);
    assertArrayEquals(seen, new TipTrack().limit(seen, detection(line(100, 100))));
  }

  @Test
  void wireSeenShorterKeepsItsTipOnceThenRetractsThreePixelsADetection() {
    TipTrack track = new TipTrack();
    float[] first = track.limit(line(80, 100), detection(line(100, 100)));
    assertEquals(100, endU(first), 1e-4, "first shortened detection keeps the previous tip");
    float[] second = track.limit(line(80, 100), detection(first));
    assertEquals(97, endU(second), 1e-4, "then the tip goes back 3 px a detection");
  }

  @Test
  void wireAwayFromThePreviousOneIsNotLimited() {
    float[] elsewhere = line(150, 200);
    assertArrayEquals(elsewhere, new TipTrack().limit(elsewhere, detection(line(100, 100))));
  }
}
