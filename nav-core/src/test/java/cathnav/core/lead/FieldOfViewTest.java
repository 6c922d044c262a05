package cathnav.core.lead;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The collimated field: the collimator's shadow is outside, dark anatomy reaching the image's border is not. */
class FieldOfViewTest {

  private static final int N = 256;

  private static Random random() {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println("seed=" + seed + " (reproduce: -Dcathnav.test.seed=" + seed + ")");
    return new Random(seed);
  }

  /** Quantum-like noise on a frame (variance equal to the intensity). */
  private static void addNoise(float[] raw, Random rnd) {
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (float) Math.max(0, raw[i] + rnd.nextGaussian() * Math.sqrt(raw[i]));
    }
  }

  @Test
  void heartShadowAtThreeAndAHalfPercentReachingTheBorderStaysInside() {
    Random rnd = random();
    float[] raw = new float[N * N];
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        // lungs at 2000; a heart shadow at 3.5 % of them from the middle down to the bottom border
        boolean shadow = y > 100 && Math.abs(x - 128) < 60;
        raw[y * N + x] = shadow ? 70 : 2000;
      }
    }
    addNoise(raw, rnd);
    FieldOfView fov = FieldOfView.of(raw, N, N, 8);
    assertTrue(fov.contains(128, 180), "heart shadow taken for the collimator");
    assertTrue(fov.contains(40, 60), "lung outside the field");
  }

  @Test
  void collimatorShadowAtOneAndAHalfPercentIsOutside() {
    Random rnd = random();
    float[] raw = new float[N * N];
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        raw[y * N + x] = Math.hypot(x - 128, y - 128) < 100 ? 2000 : 30;
      }
    }
    addNoise(raw, rnd);
    FieldOfView fov = FieldOfView.of(raw, N, N, 8);
    assertFalse(fov.contains(10, 10), "collimator corner inside the field");
    assertFalse(fov.contains(128, 24), "within the margin of the field's edge");
    assertTrue(fov.contains(128, 128), "field centre outside");
  }
}
