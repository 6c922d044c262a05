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
 * @param requireTipElectrode report a wire only when its tip end shows a tip electrode (far darker than the body, as
 *     a pacing lead's platinum tip is): a lead whose tip runs into a region too dark to see it is then reported as
 *     not found rather than with its visible end taken for the tip; off for guidewires and catheters
 * @param confirmLock report a wire found by a whole-frame search (no wire tracked before, or tracking lost) only once
 *     the next frame, tracked from it, confirms its tip within a few pixels: a chance dark spot on the body is not
 *     reported as the tip for one frame; costs one frame at lock-on
 */
public record LeadDetectorOptions(
    double[] scales, double minContrast, double minLengthPx, int fovMarginPx, double searchRadiusPx, double seedSnr,
    double traceSnr, boolean requireTipElectrode, boolean confirmLock) {

  /** Any thin radio-opaque wire (guidewire, catheter, lead). */
  public static final LeadDetectorOptions DEFAULTS =
      new LeadDetectorOptions(new double[] {1.0, 1.5, 2.0}, 0.02, 40, 8, 40, 2.5, 0.9, false, false);
  /**
   * A pacing lead: as {@link #DEFAULTS}, its tip reported only where its tip electrode is seen, and a fresh lock only
   * once confirmed by the next frame.
   */
  public static final LeadDetectorOptions PACING_LEAD =
      new LeadDetectorOptions(new double[] {1.0, 1.5, 2.0}, 0.02, 40, 8, 40, 2.5, 0.9, true, true);

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
