package cathnav.core.overlay;

/**
 * Writes an {@link Overlay} as compact JSON, the form sent to web displays and, as a STRING, to OpenIGTLink peers.
 * Output is deterministic: the same overlay always gives the same bytes (coordinates rounded to 0.1 pixel, pose to
 * 1e-6), so recorded procedures can be compared overlay by overlay.
 *
 * <pre>
 * {"type":"overlay","seq":12,"ts":"1764204000123456789","tsMs":1764204000123.457,"intervalMs":66.667,
 *  "width":512,"height":512,"state":"TRACKING","pose":[r00,...,r33] | null,
 *  "readouts":{"segmentUnderTip":11,"distanceToTargetMm":4.2 | null,"tipConstraint":"vein" | "target-depth" |
 *              "ray" | "none","tipState":"confirmed" | "unconfirmed" | "stale" | "none","targetSegment":12,
 *              "confidence":0.91,
 *              "poseAgeMs":0.0,"latencyMs":7.3,"backend":"java","backendFallback":false,"message":""},
 *  "shapes":[{"kind":"polygon","role":"LV_SILHOUETTE","colour":"#33dd55ff","filled":false,"uv":[u0,v0,...]},
 *            {"kind":"polyline","role":"VEIN",...,"uv":[...]},
 *            {"kind":"marker","role":"LEAD_TIP" | "LEAD_TIP_UNCONFIRMED","colour":"...","u":1.0,"v":2.0,
 *             "radius":6.0},
 *            {"kind":"label","role":"LABEL","colour":"...","u":1.0,"v":2.0,"text":"..."}]}
 * </pre>
 *
 * {@code ts} is a string because ns since the epoch exceed a JavaScript number's exact range. {@code tipState} says
 * what the lead tip is worth ({@link TipState}): segment and distance are given only for {@code "confirmed"}; an
 * unconfirmed tip is drawn as a {@code LEAD_TIP_UNCONFIRMED} marker (an open ring, labelled "tip?"), a stale one not at
 * all. Fields are only ever added: readers ignore the ones they do not know.
 */
public final class OverlayJson {

  private OverlayJson() {}

  /** The JSON text of {@code overlay}. */
  public static String write(Overlay overlay) {
    StringBuilder b = new StringBuilder(256 + 16 * overlay.shapes().size() * 32);
    Readouts r = overlay.readouts();
    b.append("{\"type\":\"overlay\",\"seq\":").append(overlay.frameSequence());
    b.append(",\"ts\":\"").append(overlay.sourceTimestampNanos()).append('"');
    b.append(",\"tsMs\":");
    fixed(b, overlay.sourceTimestampNanos() / 1e6, 3);
    b.append(",\"intervalMs\":");
    fixed(b, overlay.frameIntervalNanos() / 1e6, 3);
    b.append(",\"width\":").append(overlay.width()).append(",\"height\":").append(overlay.height());
    b.append(",\"state\":\"").append(r.state().name()).append('"');
    b.append(",\"pose\":");
    double[] pose = overlay.pose();
    if (pose == null) {
      b.append("null");
    } else {
      b.append('[');
      for (int i = 0; i < 16; i++) {
        if (i > 0) {
          b.append(',');
        }
        fixed(b, pose[i], 6);
      }
      b.append(']');
    }
    b.append(",\"readouts\":");
    readouts(b, r);
    b.append(",\"shapes\":[");
    boolean first = true;
    for (OverlayShape s : overlay.shapes()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      shape(b, s);
    }
    return b.append("]}").toString();
  }

