package cathnav.core.service;

import cathnav.core.overlay.TipState;
import cathnav.gpu.Projection;

/**
 * Decides what a detector's lead tip is worth for the frame being drawn: readouts come only from a tip that the
 * detector confirmed, that was found in this frame's view, and that is recent.
 *
 * <p>The age bound is {@code min(}{@value #MAX_AGE_FRAMES} frame intervals, {@value #MAX_AGE_MILLIS} ms{@code )},
 * measured between source time stamps. Why: the readouts place an old tip pixel with the current frame's pose, so the
 * tip's age turns into error as the heart and the lead move between the two frames. The background detector on the
 * CPU finishes a frame one or two intervals after it arrived, so its newest tip is normally one or two frames old;
 * three intervals let that through and reject a detector that has fallen behind. At slow pulse rates three intervals
 * are long (400 ms at 7.5 fps); the 250 ms cap keeps the drift of a lead on the LV wall (breathing moves the heart up
 * to about 10 mm/s, a few mm/s on average) to a couple of millimetres. A tip of an earlier view is never current (the
 * detector is reset on a view change, and a pixel of another projection is a different ray).
 *
 * <p>Stateless.
 */
final class TipGate {

  /** Most frame intervals a tip may be older than the frame it is drawn on. */
  static final int MAX_AGE_FRAMES = 3;
  /** Most milliseconds a tip may be older than the frame it is drawn on. */
  static final long MAX_AGE_MILLIS = 250;

  private TipGate() {}

  /** The largest tip age accepted at this frame interval, ns. */
  static long maxAgeNanos(long frameIntervalNanos) {
    return Math.min(MAX_AGE_MILLIS * 1_000_000L, MAX_AGE_FRAMES * Math.max(0, frameIntervalNanos));
  }

  /**
   * @param tip the detector's newest tip, or null
   * @param sequence the service's number of the frame being drawn
   * @param sourceTimestampNanos that frame's source time stamp, ns
   * @param view that frame's projection
   * @param frameIntervalNanos the source's frame interval estimate, ns
   * @return {@link TipState#NONE} without a tip; {@link TipState#STALE} for a tip of another view, older than the
   *     bound, or not older than the frame at all (time stamps going backwards: a restarted source); else confirmed
   *     or unconfirmed as the detector said
   */
  static TipState classify(LeadTip tip, long sequence, long sourceTimestampNanos, Projection view,
      long frameIntervalNanos) {
    if (tip == null) {
      return TipState.NONE;
    }
    LeadTipFrame from = tip.frame();
    long age = sourceTimestampNanos - from.sourceTimestampNanos();
    if (from.sequence() > sequence || age < 0 || age > maxAgeNanos(frameIntervalNanos)
        || ViewChange.changed(from.projection(), view)) {
      return TipState.STALE;
    }
    return tip.confirmed() ? TipState.CONFIRMED : TipState.UNCONFIRMED;
  }
}
