package cathnav.core.registration;

import java.util.Objects;

/**
 * One detector frame as the fluoroscope delivers it: raw intensities (bright where little attenuates; 8 to 16 bit or
 * float, any gain, zero-count pixels possible), row-major, {@code index = v * width + u}. The array is not copied:
 * the producer hands it over and must not modify it afterwards.
 */
public record RawFrame(int width, int height, float[] pixels) {

  public RawFrame {
    Objects.requireNonNull(pixels, "pixels");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame size must be positive, size=" + width + "x" + height);
    }
    if (pixels.length != (long) width * height) {
      throw new IllegalArgumentException(
          "pixel count mismatch, size=" + width + "x" + height + ", pixels=" + pixels.length);
    }
  }

  /** The largest finite intensity (0 when none is positive). */
  public float maxIntensity() {
    float max = 0;
    for (float p : pixels) {
      if (p > max && p < Float.POSITIVE_INFINITY) {
        max = p;
      }
    }
    return max;
  }
}
