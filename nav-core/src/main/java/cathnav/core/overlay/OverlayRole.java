package cathnav.core.overlay;

/** What an overlay shape shows, with its default colour (RGBA, 0xRRGGBBAA) for the TRACKING state. */
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
  LABEL(0xFFFFFFFF);

  private final int rgba;

  OverlayRole(int rgba) {
    this.rgba = rgba;
  }

  /** Default colour as 0xRRGGBBAA. */
  public int rgba() {
    return rgba;
  }
}
