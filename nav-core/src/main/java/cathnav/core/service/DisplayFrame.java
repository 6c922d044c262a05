package cathnav.core.service;

import cathnav.core.overlay.Overlay;
import java.util.Objects;

/**
 * A frame prepared for the web displays: 8-bit grey pixels at display resolution and the overlay drawn on it.
 * Coordinates of the overlay stay in detector pixels; the display scales by {@code width / overlay.width()}.
 *
 * @param overlay the frame's overlay
 * @param width display image width, pixels
 * @param height display image height, pixels
 * @param grey row-major 8-bit grey levels, {@code width * height}; owned by this record, never modified
 */
public record DisplayFrame(Overlay overlay, int width, int height, byte[] grey) {
  public DisplayFrame {
    Objects.requireNonNull(overlay, "overlay");
    if (grey.length != width * height) {
      throw new IllegalArgumentException(
          "grey levels must be width * height, width=" + width + ", height=" + height + ", length=" + grey.length);
    }
  }
}
