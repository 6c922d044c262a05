package cathnav.core.lead;

/**
 * Settings of {@link LeadDetector}; all lengths in detector pixels.
 *
 * @param scales Gaussian scales of the valley filter; the defaults favour wires 2 to 6 pixels across over wider
 *     tubes and bones, whose centre response falls off quickly at these scales
 * @param minContrast least valley depth on both sides, log-intensity units (0.02 is 2% darker); a wire's mean
 *     depth along its centreline must reach twice this
 * @param minLengthPx a traced wire shorter than this is not reported as found
 * @param fovMarginPx pixels trimmed inside the collimated field's edge
 * @param searchRadiusPx how far from the previous centreline the next frame's wire is searched first
 * @param seedSnr least valley strength, in units of the frame's noise, of a point a wire is traced from
 * @param traceSnr least valley strength, noise units, along which a trace goes on (weaker points are bridged for a
 *     few pixels)
 */
public record LeadDetectorOptions(
    double[] scales, double minContrast, double minLengthPx, int fovMarginPx, double searchRadiusPx, double seedSnr,
    double traceSnr) {

  public static final LeadDetectorOptions DEFAULTS = new LeadDetectorOptions(new double[] {1.0, 1.5, 2.0}, 0.02, 40, 8, 40, 2.5, 0.9);

  public LeadDetectorOptions {
    if (scales.length == 0) {
      throw new IllegalArgumentException("at least one scale is needed");
    }
    for (double s : scales) {
      if (!(s >= 0.5 && s <= 16)) {
        throw new IllegalArgumentException("scales must be within 0.5..16 pixels, scale=" + s);
      }
    }
    scales = scales.clone();
    if (!(minContrast >= 0) || !(minLengthPx > 0) || fovMarginPx < 0 || !(searchRadiusPx > 0) || !(seedSnr > 0)
        || !(traceSnr > 0)) {
      throw new IllegalArgumentException("invalid lead detector options, minContrast=" + minContrast + ", minLengthPx="
          + minLengthPx + ", fovMarginPx=" + fovMarginPx + ", searchRadiusPx=" + searchRadiusPx + ", seedSnr=" + seedSnr
          + ", traceSnr=" + traceSnr);
    }
  }

  @Override
  public double[] scales() {
    return scales.clone();
  }
}
