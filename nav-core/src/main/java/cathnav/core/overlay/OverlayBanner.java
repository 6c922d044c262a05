package cathnav.core.overlay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The state banner across the top of the rasterised overlay ({@link OverlayRaster}): what a peer that shows only the
 * overlay IMAGE (3D Slicer, a lab monitor) needs to see on the image itself. Colours follow the failure policy: red behind LOST and STALE (the model overlay is
 * hidden), amber behind UNRELIABLE, grey while registering, a dark translucent strip while TRACKING. One to three
 * lines: the state, the readouts while the model overlay is shown, and the reason for a state other than TRACKING.
 *
 * <p>The text is {@link RasterFont} at {@link #scaleFor(int) a scale} of one font pixel per 256 image rows (2 at
 * 512 x 512, 4 at 1024 x 1024), cut to the image's width. Stateless and thread-safe.
 */
public final class OverlayBanner {

  static final int RED = 0xC8141EE6;
  static final int AMBER = 0xFFB000E6;
  static final int GREY = 0x505050D0;
  static final int DARK = 0x000000A0;
  private static final int WHITE = 0xFFFFFFFF;
  private static final int BLACK = 0x000000FF;
  /** Margin around the text, font pixels. */
  private static final int PAD = 2;

  private OverlayBanner() {}

  /** Font scale for an image {@code height} pixels high: one font pixel per 256 rows, at least 1. */
  public static int scaleFor(int height) {
    return Math.max(1, height / 256);
  }

  /** Height of the banner for {@code r} on an image {@code height} pixels high, pixels. */
  public static int height(Readouts r, int height) {
    return (2 * PAD + lines(r).length * RasterFont.LINE_HEIGHT - 1) * scaleFor(height);
  }

  /**
   * The banner's lines for these readouts, upper case, before cutting to the image's width: the state and what it
   * means; the readouts while the model overlay is shown (segment and distance only from a confirmed tip); the state's message, unless the first line already says it
   * (the message's text before its first colon is in it).
   */
  public static String[] lines(Readouts r) {
    String headline = switch (r.state()) {
      case REGISTERING -> "REGISTERING";
      case TRACKING -> String.format(Locale.ROOT, "TRACKING  CONF %.2f", r.confidence());
      case UNRELIABLE -> String.format(Locale.ROOT, "UNRELIABLE  CONF %.2f: DO NOT RELY ON IT",
          r.confidence());
      case LOST -> "REGISTRATION LOST: OVERLAY HIDDEN";
      case STALE -> "STALE: NO NEW FRAMES";
    };
    List<String> lines = new ArrayList<>(3);
    lines.add(headline);
    if (r.state().overlayVisible()) {
      StringBuilder b = new StringBuilder();
      b.append(switch (r.tipState()) {
        case CONFIRMED -> r.segmentUnderTip() > 0 ? "TIP SEG " + r.segmentUnderTip() : "TIP OFF THE LV";
        case UNCONFIRMED -> "TIP NOT CONFIRMED";
        case STALE -> "TIP STALE";
        case NONE -> "NO TIP";
      });
      if (r.targetSegment() > 0) {
        b.append("  TARGET ").append(r.targetSegment());
      }
      if (Double.isFinite(r.distanceToTargetMm())) {
        b.append(String.format(Locale.ROOT, "  %.1f MM TO TARGET", r.distanceToTargetMm()));
      }
      lines.add(b.toString());
    }
    String message = r.message().toUpperCase(Locale.ROOT).strip();
    int colon = message.indexOf(':');
    String gist = colon < 0 ? message : message.substring(0, colon);
    if (!message.isEmpty() && r.state() != GuidanceState.TRACKING && !headline.contains(gist)) {
      lines.add(message);
    }
    return lines.toArray(String[]::new);
  }

  /** Draws the banner for {@code r} across the top of a {@code w x h} RGBA image. */
  public static void draw(Readouts r, byte[] out, int w, int h) {
    int scale = scaleFor(h);
    int bannerHeight = Math.min(h, height(r, h));
    int background = switch (r.state()) {
      case LOST, STALE -> RED;
      case UNRELIABLE -> AMBER;
      case REGISTERING -> GREY;
      case TRACKING -> DARK;
    };
    int text = r.state() == GuidanceState.UNRELIABLE ? BLACK : WHITE;
    for (int v = 0; v < bannerHeight; v++) {
      for (int u = 0; u < w; u++) {
        OverlayRaster.blend(out, (v * w + u) * 4, background);
      }
    }
    int maxChars = Math.max(0, (w / scale - 2 * PAD + 1) / RasterFont.ADVANCE);
    String[] lines = lines(r);
    for (int i = 0; i < lines.length; i++) {
      RasterFont.draw(RasterFont.fit(lines[i], maxChars), PAD * scale,
          (PAD + i * RasterFont.LINE_HEIGHT) * scale, scale, text, out, w, h);
    }
  }
}
