package cathnav.core.service;

import java.util.Objects;

/**
 * A lead tip found by a {@link LeadTipDetector}, in detector pixels of the frame it was found in ({@code u} along a
 * row, {@code v} down; pixel centres at integers), with that frame and the detector's own verdict on it. Immutable.
 *
 * @param u tip column, pixels (finite)
 * @param v tip row, pixels (finite)
 * @param confirmed true when the detector's own evidence says the tip is right (for the wire detector: the tip
 *     electrode seen and the tip consistent with the previous frames); an unconfirmed tip is never used for readouts
 * @param frame the frame the tip was found in
 */
public record LeadTip(float u, float v, boolean confirmed, LeadTipFrame frame) {

  public LeadTip {
    Objects.requireNonNull(frame, "frame");
    if (!Float.isFinite(u) || !Float.isFinite(v)) {
      throw new IllegalArgumentException("tip must be finite, u=" + u + ", v=" + v + ", seq=" + frame.sequence());
    }
  }
}
