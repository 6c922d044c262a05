package cathnav.core.overlay;

/**
 * What the guidance shown with a frame may be trusted for (DESIGN.md failure policy). Displays colour the overlay by
 * it: normal for {@link #TRACKING}, amber for {@link #UNRELIABLE}, hidden behind a red banner for {@link #LOST} and
 * {@link #STALE}, and "registering" while no pose exists yet.
 */
public enum GuidanceState {
  /** No pose yet: full 2D/3D registration running; no model overlay is drawn. */
  REGISTERING,
  /** Pose good: the overlay may be used. */
  TRACKING,
  /** Confidence below threshold: the overlay is drawn amber and must not be trusted for fine placement. */
  UNRELIABLE,
  /** Confidence low for too many frames: the overlay is hidden behind a red banner until re-registration. */
  LOST,
  /** No new frame for more than two frame intervals: whatever is shown is old. */
  STALE;

  /** True when the model overlay is drawn (normal or amber). */
  public boolean overlayVisible() {
    return this == TRACKING || this == UNRELIABLE;
  }
}
