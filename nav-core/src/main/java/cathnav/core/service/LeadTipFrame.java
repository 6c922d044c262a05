package cathnav.core.service;

import cathnav.gpu.Projection;
import java.util.Objects;

/**
 * Which frame a lead-tip detection runs on: the service's running frame number, the source's time stamp and the view
 * (projection) the frame was taken in. A detector tags its {@link LeadTip} with it, so the pipeline can tell a tip of
 * this frame from one of an older frame or an earlier view. Immutable.
 *
 * @param sequence the service's running number of the frame (1, 2, ...)
 * @param sourceTimestampNanos the frame's OpenIGTLink time stamp, ns since the Unix epoch
 * @param projection the frame's {@code P} and detector size; the pixels handed with it are {@code width x height}
 * @param mmPerPixelAtIsocentre the frame's pixel size at the isocentre, mm (from the C-arm's geometry; NaN when the
 *     geometry gives only {@code P}): how many pixels the lead's electrode spacing spans
 */
public record LeadTipFrame(long sequence, long sourceTimestampNanos, Projection projection,
    double mmPerPixelAtIsocentre) {

  public LeadTipFrame {
    Objects.requireNonNull(projection, "projection");
    if (!Double.isNaN(mmPerPixelAtIsocentre) && !(mmPerPixelAtIsocentre > 0)) {
      throw new IllegalArgumentException("pixel size at the isocentre must be positive or NaN, mmPerPixelAtIsocentre="
          + mmPerPixelAtIsocentre + ", sequence=" + sequence);
    }
  }

  /** A frame whose pixel size at the isocentre is not known. */
  public LeadTipFrame(long sequence, long sourceTimestampNanos, Projection projection) {
    this(sequence, sourceTimestampNanos, projection, Double.NaN);
  }

  /** Frame width, pixels. */
  public int width() {
    return projection.width();
  }

  /** Frame height, pixels. */
  public int height() {
    return projection.height();
  }
}
