package cathnav.core.lead;

/**
 * Temporal tracking of a wire's tip along the wire from one detection to the next (see {@link #limit}), and the
 * centreline arithmetic it needs (arc lengths, projection onto a centreline, cutting one at an arc length).
 *
 * <p>Keeps one bit of state (whether the last tracked wire was seen shorter than the one before); one instance per
 * {@link LeadDetector}, same thread.
 */
final class TipTrack {

  /** Most the tracked tip moves along the wire from one detection to the next, pixels. */
  static final double MAX_TIP_ADVANCE_PX = 8;
  /**
   * Most the tracked tip moves back along the wire from one detection to the next, pixels. Smaller than the advance:
   * a faint stretch before the tip electrode, or a lost electrode, makes the visible wire end short far more often
   * than a lead is pulled back (a pull-back of 3 pixels a frame is still 18 mm/s at 15 frames a second).
   */
  private static final double MAX_TIP_RETRACTION_PX = 3;
  /** Two centrelines within this many pixels of a tip are taken for the same wire, pixels. */
  private static final double SAME_WIRE_PX = 6;

  /** The previous tracked wire was seen shorter than the one before it. */
  private boolean shortened;

  /** Forgets the tracking state (with the detector's previous detection). */
  void reset() {
    shortened = false;
  }

  /** The centreline with the located tip appended when it lies beyond the traced end (else cut back to it). */
  static float[] extendTo(float[] ordered, double[] tip) {
    int n = ordered.length / 2;
    // the point of the centreline nearest the tip, searched from the end
    int nearest = n - 1;
    double best = Double.POSITIVE_INFINITY;
    for (int k = n - 1; k >= Math.max(0, n - 1 - TipLocator.BACK_PX); k--) {
      double d = Math.hypot(ordered[2 * k] - tip[0], ordered[2 * k + 1] - tip[1]);
      if (d < best) {
        best = d;
        nearest = k;
      }
    }
    float[] out = java.util.Arrays.copyOf(ordered, 2 * (nearest + 2));
    out[2 * nearest + 2] = (float) tip[0];
    out[2 * nearest + 3] = (float) tip[1];
    return out;
  }

  /**
   * Temporal tracking of the tip along the wire: from one detection to the next the tip moves along the wire by at
   * most {@link #MAX_TIP_ADVANCE_PX} forwards (measured on this frame's centreline from where the previous tip lies
   * on it) or {@link #MAX_TIP_RETRACTION_PX} backwards (measured on the previous centreline). A lead advances
   * millimetres a second; a larger jump of a faint wire's end is noise in where the valley fades, and a real one is
   * followed over a few frames. A wire seen shorter than last time for the first time keeps its previous tip (one
   * frame's faint end is not a pull-back). Applies only where the two centrelines pass within a few pixels of the
   * other's tip (the same wire). Returns the centreline ending at the tracked tip.
   */
  float[] limit(float[] line, LeadDetection previous) {
    double[] arcLine = arcLengths(line);
    int n = line.length / 2;
    double prevOnLine = project(line, arcLine, previous.tipU(), previous.tipV());
    double end = arcLine[n - 1];
    if (!Double.isNaN(prevOnLine)) {
      shortened = false;
      return end > prevOnLine + MAX_TIP_ADVANCE_PX ? cut(line, arcLine, prevOnLine + MAX_TIP_ADVANCE_PX) : line;
    }
    float[] before = previous.centreline();
    double[] arcBefore = arcLengths(before);
    double endOnBefore = project(before, arcBefore, line[2 * n - 2], line[2 * n - 1]);
    double prevTip = arcBefore[arcBefore.length - 1]; // a detection's centreline ends at its tip
    if (Double.isNaN(endOnBefore)) {
      shortened = false;
      return line;
    }
    double back = shortened ? MAX_TIP_RETRACTION_PX : 0;
    shortened = true;
    if (endOnBefore >= prevTip - back) {
      return line;
    }
    // the wire's end faded earlier than last time: keep the previous wire from here to (a little short of) its tip
    float[] rest = cut(before, arcBefore, prevTip - back);
    int from = 0;
    double[] arcRest = arcLengths(rest);
    while (from < rest.length / 2 - 1 && arcRest[from] <= endOnBefore) {
      from++;
    }
    float[] out = java.util.Arrays.copyOf(line, line.length + rest.length - 2 * from);
    System.arraycopy(rest, 2 * from, out, line.length, rest.length - 2 * from);
    return out;
  }

  /** The centreline up to arc length {@code s}, ending exactly there. */
  private static float[] cut(float[] line, double[] arc, double s) {
    int n = line.length / 2;
    int k = 0;
    while (k + 2 < n && arc[k + 1] < s) {
      k++;
    }
    int k1 = Math.min(n - 1, k + 1);
    double seg = arc[k1] - arc[k];
    double f = seg > 1e-9 ? Math.max(0, Math.min(1, (s - arc[k]) / seg)) : 0;
    float[] out = java.util.Arrays.copyOf(line, 2 * (k + 2));
    out[2 * k + 2] = (float) (line[2 * k] + f * (line[2 * k1] - line[2 * k]));
    out[2 * k + 3] = (float) (line[2 * k + 1] + f * (line[2 * k1 + 1] - line[2 * k + 1]));
    return out;
  }

  private static double[] arcLengths(float[] line) {
    int n = line.length / 2;
    double[] arc = new double[Math.max(1, n)];
    for (int k = 1; k < n; k++) {
      arc[k] = arc[k - 1] + Math.hypot(line[2 * k] - line[2 * k - 2], line[2 * k + 1] - line[2 * k - 1]);
    }
    return arc;
  }

  /** Arc length of the centreline point nearest (u, v) when within {@link #SAME_WIRE_PX}; NaN otherwise. */
  private static double project(float[] line, double[] arc, double u, double v) {
    double best = SAME_WIRE_PX;
    double at = Double.NaN;
    for (int k = 0; k < line.length / 2; k++) {
      double d = Math.hypot(line[2 * k] - u, line[2 * k + 1] - v);
      if (d < best) {
        best = d;
        at = arc[k];
      }
    }
    return at;
  }
}
