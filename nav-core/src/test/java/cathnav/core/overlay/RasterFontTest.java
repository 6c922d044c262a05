package cathnav.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Text drawn with the raster font, read back from the pixels by matching each cell against the glyph table. */
class RasterFontTest {

  static final String CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:-+/%()?><=!'_";

  private static long seed() {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println("seed=" + seed + " (reproduce: -Dcathnav.test.seed=" + seed + ")");
    return seed;
  }

  /** The 35 font pixels of a glyph as a bit string, row by row. */
  private static String bits(char c) {
    StringBuilder b = new StringBuilder();
    for (int y = 0; y < RasterFont.GLYPH_HEIGHT; y++) {
      for (int x = 0; x < RasterFont.GLYPH_WIDTH; x++) {
        b.append(RasterFont.isSet(c, x, y) ? '1' : '0');
      }
    }
    return b.toString();
  }

  /**
   * Reads {@code chars} characters drawn at ({@code u0}, {@code v0}) and {@code scale} back from an RGBA image: each
   * font pixel must be one uniformly opaque or uniformly transparent block, and each cell's pattern one glyph's.
   */
  static String read(byte[] rgba, int w, int u0, int v0, int scale, int chars) {
    Map<String, Character> byBits = new HashMap<>();
    for (char c : CHARSET.toCharArray()) {
      byBits.put(bits(c), c);
    }
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < chars; k++) {
      StringBuilder b = new StringBuilder();
      for (int y = 0; y < RasterFont.GLYPH_HEIGHT; y++) {
        for (int x = 0; x < RasterFont.GLYPH_WIDTH; x++) {
          int bu = u0 + (k * RasterFont.ADVANCE + x) * scale;
          int bv = v0 + y * scale;
          int first = rgba[(bv * w + bu) * 4 + 3] & 0xFF;
          for (int dv = 0; dv < scale; dv++) {
            for (int du = 0; du < scale; du++) {
              assertEquals(first, rgba[((bv + dv) * w + bu + du) * 4 + 3] & 0xFF,
                  "font pixel (" + x + ", " + y + ") of character " + k + " is not one block");
            }
          }
          b.append(first == 255 ? '1' : '0');
        }
      }
      Character c = byBits.get(b.toString());
      text.append(c == null ? '\u0000' : c);
    }
    return text.toString();
  }

  @Test
  void everyCharacterHasItsOwnGlyphAndOnlySpaceIsBlank() {
    Map<String, Character> seen = new HashMap<>();
    for (char c : CHARSET.toCharArray()) {
      assertTrue(RasterFont.covers(c), "covered: '" + c + "'");
      Character before = seen.put(bits(c), c);
      assertEquals(null, before, "'" + c + "' draws like '" + before + "'");
      if (c != ' ') {
        assertTrue(bits(c).contains("1"), "'" + c + "' draws nothing");
      }
    }
    assertEquals("0".repeat(35), bits(' '));
  }

  @Test
  void randomTextReadsBackFromThePixelsAtAnyScale() {
    long seed = seed();
    SplittableRandom r = new SplittableRandom(seed);
    for (int trial = 0; trial < 40; trial++) {
      int scale = r.nextInt(1, 5);
      int length = r.nextInt(1, 16);
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < length; i++) {
        s.append(CHARSET.charAt(r.nextInt(CHARSET.length())));
      }
      String text = s.toString();
      int w = RasterFont.width(text, scale) + r.nextInt(0, 40);
      int h = RasterFont.GLYPH_HEIGHT * scale + r.nextInt(0, 20);
      int u0 = r.nextInt(0, w - RasterFont.width(text, scale) + 1);
      int v0 = r.nextInt(0, h - RasterFont.GLYPH_HEIGHT * scale + 1);
      byte[] rgba = new byte[w * h * 4];
      RasterFont.draw(text, u0, v0, scale, 0x11EE22FF, rgba, w, h);
      assertEquals(text, read(rgba, w, u0, v0, scale, length), "seed=" + seed + ", trial=" + trial);
      int drawn = 0;
      for (int v = 0; v < h; v++) {
        for (int u = 0; u < w; u++) {
          int a = rgba[(v * w + u) * 4 + 3] & 0xFF;
          boolean inText = u >= u0 && u < u0 + RasterFont.width(text, scale) && v >= v0
              && v < v0 + RasterFont.GLYPH_HEIGHT * scale;
          if (!inText) {
            assertEquals(0, a, "outside the text, pixel (" + u + ", " + v + "), seed=" + seed);
          }
          if (a == 255) {
            drawn++;
            assertEquals(0x11, rgba[(v * w + u) * 4] & 0xFF, "colour, seed=" + seed);
          }
        }
      }
      int expected = 0;
      for (char c : text.toCharArray()) {
        expected += bits(c).replace("0", "").length() * scale * scale;
      }
      assertEquals(expected, drawn, "every set font pixel is one block, seed=" + seed);
    }
  }

  @Test
  void lowerCaseIsDrawnUpperCaseAndUnknownCharactersAsAQuestionMark() {
    assertEquals(bits('A'), bits('a'));
    assertEquals(bits('?'), bits('~'));
    assertEquals(bits('?'), bits('\u00e9'));
    assertNotEquals(bits('?'), bits('A'));
  }

  @Test
  void textRunningOffTheImageIsClipped() {
    int w = 20;
    int h = 5;
    byte[] rgba = new byte[w * h * 4];
    RasterFont.draw("WWWWWWWW", -3, -2, 2, 0xFFFFFFFF, rgba, w, h);
    int drawn = 0;
    for (int i = 3; i < rgba.length; i += 4) {
      drawn += (rgba[i] & 0xFF) == 255 ? 1 : 0;
    }
    assertTrue(drawn > 0 && drawn < w * h, "partly drawn, drawn=" + drawn);
  }

  @Test
  void fitCutsLongTextWithThreeDots() {
    assertEquals("ABC", RasterFont.fit("abc", 5));
    assertEquals("ABCDE", RasterFont.fit("abcde", 5));
    assertEquals("AB...", RasterFont.fit("abcdef", 5));
  }
}