  /**
   * The readouts alone, with the frame's sequence, time stamp and state (the STRING sent to OpenIGTLink peers):
   * {@code {"type":"readouts","seq":..,"ts":"..","state":"..","readouts":{...}}}.
   */
  public static String writeReadouts(Overlay overlay) {
    StringBuilder b = new StringBuilder(320);
    b.append("{\"type\":\"readouts\",\"seq\":").append(overlay.frameSequence());
    b.append(",\"ts\":\"").append(overlay.sourceTimestampNanos()).append('"');
    b.append(",\"state\":\"").append(overlay.readouts().state().name()).append('"');
    b.append(",\"readouts\":");
    readouts(b, overlay.readouts());
    return b.append('}').toString();
  }

  private static void readouts(StringBuilder b, Readouts r) {
    b.append("{\"segmentUnderTip\":").append(r.segmentUnderTip());
    b.append(",\"distanceToTargetMm\":");
    if (Double.isFinite(r.distanceToTargetMm())) {
      fixed(b, r.distanceToTargetMm(), 1);
    } else {
      b.append("null");
    }
    b.append(",\"tipConstraint\":\"").append(r.tipConstraint().wireName()).append('"');
    b.append(",\"tipState\":\"").append(r.tipState().wireName()).append('"');
    b.append(",\"targetSegment\":").append(r.targetSegment());
    b.append(",\"confidence\":");
    fixed(b, r.confidence(), 3);
    b.append(",\"poseAgeMs\":");
    fixed(b, r.poseAgeNanos() / 1e6, 1);
    b.append(",\"latencyMs\":");
    fixed(b, r.frameLatencyNanos() / 1e6, 2);
    b.append(",\"backend\":");
    string(b, r.backend());
    b.append(",\"backendFallback\":").append(r.backendFallback());
    b.append(",\"message\":");
    string(b, r.message());
    b.append('}');
  }

  private static void shape(StringBuilder b, OverlayShape s) {
    String kind =
        s instanceof OverlayShape.Polygon
            ? "polygon"
            : s instanceof OverlayShape.Polyline ? "polyline" : s instanceof OverlayShape.Marker ? "marker" : "label";
    b.append("{\"kind\":\"").append(kind).append("\",\"role\":\"").append(s.role().name());
    b.append("\",\"colour\":\"").append(colour(s.rgba())).append('"');
    if (s instanceof OverlayShape.Polygon p) {
      b.append(",\"filled\":").append(p.filled()).append(",\"uv\":");
      coordinates(b, p.uv());
    } else if (s instanceof OverlayShape.Polyline p) {
      b.append(",\"uv\":");
      coordinates(b, p.uv());
    } else if (s instanceof OverlayShape.Marker m) {
      b.append(",\"u\":");
      fixed(b, m.u(), 1);
      b.append(",\"v\":");
      fixed(b, m.v(), 1);
      b.append(",\"radius\":");
      fixed(b, m.radius(), 1);
    } else if (s instanceof OverlayShape.Label l) {
      b.append(",\"u\":");
      fixed(b, l.u(), 1);
      b.append(",\"v\":");
      fixed(b, l.v(), 1);
      b.append(",\"text\":");
      string(b, l.text());
    }
    b.append('}');
  }

  /** {@code #rrggbbaa}, lower case. */
  public static String colour(int rgba) {
    String hex = Integer.toHexString(rgba);
    return "#" + "0".repeat(8 - hex.length()) + hex;
  }

  private static void coordinates(StringBuilder b, float[] uv) {
    b.append('[');
    for (int i = 0; i < uv.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      fixed(b, uv[i], 1);
    }
    b.append(']');
  }

  /** Appends {@code x} rounded half-up to {@code decimals} places, without exponent, "-0" written as "0". */
  static void fixed(StringBuilder b, double x, int decimals) {
    if (!Double.isFinite(x)) {
      b.append("null");
      return;
    }
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    long q = Math.round(x * scale);
    if (q < 0) {
      b.append('-');
      q = -q;
    }
    b.append(q / scale);
    if (decimals > 0) {
      b.append('.');
      String frac = Long.toString(q % scale);
      for (int i = frac.length(); i < decimals; i++) {
        b.append('0');
      }
      b.append(frac);
    }
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
