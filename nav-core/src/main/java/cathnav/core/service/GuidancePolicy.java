package cathnav.core.service;

import cathnav.core.overlay.GuidanceState;

/**
 * The failure policy (DESIGN.md) as a state machine: turns each frame's {@link PoseEstimate} into the
 * {@link GuidanceState} the overlay is shown with.
 *
 * <ul>
 *   <li>No pose yet: {@code REGISTERING}.
 *   <li>Confidence at or above the threshold: {@code TRACKING}.
 *   <li>Confidence below the threshold (or the tracker says unreliable): {@code UNRELIABLE} (amber).
 *   <li>The tracker says unverified (a pose it cannot vouch for, e.g. CPU-mode motion compensation) with good
 *       confidence: {@code UNRELIABLE} (amber), without counting towards {@code LOST}; it also clears a latched
 *       {@code LOST} after a new full registration, but only to {@code UNRELIABLE}, never to {@code TRACKING}.
 *   <li>The tracker says the C-arm is moving ({@link PoseEstimate.TrackerPhase#CARM_MOVING}): {@code UNRELIABLE}
 *       (amber, last pose) without counting towards {@code LOST} and without ending a run of unreliable frames; a
 *       latched {@code LOST} stays.
 *   <li>{@code lostAfter} unreliable frames in a row, or the tracker says lost: {@code LOST} (red banner), latched
 *       until a new full registration succeeds ({@link PoseEstimate#registrations()} grows) with good confidence.
 *   <li>No frame for more than two frame intervals: {@code STALE}, decided by {@link #isStale}; cleared by the next
 *       frame.
 * </ul>
 *
 * <p>Thread-safety: {@link #onFrame} and {@link #reset} on the pipeline thread only; {@link #isStale} is a pure
 * function of its arguments.
 */
public final class GuidancePolicy {

  private final double confidenceThreshold;
  private final int lostAfter;
  private int unreliableRun;
  private boolean lostLatched;
  private long registrationsAtLoss;
  private GuidanceState state = GuidanceState.REGISTERING;

  /**
   * @param confidenceThreshold confidence below which the overlay is unreliable, in (0, 1]
   * @param lostAfter consecutive unreliable frames before the overlay is hidden as lost (at least 1)
   */
  public GuidancePolicy(double confidenceThreshold, int lostAfter) {
    if (!(confidenceThreshold > 0 && confidenceThreshold <= 1) || lostAfter < 1) {
      throw new IllegalArgumentException(
          "invalid failure policy, confidenceThreshold=" + confidenceThreshold + ", lostAfter=" + lostAfter);
    }
    this.confidenceThreshold = confidenceThreshold;
    this.lostAfter = lostAfter;
  }

  /** Applies one frame's estimate and returns the state to show it with. */
  public GuidanceState onFrame(PoseEstimate estimate) {
    if (estimate.pose() == null || estimate.phase() == PoseEstimate.TrackerPhase.REGISTERING && !lostLatched) {
      unreliableRun = 0;
      return state = lostLatched ? GuidanceState.LOST : GuidanceState.REGISTERING;
    }
    boolean good =
        estimate.confidence() >= confidenceThreshold && estimate.phase() == PoseEstimate.TrackerPhase.TRACKING;
    boolean unverified = estimate.confidence() >= confidenceThreshold
        && estimate.phase() == PoseEstimate.TrackerPhase.UNVERIFIED;
    if (lostLatched) {
      if ((good || unverified) && estimate.registrations() > registrationsAtLoss) {
        lostLatched = false;
        unreliableRun = 0;
        return state = good ? GuidanceState.TRACKING : GuidanceState.UNRELIABLE;
      }
      return state = GuidanceState.LOST;
    }
    if (estimate.phase() == PoseEstimate.TrackerPhase.LOST) {
      return latchLost(estimate);
    }
    if (estimate.phase() == PoseEstimate.TrackerPhase.CARM_MOVING) {
      return state = GuidanceState.UNRELIABLE;
    }
    if (good) {
      unreliableRun = 0;
      return state = GuidanceState.TRACKING;
    }
    if (unverified) {
      unreliableRun = 0;
      return state = GuidanceState.UNRELIABLE;
    }
    unreliableRun++;
    if (unreliableRun >= lostAfter) {
      return latchLost(estimate);
    }
    return state = GuidanceState.UNRELIABLE;
  }

  private GuidanceState latchLost(PoseEstimate estimate) {
    lostLatched = true;
    registrationsAtLoss = estimate.registrations();
    return state = GuidanceState.LOST;
  }

  /** The state of the last frame (not including staleness). */
  public GuidanceState state() {
    return state;
  }

  /** Forgets everything (registration reset, new model): back to {@code REGISTERING}. */
  public void reset() {
    unreliableRun = 0;
    lostLatched = false;
    registrationsAtLoss = 0;
    state = GuidanceState.REGISTERING;
  }

  /**
   * True when the last frame is older than two frame intervals.
   *
   * @param nowNanos current monotonic time, ns
   * @param lastFrameNanos monotonic receive time of the last frame, ns
   * @param frameIntervalNanos the source's frame interval estimate, ns (positive)
   */
  public static boolean isStale(long nowNanos, long lastFrameNanos, long frameIntervalNanos) {
    return nowNanos - lastFrameNanos > 2 * frameIntervalNanos;
  }
}
