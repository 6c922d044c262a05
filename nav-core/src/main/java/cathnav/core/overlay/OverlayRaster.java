package cathnav.core.overlay;

import java.util.Arrays;

/**
 * Rasterises an {@link Overlay} into an RGBA image of the frame's size, for peers that show images rather than vector
 * data (the optional overlay IMAGE over OpenIGTLink). Shapes are composited in drawing order, source over, with
 * straight (non-premultiplied) alpha; pixels no shape or banner covers stay fully transparent (0, 0, 0, 0).
 *
 * <ul>
 *   <li>filled polygon: every pixel whose centre lies inside (even-odd rule) takes the fill colour;
 *   <li>outline (unfilled polygon, closed) and polyline: pixels whose centre lies within {@link #LINE_HALF_WIDTH_PX}
 *       of a segment;
 *   <li>marker: a filled disc of its radius; an unconfirmed lead tip ({@link OverlayRole#LEAD_TIP_UNCONFIRMED}) an
 *       open ring instead: pixels whose centre lies within {@link #LINE_HALF_WIDTH_PX} of the circle;
 *   <li>label: its text in {@link RasterFont}, left end of the baseline at its anchor (as a canvas draws it);
 *   <li>last, the state banner across the top ({@link OverlayBanner}): the guidance state and the readouts, on red
 *       when the overlay is hidden (LOST, STALE), amber when UNRELIABLE (the readouts also travel as the STRING
 *       message).
 * </ul>
 *
 * <p>Coordinates are detector pixels, pixel centres at integers ({@code (0, 0)} the first pixel in memory). The
 * output is row-major, 4 bytes a pixel (R, G, B, A), {@code width * height * 4} bytes. Stateless and thread-safe.
 */
public final class OverlayRaster {

  /** Half the drawn width of outlines and polylines, pixels (lines are 2 pixels wide). */
  public static final double LINE_HALF_WIDTH_PX = 1.0;

  private OverlayRaster() {}

  /** The overlay as RGBA bytes (a new array the caller owns): its shapes, then the state banner over them. */
  public static byte[] render(Overlay overlay) {
    byte[] rgba = shapes(overlay);
    OverlayBanner.draw(overlay.readouts(), rgba, overlay.width(), overlay.height());
    return rgba;
  }

