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
 */
public record LeadDetection(
    boolean found, float[] centreline, double tipU, double tipV, double lengthPx, double meanContrast) {

  static LeadDetection none() {
    return new LeadDetection(false, new float[0], Double.NaN, Double.NaN, 0, 0);
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
