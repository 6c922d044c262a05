package cathnav.core.lead;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The memory of a pacing lead's tip and ring electrodes, on drawn frames with the two electrodes and no traceable body
 * between them (a lead over a dark region).
 */
class ElectrodePairTrackTest {

  private static final int N = 192;
  private static final double[] SCALES = {1.0, 1.5, 2.0};

  private static Random random() {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println("seed=" + seed + " (reproduce: -Dcathnav.test.seed=" + seed + ")");
    return new Random(seed);
  }

  /** A flat noisy frame at 1500 with compact dark spots 55 % deep (electrodes) at the given points, and its maps. */
  private static RidgeMap frame(Random rnd, double[]... spots) {
    float[] raw = new float[N * N];
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        double f = 1;
        for (double[] s : spots) {
          double d2 = (x - s[0]) * (x - s[0]) + (y - s[1]) * (y - s[1]);
          f *= 1 - 0.55 * Math.exp(-d2 / (2 * 1.8 * 1.8));
        }
        double mean = 1500 * f;
        raw[y * N + x] = (float) Math.max(0, mean + rnd.nextGaussian() * Math.sqrt(mean));
      }
    }
    boolean[] mask = new boolean[N * N];
    java.util.Arrays.fill(mask, true);
    RidgeMap m = new RidgeMap(N, N);
    m.compute(raw, mask, SCALES, 0.02);
    return m;
  }

  private static double tipError(float[] line, double u, double v) {
    return Math.hypot(line[line.length - 2] - u, line[line.length - 1] - v);
  }

  @Test
  void pairMovedAStepIsFoundWithTheTipAtTheTipElectrode() {
    Random rnd = random();
    ElectrodePairTrack track = new ElectrodePairTrack();
    track.remember(100, 110, 100, 86); // ring 24 pixels above the tip
    // heart beat and breathing move both electrodes together by a few pixels
    float[] line = track.find(frame(rnd, new double[] {104, 113}, new double[] {104, 89}));
    assertNotNull(line, "pair not found");
    assertTrue(tipError(line, 104, 113) <= 1.5, "tip spot at (" + line[line.length - 2] + ", "
        + line[line.length - 1] + ")");
    // the line runs from beyond the ring to the tip
    assertTrue(line[1] < 89, "line starts at v=" + line[1]);
  }

  @Test
  void singleSpotWithoutItsRingAtTheRememberedOffsetIsNotAPair() {
    Random rnd = random();
    ElectrodePairTrack track = new ElectrodePairTrack();
    track.remember(100, 110, 100, 86);
    // an electrode-dark spot where the tip was, but nothing 24 pixels above it (a bend seen end-on, another wire)
    assertNull(track.find(frame(rnd, new double[] {101, 110}, new double[] {130, 110})));
  }

  @Test
  void ringIsNeverTakenForTheTip() {
    Random rnd = random();
    ElectrodePairTrack track = new ElectrodePairTrack();
    track.remember(100, 110, 100, 86);
    // the lead drawn back so that its ring lies 10 pixels from where the tip was: within the tip's reach only if
    // the reach were not bounded by half the offset; the tip electrode lies below, out of reach
    float[] line = track.find(frame(rnd, new double[] {100, 124}, new double[] {100, 100}));
    assertTrue(line == null || tipError(line, 100, 100) > 3, "ring taken for the tip");
  }

  @Test
  void pairIsForgottenAfterTheMostDetectionsWithoutATip() {
    Random rnd = random();
    ElectrodePairTrack track = new ElectrodePairTrack();
    track.remember(100, 110, 100, 86);
    for (int k = 0; k < ElectrodePairTrack.MAX_AGE; k++) {
      track.age();
    }
    assertTrue(track.active());
    track.age();
    assertFalse(track.active());
    assertNull(track.find(frame(rnd, new double[] {100, 110}, new double[] {100, 86})));
  }

  @Test
  void electrodesTooCloseToTellApartAreNotRemembered() {
    ElectrodePairTrack track = new ElectrodePairTrack();
    track.remember(100, 110, 100, 110 - ElectrodePairTrack.MIN_OFFSET_PX + 1);
    assertFalse(track.active());
    track.remember(100, 110, Double.NaN, Double.NaN);
    assertFalse(track.active());
  }

  @Test
  void resetForgetsThePair() {
    ElectrodePairTrack track = new ElectrodePairTrack();
    track.remember(100, 110, 100, 86);
    track.reset();
    assertFalse(track.active());
  }

  @Test
  void pairOutsideTheComputedMapsIsNotLookedFor() {
    Random rnd = random();
    RidgeMap m = frame(rnd, new double[] {100, 110}, new double[] {100, 86});
    float[] raw = new float[N * N];
    java.util.Arrays.fill(raw, 1500);
    boolean[] mask = new boolean[N * N];
    java.util.Arrays.fill(mask, true);
    m.compute(raw, mask, SCALES, 0.02, 0, 0, 96, 96); // a tracked frame: maps only around another wire
    ElectrodePairTrack track = new ElectrodePairTrack();
    track.remember(100, 110, 100, 86);
    assertNull(track.find(m));
  }
}
