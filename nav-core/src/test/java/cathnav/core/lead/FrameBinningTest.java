package cathnav.core.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameBinningTest {

  private static long seed() {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println("seed=" + seed + " (reproduce: -Dcathnav.test.seed=" + seed + ")");
    return seed;
  }

  @Test
  void factorBringsTheLargerSideNearestFiveHundredAndTwelve() {
    assertEquals(1, FrameBinning.forFrame(64, 64).factor());
    assertEquals(1, FrameBinning.forFrame(512, 512).factor());
    assertEquals(1, FrameBinning.forFrame(700, 600).factor());
    assertEquals(2, FrameBinning.forFrame(1024, 1024).factor());
    assertEquals(2, FrameBinning.forFrame(1024, 768).factor());
    assertEquals(4, FrameBinning.forFrame(2048, 2048).factor());
  }

  @Test
  void eachBinnedPixelIsTheMeanOfItsBlockOnRandomFrames() {
    Random rnd = new Random(seed());
    for (int trial = 0; trial < 20; trial++) {
      int f = 1 + rnd.nextInt(4);
      int width = 1 + rnd.nextInt(50);
      int height = 1 + rnd.nextInt(50);
      float[] pixels = new float[width * height];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (float) (rnd.nextDouble() * 4095);
      }
      FrameBinning b = new FrameBinning(f);
      float[] out = b.bin(pixels, width, height);
      int bw = width / f;
      int bh = height / f;
      assertEquals(bw * bh, out.length);
      for (int by = 0; by < bh; by++) {
        for (int bx = 0; bx < bw; bx++) {
          double sum = 0;
          for (int y = by * f; y < by * f + f; y++) {
            for (int x = bx * f; x < bx * f + f; x++) {
              sum += pixels[y * width + x];
            }
          }
          assertEquals(sum / (f * f), out[by * bw + bx], 1e-3, "block (" + bx + ", " + by + "), f=" + f);
        }
      }
    }
  }

  @Test
  void factorOneGivesTheFrameItself() {
    float[] pixels = {1, 2, 3, 4};
    assertSame(pixels, new FrameBinning(1).bin(pixels, 2, 2));
  }

  @Test
  void binnedPixelCentreMapsToTheCentreOfItsBlock() {
    // block 0 of a 2 x 2 binning covers pixels 0 and 1: centre 0.5; block 3 covers 6 and 7: centre 6.5
    FrameBinning two = new FrameBinning(2);
    assertEquals(0.5, two.toOriginal(0), 1e-12);
    assertEquals(6.5, two.toOriginal(3), 1e-12);
    FrameBinning three = new FrameBinning(3);
    assertEquals(1.0, three.toOriginal(0), 1e-12);
    assertEquals(7.0, three.toOriginal(2), 1e-12);
    assertEquals(5.25, new FrameBinning(1).toOriginal(5.25), 1e-12);
  }

  @Test
  void factorBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new FrameBinning(0));
  }
}
