package cathnav.core.service;

import cathnav.gpu.Projection;

/**
 * A second check on a confirmed lead tip: a tip cannot move further between two frames than a lead moves. The lead
 * tip rides on the heart wall, whose fastest motion is about 10 cm/s (systolic tissue velocity), and a lead is
 * advanced far slower; so a confirmed tip further than {@value #SLACK_MM} mm + {@value #MAX_SPEED_MM_PER_S} mm/s
 * times the time between them (mm at the isocentre) from the last accepted confirmed tip of the same view is not
 * accepted (a wrong lock, e.g. a bend of the wire taken for the tip for one detection). At 15 frames a second that is
 * 13 mm from one frame to the next.
 *
 * <p>The reference is the last accepted tip, kept for at most the tip gate's age bound: a tip that stays where it
 * jumped to is accepted once the reference has expired, so a detector that has re-locked onto the true tip is not
 * blocked for longer than that. {@link #reset()} forgets the reference (view change).
 *
 * <p>Thread-safety: none; the pipeline thread.
 */
final class TipJumpGuard {

  /** Detection jitter allowed on top of the motion bound, mm at the isocentre. */
  static final double SLACK_MM = 3.0;
  /** Fastest a lead tip is taken to move, mm/s at the isocentre. */
  static final double MAX_SPEED_MM_PER_S = 150.0;

  private boolean has;
  private float u;
  private float v;
  private long timestampNanos;
  private Projection view;

  /**
   * @param tip a tip the gate found confirmed
   * @param mmPerPixelU size of a detector pixel along u at the isocentre (or at the detector when unknown), mm
   * @param mmPerPixelV the same along v, mm
   * @param maxReferenceAgeNanos how long an accepted tip serves as the reference, ns
   * @return true when the tip is accepted (it then becomes the reference), false when it jumped too far
   */
  boolean accept(LeadTip tip, double mmPerPixelU, double mmPerPixelV, long maxReferenceAgeNanos) {
    LeadTipFrame f = tip.frame();
    if (has && !ViewChange.changed(view, f.projection())) {
      long dt = f.sourceTimestampNanos() - timestampNanos;
      if (dt >= 0 && dt <= maxReferenceAgeNanos) {
        double d = Math.hypot((tip.u() - u) * mmPerPixelU, (tip.v() - v) * mmPerPixelV);
        if (d > SLACK_MM + MAX_SPEED_MM_PER_S * dt / 1e9) {
          return false;
        }
      }
    }
    has = true;
    u = tip.u();
    v = tip.v();
    timestampNanos = f.sourceTimestampNanos();
    view = f.projection();
    return true;
  }

  /** Forgets the reference tip. */
  void reset() {
    has = false;
    view = null;
  }
}
