package cathnav.core.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the image shows at a wire's end, on drawn frames: a lead ending in a tip electrode, one whose visible end is
 * its ring electrode with the tip electrode ahead, and a wire that bends sharply and goes on.
 */
class TipEndTest {

  private static final int N = 256;
  private static final double[] SCALES = {1.0, 1.5, 2.0};
  /** The demo's pixel size at the isocentre, mm: the ring electrode is looked for up to 34 pixels behind the tip. */
  private static final int RING_REACH_PX = TipEnd.ringReachPx(0.41);

  private static Random random() {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println("seed=" + seed + " (reproduce: -Dcathnav.test.seed=" + seed + ")");
    return new Random(seed);
  }

  /** A flat noisy frame at 1500 with wire segments and electrodes drawn in, and its ridge map. */
  private static final class Frame {
    final float[] raw = new float[N * N];

    Frame() {
      java.util.Arrays.fill(raw, 1500);
    }

    /** A wire (Gaussian profile, 15 % deep) from (u0, v0) to (u1, v1). */
    Frame wire(double u0, double v0, double u1, double v1) {
      double len = Math.hypot(u1 - u0, v1 - v0);
      for (int y = 0; y < N; y++) {
        for (int x = 0; x < N; x++) {
          double t = Math.max(0, Math.min(1, ((x - u0) * (u1 - u0) + (y - v0) * (v1 - v0)) / (len * len)));
          double d = Math.hypot(x - (u0 + t * (u1 - u0)), y - (v0 + t * (v1 - v0)));
          raw[y * N + x] *= (float) (1 - 0.15 * Math.exp(-d * d / 2.0));
        }
      }
      return this;
    }

    /** An electrode: a compact spot 55 % deep at (u, v). */
    Frame electrode(double u, double v) {
      for (int y = (int) v - 8; y <= (int) v + 8; y++) {
        for (int x = (int) u - 8; x <= (int) u + 8; x++) {
          double d2 = (x - u) * (x - u) + (y - v) * (y - v);
          raw[y * N + x] *= (float) (1 - 0.55 * Math.exp(-d2 / (2 * 1.8 * 1.8)));
        }
      }
      return this;
    }

    RidgeMap map(Random rnd) {
      for (int i = 0; i < raw.length; i++) {
        raw[i] = (float) Math.max(0, raw[i] + rnd.nextGaussian() * Math.sqrt(raw[i]));
      }
      boolean[] mask = new boolean[N * N];
      java.util.Arrays.fill(mask, true);
      RidgeMap m = new RidgeMap(N, N);
      m.compute(raw, mask, SCALES, 0.02);
      return m;
    }
  }

  /** A straight centreline from (u0, v0) to (u1, v1), points a pixel apart. */
  private static float[] line(double u0, double v0, double u1, double v1) {
    int n = (int) Math.ceil(Math.hypot(u1 - u0, v1 - v0)) + 1;
    float[] out = new float[2 * n];
    for (int k = 0; k < n; k++) {
      out[2 * k] = (float) (u0 + (u1 - u0) * k / (n - 1));
      out[2 * k + 1] = (float) (v0 + (v1 - v0) * k / (n - 1));
    }
    return out;
  }

  @Test
  void leadEndingInItsTipElectrodeIsAFreeTipElectrode() {
    RidgeMap m = new Frame().wire(40, 40, 150, 150).electrode(150, 150).electrode(133, 133).map(random());
    TipEnd.Look look = TipEnd.look(m, line(40, 40, 150, 150), RING_REACH_PX);
    assertTrue(look.freeTipElectrode(), "spot " + look.spotDepth() + ", ahead " + look.ahead()[0] + ", continuation "
        + look.continuation());
  }

  @Test
  void leadEndingInItsTipElectrodeShowsTheRingElectrodeBehindIt() {
    // tip electrode at (150, 150), ring 24 pixels (10 mm at 0.41 mm a pixel) back along the wire
    RidgeMap m = new Frame().wire(40, 40, 150, 150).electrode(150, 150).electrode(133, 133).map(random());
    TipEnd.Look look = TipEnd.look(m, line(40, 40, 150, 150), RING_REACH_PX);
    assertTrue(look.ringBehind(), "ring prominence " + look.ring());
  }

  @Test
  void bendSeenEndOnShowsNoRingElectrodeBehindIt() {
    // a dark compact spot where the wire runs along the beam and turns back out of sight: it looks like a free tip
    // electrode, but the body behind it has no second electrode
    RidgeMap m = new Frame().wire(40, 40, 150, 150).electrode(150, 150).map(random());
    TipEnd.Look look = TipEnd.look(m, line(40, 40, 150, 150), RING_REACH_PX);
    assertTrue(look.spotDepth() >= TipEnd.MIN_SPOT_DEPTH, "spot " + look.spotDepth());
    assertFalse(look.ringBehind(), "ring prominence " + look.ring());
  }

  @Test
  void ringElectrodeFartherBackThanALeadHasItIsNotTakenForIt() {
    // a second electrode 45 pixels back (18 mm at 0.41 mm a pixel): not this lead's ring
    RidgeMap m = new Frame().wire(40, 40, 150, 150).electrode(150, 150).electrode(118, 118).map(random());
    TipEnd.Look look = TipEnd.look(m, line(40, 40, 150, 150), RING_REACH_PX);
    assertFalse(look.ringBehind(), "ring prominence " + look.ring());
  }

  @Test
  void ringIsLookedForAsFarBackAsTheFarEdgeOfABipolarLeadsRing() {
    assertEquals(34, TipEnd.ringReachPx(0.41));
    assertEquals(28, TipEnd.ringReachPx(0.5));
  }

  @Test
  void ringElectrodeWithTheTipElectrodeAheadIsNoFreeEnd() {
    // the trace stopped at the ring (133, 133); the body to the tip electrode at (150, 150) is too faint to trace
    RidgeMap m = new Frame().wire(40, 40, 133, 133).electrode(150, 150).electrode(133, 133).map(random());
    TipEnd.Look look = TipEnd.look(m, line(40, 40, 133, 133), RING_REACH_PX);
    assertTrue(look.spotAhead(), "ahead " + look.ahead()[0] + " vs spot " + look.spotDepth());
    assertTrue(Math.hypot(look.ahead()[1] - 150, look.ahead()[2] - 150) < 3, "spot ahead at (" + look.ahead()[1]
        + ", " + look.ahead()[2] + ")");
    assertFalse(look.freeTipElectrode());
  }

  @Test
  void darkBendWhereTheWireGoesOnIsNoFreeEnd() {
    // the wire turns back sharply at (150, 150), dark where it runs along the beam; the trace stopped there
    RidgeMap m = new Frame().wire(40, 40, 150, 150).wire(150, 150, 200, 90).electrode(150, 150).map(random());
    TipEnd.Look look = TipEnd.look(m, line(40, 40, 150, 150), RING_REACH_PX);
    assertTrue(look.continuation() >= TipEnd.MAX_CONTINUATION, "continuation " + look.continuation());
    assertFalse(look.freeTipElectrode());
  }

  @Test
  void wireFadingOutWithoutAnElectrodeIsNoFreeTipElectrode() {
    RidgeMap m = new Frame().wire(40, 40, 150, 150).map(random());
    assertFalse(TipEnd.look(m, line(40, 40, 150, 150), RING_REACH_PX).freeTipElectrode());
  }
}
