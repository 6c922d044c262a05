package cathnav.sim.replay;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A PLUS toolkit tracked-image sequence ({@code .igs.mha}, {@code .igs.nrrd}): frames of one size and pixel type, each
 * with its timestamp, image status and tracker transforms.
 *
 * @param source the file it came from
 * @param width pixels per row
 * @param height rows per frame
 * @param pixelType scalar type of the pixels
 * @param littleEndian byte order of multi-byte pixels in {@code pixels}
 * @param spacing pixel spacing {@code {x, y}}, mm (1 when the file does not say)
 * @param pixels every frame's pixels, frame after frame ({@code width * height * frames * bytes}); owned by the
 *     record, not to be modified
 * @param frames per-frame fields, in file order
 */
public record PlusSequence(String source, int width, int height, PixelType pixelType, boolean littleEndian,
    double[] spacing, byte[] pixels, List<Frame> frames) {

  /** Pixel scalar types of sequence files. */
  public enum PixelType {
    INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), FLOAT32(4), FLOAT64(8);

    private final int bytes;

    PixelType(int bytes) {
      this.bytes = bytes;
    }

    public int bytes() {
      return bytes;
    }
  }

  /**
   * One frame's fields.
   *
   * @param index frame number in the file
   * @param timestampS the frame's timestamp, seconds (the tracker's clock), or NaN when the file has none
   * @param imageOk whether the image status is OK (or absent)
   * @param transforms tracker transforms by name without the {@code Transform} suffix ({@code ProbeToTracker}),
   *     row-major 4x4, in file order
   * @param transformOk per transform name, whether its status is OK (or absent)
   */
  public record Frame(int index, double timestampS, boolean imageOk, Map<String, double[]> transforms,
      Map<String, Boolean> transformOk) {

    public Frame {
      transforms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(transforms));
      transformOk = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(transformOk));
    }
  }

  public PlusSequence {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pixelType, "pixelType");
    frames = List.copyOf(frames);
    spacing = spacing.clone();
    if ((long) width * height * frames.size() * pixelType.bytes() != pixels.length) {
      throw new IllegalArgumentException("pixel data does not match the sizes, source=" + source + ", length="
          + pixels.length + ", size=" + width + "x" + height + "x" + frames.size() + ", type=" + pixelType);
    }
  }

  @Override
  public double[] spacing() {
    return spacing.clone();
  }

  /** Bytes of one frame. */
  public int frameBytes() {
    return width * height * pixelType.bytes();
  }
}