  /** The overlay's shapes alone as RGBA bytes (a new array the caller owns), without the state banner. */
  public static byte[] shapes(Overlay overlay) {
    int w = overlay.width();
    int h = overlay.height();
    byte[] rgba = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 4)];
    for (OverlayShape s : overlay.shapes()) {
      if (s instanceof OverlayShape.Polygon p) {
        if (p.filled()) {
          fillPolygon(p.uv(), p.rgba(), rgba, w, h);
        } else {
          strokePath(p.uv(), true, p.rgba(), rgba, w, h);
        }
      } else if (s instanceof OverlayShape.Polyline l) {
        strokePath(l.uv(), false, l.rgba(), rgba, w, h);
      } else if (s instanceof OverlayShape.Marker m) {
        if (m.role() == OverlayRole.LEAD_TIP_UNCONFIRMED) {
          strokeRing(m.u(), m.v(), m.radius(), m.rgba(), rgba, w, h);
        } else {
          fillDisc(m.u(), m.v(), m.radius(), m.rgba(), rgba, w, h);
        }
      } else if (s instanceof OverlayShape.Label l) {
        int scale = OverlayBanner.scaleFor(h);
        RasterFont.draw(l.text(), Math.round(l.u()), Math.round(l.v()) - RasterFont.GLYPH_HEIGHT * scale, scale,
            l.rgba(), rgba, w, h);
      }
    }
    return rgba;
  }

  /** Even-odd scanline fill sampled at pixel centres. */
  static void fillPolygon(float[] uv, int colour, byte[] out, int w, int h) {
    int n = uv.length / 2;
    double vMin = Double.POSITIVE_INFINITY;
    double vMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      vMin = Math.min(vMin, uv[2 * i + 1]);
      vMax = Math.max(vMax, uv[2 * i + 1]);
    }
    double[] crossings = new double[n];
    for (int v = Math.max(0, (int) Math.ceil(vMin)); v <= Math.min(h - 1, (int) Math.floor(vMax)); v++) {
      int count = 0;
      for (int i = 0, j = n - 1; i < n; j = i++) {
        double vi = uv[2 * i + 1];
        double vj = uv[2 * j + 1];
        // half-open rule: an edge counts when the row lies in [min, max), so shared vertices count once
        if ((vi <= v) != (vj <= v)) {
          double ui = uv[2 * i];
          double uj = uv[2 * j];
          crossings[count++] = ui + (v - vi) * (uj - ui) / (vj - vi);
        }
      }
      Arrays.sort(crossings, 0, count);
      for (int k = 0; k + 1 < count; k += 2) {
        int u0 = Math.max(0, (int) Math.ceil(crossings[k]));
        int u1 = Math.min(w - 1, (int) Math.ceil(crossings[k + 1]) - 1);
        for (int u = u0; u <= u1; u++) {
          blend(out, (v * w + u) * 4, colour);
        }
      }
    }
  }

  /** Pixels within the line half-width of any segment of the path, each blended once. */
  static void strokePath(float[] uv, boolean closed, int colour, byte[] out, int w, int h) {
    int n = uv.length / 2;
    int segments = closed ? n : n - 1;
    double r = LINE_HALF_WIDTH_PX;
    double uMin = Double.POSITIVE_INFINITY;
    double uMax = Double.NEGATIVE_INFINITY;
    double vMin = Double.POSITIVE_INFINITY;
    double vMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      uMin = Math.min(uMin, uv[2 * i]);
      uMax = Math.max(uMax, uv[2 * i]);
      vMin = Math.min(vMin, uv[2 * i + 1]);
      vMax = Math.max(vMax, uv[2 * i + 1]);
    }
    int bu0 = Math.max(0, (int) Math.floor(uMin - r));
    int bu1 = Math.min(w - 1, (int) Math.ceil(uMax + r));
    int bv0 = Math.max(0, (int) Math.floor(vMin - r));
    int bv1 = Math.min(h - 1, (int) Math.ceil(vMax + r));
    if (bu0 > bu1 || bv0 > bv1) {
      return;
    }
    int bw = bu1 - bu0 + 1;
    boolean[] covered = new boolean[bw * (bv1 - bv0 + 1)];
    for (int s = 0; s < segments; s++) {
      int a = s;
      int b = (s + 1) % n;
      double au = uv[2 * a];
      double av = uv[2 * a + 1];
      double du = uv[2 * b] - au;
      double dv = uv[2 * b + 1] - av;
      double len2 = du * du + dv * dv;
      int u0 = Math.max(bu0, (int) Math.floor(Math.min(au, au + du) - r));
      int u1 = Math.min(bu1, (int) Math.ceil(Math.max(au, au + du) + r));
      int v0 = Math.max(bv0, (int) Math.floor(Math.min(av, av + dv) - r));
      int v1 = Math.min(bv1, (int) Math.ceil(Math.max(av, av + dv) + r));
      for (int v = v0; v <= v1; v++) {
        for (int u = u0; u <= u1; u++) {
          double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((u - au) * du + (v - av) * dv) / len2));
          double eu = u - (au + t * du);
          double ev = v - (av + t * dv);
          if (eu * eu + ev * ev <= r * r) {
            covered[(v - bv0) * bw + (u - bu0)] = true;
          }
        }
      }
    }
    for (int v = bv0; v <= bv1; v++) {
      for (int u = bu0; u <= bu1; u++) {
        if (covered[(v - bv0) * bw + (u - bu0)]) {
          blend(out, (v * w + u) * 4, colour);
        }
      }
    }
  }

  static void fillDisc(double cu, double cv, double radius, int colour, byte[] out, int w, int h) {
    for (int v = Math.max(0, (int) Math.ceil(cv - radius)); v <= Math.min(h - 1, (int) Math.floor(cv + radius)); v++) {
      for (int u = Math.max(0, (int) Math.ceil(cu - radius)); u <= Math.min(w - 1, (int) Math.floor(cu + radius));
          u++) {
        if ((u - cu) * (u - cu) + (v - cv) * (v - cv) <= radius * radius) {
          blend(out, (v * w + u) * 4, colour);
        }
      }
    }
  }

  /** Pixels whose centre lies within the line half-width of the circle of {@code radius} about (cu, cv). */
  static void strokeRing(double cu, double cv, double radius, int colour, byte[] out, int w, int h) {
    double outer = radius + LINE_HALF_WIDTH_PX;
    double inner = Math.max(0, radius - LINE_HALF_WIDTH_PX);
    for (int v = Math.max(0, (int) Math.ceil(cv - outer)); v <= Math.min(h - 1, (int) Math.floor(cv + outer)); v++) {
      for (int u = Math.max(0, (int) Math.ceil(cu - outer)); u <= Math.min(w - 1, (int) Math.floor(cu + outer));
          u++) {
        double d2 = (u - cu) * (u - cu) + (v - cv) * (v - cv);
        if (d2 <= outer * outer && d2 >= inner * inner) {
          blend(out, (v * w + u) * 4, colour);
        }
      }
    }
  }

  /** Source-over of the straight-alpha colour {@code 0xRRGGBBAA} onto the straight-alpha pixel at {@code i}. */
  static void blend(byte[] out, int i, int colour) {
    double sa = (colour & 0xFF) / 255.0;
    if (sa <= 0) {
      return;
    }
    double da = (out[i + 3] & 0xFF) / 255.0;
    double a = sa + da * (1 - sa);
    for (int c = 0; c < 3; c++) {
      double s = (colour >>> (24 - 8 * c)) & 0xFF;
      double d = out[i + c] & 0xFF;
      out[i + c] = (byte) Math.round((s * sa + d * da * (1 - sa)) / a);
    }
    out[i + 3] = (byte) Math.round(a * 255);
  }
}
