package cathnav.core.overlay;

/**
 * What the lead tip of a frame's overlay is worth; shown with the readouts. Only a {@link #CONFIRMED} tip gives
 * readouts (segment under the tip, distance to the target).
 */
public enum TipState {
  /**
   * The detector's own evidence says the tip is right, it was found in this frame's view, and it is recent (see the
   * pipeline's tip gate): drawn as the lead tip, readouts computed from it.
   */
  CONFIRMED("confirmed"),
  /** Found in this view and recent, without the detector's confirmation: drawn as an open "tip?" ring, no readouts. */
  UNCONFIRMED("unconfirmed"),
  /** The newest tip is too old or from another view: not drawn, no readouts. */
  STALE("stale"),
  /** No lead tip found. */
  NONE("none");

  private final String wireName;

  TipState(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the overlay JSON and on the display. */
  public String wireName() {
    return wireName;
  }
}
