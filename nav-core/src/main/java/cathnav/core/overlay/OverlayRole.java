package cathnav.core.overlay;

/**
 * What an overlay shape shows, with its default colour (RGBA, 0xRRGGBBAA) for the TRACKING state. The ordinal is sent
 * to OpenIGTLink peers (the POLYDATA {@code role} scalar): new roles are only ever appended.
 */
public enum OverlayRole {
  /** Outline of the projected left ventricle. */
  LV_SILHOUETTE(0x33DD55FF),
  /** The target AHA segment, filled. */
  TARGET_SEGMENT(0x3399FF80),
  /** Coronary sinus and vein centrelines. */
  VEIN(0xFF66CCFF),
  /** The detected lead tip. */
  LEAD_TIP(0xFFFF33FF),
  /** A text label placed on the image. */
  LABEL(0xFFFFFFFF),
  /**
   * A lead tip the detector has not confirmed ({@link TipState#UNCONFIRMED}): drawn as an open ring, never filled,
   * with a "tip?" label; no readouts come from it. Last, so the ordinals of the roles before it are unchanged.
   */
  LEAD_TIP_UNCONFIRMED(0xC8C8C8FF);

  private final int rgba;

  OverlayRole(int rgba) {
    this.rgba = rgba;
  }

  /** Default colour as 0xRRGGBBAA. */
  public int rgba() {
    return rgba;
  }
}
