package cathnav.igtl.frames;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * One or more 2D grey-level frames of the same size, read from a file, pixels in memory order (row by row, u to the
 * right along a row, v down, frame after frame).
 *
 * @param width pixels per row
 * @param height rows per frame
 * @param frames number of frames (1 for a 2D file)
 * @param type pixel type
 * @param byteOrder byte order of multi-byte pixels in {@code pixels}
 * @param spacingU pixel spacing along a row, mm (1 when the file does not say)
 * @param spacingV pixel spacing down a column, mm (1 when the file does not say)
 * @param pixels {@code width * height * frames * type.bytes()} bytes; owned by this record, not to be modified
 */
public record FrameStack(
    int width, int height, int frames, PixelType type, ByteOrder byteOrder, double spacingU, double spacingV,
    byte[] pixels) {

  public FrameStack {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(byteOrder, "byteOrder");
    Objects.requireNonNull(pixels, "pixels");
    if (width <= 0 || height <= 0 || frames <= 0) {
      throw new IllegalArgumentException("sizes must be positive, width=" + width + ", height=" + height
          + ", frames=" + frames);
    }
    if ((long) width * height * frames * type.bytes() != pixels.length) {
      throw new IllegalArgumentException("pixel array does not match the sizes, length=" + pixels.length
          + ", width=" + width + ", height=" + height + ", frames=" + frames + ", type=" + type);
    }
  }

  /** Bytes of one frame. */
  public int frameBytes() {
    return width * height * type.bytes();
  }

  /** Offset of frame {@code index} in {@link #pixels()}. */
  public int frameOffset(int index) {
    Objects.checkIndex(index, frames);
    return index * frameBytes();
  }
}
