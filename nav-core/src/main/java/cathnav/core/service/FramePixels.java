package cathnav.core.service;

/**
 * The pixels of a received frame, still in the form they arrived in (for an OpenIGTLink IMAGE, a slice of the
 * network buffer: no copy is made before the pipeline converts them).
 *
 * <p>Ownership: the holder releases it exactly once with {@link #release()}; after that no method may be called.
 * Not thread-safe; handed from the event loop to the pipeline thread through {@link LatestFrameSlot}, which
 * publishes it safely.
 */
public interface FramePixels {

  int width();

  int height();

  /** Converts the pixels to float (row-major, {@code index = v * width + u}) into {@code destination}. */
  void copyTo(float[] destination);

  /** Releases the underlying buffer. */
  void release();

  /** Pixels already held as floats (tests, generated frames); {@code release} does nothing. */
  static FramePixels of(int width, int height, float[] pixels) {
    if (width <= 0 || height <= 0 || pixels.length != width * height) {
      throw new IllegalArgumentException(
          "pixel count must be width * height, width=" + width + ", height=" + height + ", pixels=" + pixels.length);
    }
    float[] copy = pixels.clone();
    return new FramePixels() {
      @Override
      public int width() {
        return width;
      }

      @Override
      public int height() {
        return height;
      }

      @Override
      public void copyTo(float[] destination) {
        System.arraycopy(copy, 0, destination, 0, copy.length);
      }

      @Override
      public void release() {}
    };
  }
}
