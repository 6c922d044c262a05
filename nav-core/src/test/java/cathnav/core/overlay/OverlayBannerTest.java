package cathnav.core.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The state banner of the rasterised overlay: its colour, and its text read back from the pixels. */
class OverlayBannerTest {

  private static final int W = 512;
  private static final int H = 512;

  /** Readouts with a confirmed tip over {@code segment} (0: no tip). */
  private static Readouts readouts(GuidanceState state, int segment, double distance, String message) {
    return segment == 0 ? new Readouts(11, 0.923, 0, 0, state, "java", false, message)
        : new Readouts(segment, distance, 11, 0.923, 0, 0, state, "java", false, message, TipConstraint.VEIN,
            TipState.CONFIRMED);
  }

  private static byte[] render(Readouts r, OverlayShape... shapes) {
    return OverlayRaster.render(new Overlay(1, 1_000, 66_666_667, W, H, null, List.of(shapes), r));
  }

  private static int rgba(byte[] img, int u, int v) {
    int i = (v * W + u) * 4;
    return ((img[i] & 0xFF) << 24) | ((img[i + 1] & 0xFF) << 16) | ((img[i + 2] & 0xFF) << 8) | (img[i + 3] & 0xFF);
  }

  /** Line {@code line} of the banner, read back from the pixels. */
  private static String readLine(byte[] img, String expected, int line) {
    int scale = OverlayBanner.scaleFor(H);
    // the text pixels alone: opaque white, or opaque black on amber (no banner colour is either)
    byte[] textOnly = new byte[img.length];
    for (int i = 0; i < img.length; i += 4) {
      boolean text = (img[i] & 0xFF) > 240 && (img[i + 1] & 0xFF) > 240 && (img[i + 2] & 0xFF) > 240
          || (img[i] & 0xFF) < 16 && (img[i + 1] & 0xFF) < 16 && (img[i + 2] & 0xFF) < 16 && (img[i + 3] & 0xFF) == 255;
      textOnly[i + 3] = (byte) (text ? 255 : 0);
    }
    return RasterFontTest.read(textOnly, W, 2 * scale, (2 + line * RasterFont.LINE_HEIGHT) * scale, scale,
        expected.length());
  }

  @Test
  void trackingShowsConfidenceAndTheReadoutsOnADarkStrip() {
    byte[] img = render(readouts(GuidanceState.TRACKING, 12, 14.26, ""));
    String[] lines = OverlayBanner.lines(readouts(GuidanceState.TRACKING, 12, 14.26, "ignored while tracking"));
    assertEquals("TRACKING  CONF 0.92", lines[0]);
    assertEquals("TIP SEG 12  TARGET 11  14.3 MM TO TARGET", lines[1]);
    assertEquals(2, lines.length);
    assertEquals(lines[0], readLine(img, lines[0], 0));
    assertEquals(lines[1], readLine(img, lines[1], 1));
    assertEquals(OverlayBanner.DARK & 0xFF, rgba(img, W - 1, 0) & 0xFF, "translucent dark strip");
  }

  @Test
  void lostIsARedBannerWithoutReadouts() {
    Readouts r = readouts(GuidanceState.LOST, 0, Double.NaN, "registration lost: overlay hidden until re-registration");
    byte[] img = render(r);
    String[] lines = OverlayBanner.lines(r);
    assertEquals(List.of("REGISTRATION LOST: OVERLAY HIDDEN"), List.of(lines), "no readouts, no repeated message");
    assertEquals(lines[0], readLine(img, lines[0], 0));
    assertEquals(OverlayBanner.RED, rgba(img, W - 1, 0), "red across the top");
    assertEquals(OverlayBanner.RED, rgba(img, W - 1, OverlayBanner.height(r, H) - 1));
    assertEquals(0, rgba(img, W - 1, OverlayBanner.height(r, H)), "below the banner: transparent");
  }

  @Test
  void unreliableIsAmberWithBlackTextAndSaysNotToRelyOnIt() {
    Readouts r = readouts(GuidanceState.UNRELIABLE, 12, 14.26, "low registration confidence");
    byte[] img = render(r);
    String[] lines = OverlayBanner.lines(r);
    assertEquals("UNRELIABLE  CONF 0.92: DO NOT RELY ON IT", lines[0]);
    assertEquals("TIP SEG 12  TARGET 11  14.3 MM TO TARGET", lines[1]);
    assertEquals("LOW REGISTRATION CONFIDENCE", lines[2]);
    for (int i = 0; i < 3; i++) {
      assertEquals(lines[i], readLine(img, lines[i], i));
    }
    assertEquals(OverlayBanner.AMBER, rgba(img, W - 1, 0));
  }

  @Test
  void anUnconfirmedTipGivesNoReadoutsAndSaysSo() {
    Readouts r = new Readouts(0, Double.NaN, 11, 0.923, 0, 0, GuidanceState.TRACKING, "java", false, "",
        TipConstraint.NONE, TipState.UNCONFIRMED);
    assertEquals("TIP NOT CONFIRMED  TARGET 11", OverlayBanner.lines(r)[1]);
    assertEquals("NO TIP  TARGET 11",
        OverlayBanner.lines(readouts(GuidanceState.TRACKING, 0, Double.NaN, ""))[1]);
  }

  @Test
  void staleIsRedAndAReasonItDoesNotSayYetIsShown() {
    Readouts r = readouts(GuidanceState.STALE, 0, Double.NaN, "no new frames; fell back to java");
    byte[] img = render(r);
    assertEquals(List.of("STALE: NO NEW FRAMES", "NO NEW FRAMES; FELL BACK TO JAVA"), List.of(OverlayBanner.lines(r)));
    assertEquals("STALE: NO NEW FRAMES", readLine(img, "STALE: NO NEW FRAMES", 0));
    assertEquals(OverlayBanner.RED, rgba(img, 0, 0));
  }

  @Test
  void theBannerIsDrawnOverShapesAndLeavesTheRestOfTheImageToThem() {
    float[] box = {0, 0, W - 1, 0, W - 1, H - 1, 0, H - 1};
    Readouts r = readouts(GuidanceState.TRACKING, 0, Double.NaN, "");
    byte[] img = render(r, new OverlayShape.Polygon(OverlayRole.TARGET_SEGMENT, box, true, 0x3399FFFF));
    assertEquals(0x3399FFFF, rgba(img, W / 2, H / 2), "below the banner: the shape");
    assertTrue(rgba(img, W - 1, 0) != 0x3399FFFF, "the banner is over the shape");
  }

  @Test
  void longMessagesAreCutToTheImageWidth() {
    Readouts r = readouts(GuidanceState.REGISTERING, 0, Double.NaN, "x".repeat(400));
    byte[] img = new byte[64 * 64 * 4];
    OverlayBanner.draw(r, img, 64, 64); // must not throw or wrap
    int maxChars = (64 - 2 * 2 + 1) / RasterFont.ADVANCE;
    assertTrue(RasterFont.width(RasterFont.fit(OverlayBanner.lines(r)[1], maxChars), 1) <= 64 - 2);
  }
}
