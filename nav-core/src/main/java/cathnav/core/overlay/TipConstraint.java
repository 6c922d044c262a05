package cathnav.core.overlay;

/** How the lead tip's 3D position was found from its pixel; shown with the readouts. */
public enum TipConstraint {
  /** On the vein centreline nearest the tip's viewing ray, the ray passing within the tolerance of it. */
  VEIN("vein"),
  /**
   * Where the tip's viewing ray crosses the target's depth: the plane through the target segment's centroid facing
   * the source (no vein near the ray, or no veins in the model).
   */
  TARGET_DEPTH("target-depth"),
  /** No 3D position: the segment under the tip is the first LV triangle the ray crosses; no distance. */
  RAY("ray"),
  /** No lead tip, or no pose to place it with. */
  NONE("none");

  private final String wireName;

  TipConstraint(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the overlay JSON and on the display. */
  public String wireName() {
    return wireName;
  }
}
