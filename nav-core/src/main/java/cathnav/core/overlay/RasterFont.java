package cathnav.core.overlay;

import java.util.Locale;

/**
 * A 5 x 7 pixel bitmap font for text drawn into the rasterised overlay ({@link OverlayRaster}), so that the image a
 * peer shows carries the guidance state and readouts without a system font (the service runs headless, on machines
 * without font libraries). Upper-case letters, digits, space and {@code . , : - + / % ( ) ? > < = ! ' _}; lower case
 * is drawn upper case, anything else as {@code ?}. Each character takes a 6 x 8 cell (one column and one row of
 * spacing), times the integer scale.
 *
 * <p>Glyph encoding: seven rows top to bottom, one byte each (most significant first), the five low bits of a row
 * being its columns left to right. Stateless and thread-safe.
 */
public final class RasterFont {

  /** Glyph width and height, font pixels. */
  public static final int GLYPH_WIDTH = 5;
  public static final int GLYPH_HEIGHT = 7;
  /** Advance from one character to the next, font pixels. */
  public static final int ADVANCE = GLYPH_WIDTH + 1;
  /** Advance from one line to the next, font pixels. */
  public static final int LINE_HEIGHT = GLYPH_HEIGHT + 1;

  private static final long[] GLYPHS = new long[128];

  static {
    long[][] table = {
      glyph('A', 0x0E11111F111111L),
      glyph('B', 0x1E11111E11111EL),
      glyph('C', 0x0E11101010110EL),
      glyph('D', 0x1C12111111121CL),
      glyph('E', 0x1F10101E10101FL),
      glyph('F', 0x1F10101E101010L),
      glyph('G', 0x0E11101711110FL),
      glyph('H', 0x1111111F111111L),
      glyph('I', 0x0E04040404040EL),
      glyph('J', 0x0702020202120CL),
      glyph('K', 0x11121418141211L),
      glyph('L', 0x1010101010101FL),
      glyph('M', 0x111B1515111111L),
      glyph('N', 0x11111915131111L),
      glyph('O', 0x0E11111111110EL),
      glyph('P', 0x1E11111E101010L),
      glyph('Q', 0x0E11111115120DL),
      glyph('R', 0x1E11111E141211L),
      glyph('S', 0x0F10100E01011EL),
      glyph('T', 0x1F040404040404L),
      glyph('U', 0x1111111111110EL),
      glyph('V', 0x11111111110A04L),
      glyph('W', 0x1111111515150AL),
      glyph('X', 0x11110A040A1111L),
      glyph('Y', 0x11110A04040404L),
      glyph('Z', 0x1F01020408101FL),
      glyph('0', 0x0E11131519110EL),
      glyph('1', 0x040C040404040EL),
      glyph('2', 0x0E11010204081FL),
      glyph('3', 0x1F02040201110EL),
      glyph('4', 0x02060A121F0202L),
      glyph('5', 0x1F101E0101110EL),
      glyph('6', 0x0608101E11110EL),
      glyph('7', 0x1F010204080808L),
      glyph('8', 0x0E11110E11110EL),
      glyph('9', 0x0E11110F01020CL),
      glyph('.', 0x00000000000C0CL),
      glyph(',', 0x000000000C0408L),
      glyph(':', 0x000C0C000C0C00L),
      glyph('-', 0x0000001F000000L),
      glyph('+', 0x0004041F040400L),
      glyph('/', 0x00010204081000L),
      glyph('%', 0x18190204081303L),
      glyph('(', 0x02040808080402L),
      glyph(')', 0x08040202020408L),
      glyph('?', 0x0E110102040004L),
      glyph('>', 0x08040201020408L),
      glyph('<', 0x02040810080402L),
      glyph('=', 0x00001F001F0000L),
      glyph('!', 0x04040404040004L),
      glyph('\'', 0x04040800000000L),
      glyph('_', 0x0000000000001FL)
    };
    for (long[] g : table) {
      GLYPHS[(int) g[0]] = g[1];
    }
  }

  private RasterFont() {}

  private static long[] glyph(char c, long rows) {
    return new long[] {c, rows};
  }

  /** Whether {@code c} has its own glyph (after upper-casing) or is a space; others are drawn as {@code ?}. */
  public static boolean covers(char c) {
    char u = Character.toUpperCase(c);
    return u == ' ' || (u < 128 && GLYPHS[u] != 0);
  }

  /** Whether font pixel (column {@code x}, row {@code y}) of {@code c}'s glyph is set. */
  public static boolean isSet(char c, int x, int y) {
    if (x < 0 || x >= GLYPH_WIDTH || y < 0 || y >= GLYPH_HEIGHT) {
      return false;
    }
    int row = (int) (rowsOf(c) >>> (8 * (GLYPH_HEIGHT - 1 - y))) & 0x1F;
    return ((row >>> (GLYPH_WIDTH - 1 - x)) & 1) != 0;
  }

  /** Width of {@code text} drawn at {@code scale}, image pixels (no trailing spacing). */
  public static int width(String text, int scale) {
    return text.isEmpty() ? 0 : (text.length() * ADVANCE - 1) * scale;
  }

  /**
   * Draws {@code text} with its top-left corner at pixel ({@code u0}, {@code v0}), each font pixel a
   * {@code scale x scale} block blended in {@code colour} (0xRRGGBBAA, source over); what falls outside the image is
   * clipped.
   *
   * @param out RGBA bytes of a {@code w x h} image, row-major
   */
  public static void draw(String text, int u0, int v0, int scale, int colour, byte[] out, int w, int h) {
    if (scale < 1) {
      throw new IllegalArgumentException("font scale must be at least 1, scale=" + scale);
    }
    for (int k = 0; k < text.length(); k++) {
      int cu = u0 + k * ADVANCE * scale;
      if (cu >= w) {
        return;
      }
      char c = text.charAt(k);
      if (c == ' ') {
        continue;
      }
      for (int y = 0; y < GLYPH_HEIGHT; y++) {
        for (int x = 0; x < GLYPH_WIDTH; x++) {
          if (isSet(c, x, y)) {
            fillBlock(cu + x * scale, v0 + y * scale, scale, colour, out, w, h);
          }
        }
      }
    }
  }

  /** {@code text} upper-cased and cut to at most {@code maxChars} (ending in three dots when cut). */
  public static String fit(String text, int maxChars) {
    String t = text.toUpperCase(Locale.ROOT);
    if (t.length() <= maxChars) {
      return t;
    }
    return maxChars <= 3 ? t.substring(0, Math.max(0, maxChars)) : t.substring(0, maxChars - 3) + "...";
  }

  private static long rowsOf(char c) {
    char u = Character.toUpperCase(c);
    if (u == ' ') {
      return 0;
    }
    long g = u < 128 ? GLYPHS[u] : 0;
    return g != 0 ? g : GLYPHS['?'];
  }

  private static void fillBlock(int u0, int v0, int size, int colour, byte[] out, int w, int h) {
    for (int v = Math.max(0, v0); v < Math.min(h, v0 + size); v++) {
      for (int u = Math.max(0, u0); u < Math.min(w, u0 + size); u++) {
        OverlayRaster.blend(out, (v * w + u) * 4, colour);
      }
    }
  }
}
