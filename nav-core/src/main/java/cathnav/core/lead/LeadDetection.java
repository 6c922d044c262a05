package cathnav.core.lead;

/**
 * The lead or catheter found in one frame, in detector pixels ({@code u} along a row, {@code v} down; pixel
 * centres at integers).
 *
 * @param found whether a wire at least the configured minimum length was traced
 * @param centreline {@code u0, v0, u1, v1, ...} from the proximal end to the tip, about one pixel apart (empty when
 *     not found); owned by the record, treat as read-only
 * @param tipU tip column, pixels (NaN when not found)
 * @param tipV tip row, pixels (NaN when not found)
 * @param lengthPx traced length, pixels
 * @param meanContrast mean valley depth along the centreline, log-intensity units (0.1 is about 10% darker)
 * @param tipConfidence how far the detector's own evidence supports the tip, in [0, 1] (0 when not found): 0.25 a wire
 *     without a seen tip electrode or with its tip held or clamped by the temporal tracking, 0.5 a tip electrode seen
 *     in this detection only (a fresh lock or a jump), 0.75 and up (confirmed) seen and agreeing over two or more
 *     consecutive detections in the same view, 1 from four
 */
public record LeadDetection(
    boolean found, float[] centreline, double tipU, double tipV, double lengthPx, double meanContrast,
    double tipConfidence) {

  public LeadDetection {
    if (!(tipConfidence >= 0 && tipConfidence <= 1) || (!found && tipConfidence != 0)) {
      throw new IllegalArgumentException("tip confidence must be in [0, 1] and 0 when nothing is found, found=" + found
          + ", tipConfidence=" + tipConfidence);
    }
  }

  /** A detection without the detector's own evidence for its tip ({@code tipConfidence} 0.25 when found, else 0). */
  public LeadDetection(
      boolean found, float[] centreline, double tipU, double tipV, double lengthPx, double meanContrast) {
    this(found, centreline, tipU, tipV, lengthPx, meanContrast, found ? TipConfirmation.WITHOUT_EVIDENCE : 0);
  }

  static LeadDetection none() {
    return new LeadDetection(false, new float[0], Double.NaN, Double.NaN, 0, 0, 0);
  }

  /**
   * Whether the detector has its own evidence that the tip is right: the tip electrode seen at the traced end in this
   * detection and the one before it (in the same view: the detector is reset when the projection changes), the two
   * tips agreeing within a tracked step, the tip where the image puts it (not held or clamped by the tracking), and
   * not a fresh lock. False whenever {@link #found()} is false. A readout that depends on where the tip is should be shown
   * as reliable only when this holds; {@link #found()} alone means a wire was traced and a tip placed on it.
   */
  public boolean tipConfirmed() {
    return found && TipConfirmation.confirmed(tipConfidence);
  }

  /** The same detection with the given tip confidence. */
  LeadDetection withTipConfidence(double confidence) {
    return new LeadDetection(found, centreline, tipU, tipV, lengthPx, meanContrast, confidence);
  }

  public int pointCount() {
    return centreline.length / 2;
  }

  /** The distance (pixels) from (u, v) to the nearest centreline point; infinity when not found. */
  public double distanceTo(double u, double v) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < centreline.length; i += 2) {
      double du = centreline[i] - u;
      double dv = centreline[i + 1] - v;
      best = Math.min(best, du * du + dv * dv);
    }
    return Math.sqrt(best);
  }
}
