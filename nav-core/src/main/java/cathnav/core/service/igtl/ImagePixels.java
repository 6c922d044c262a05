package cathnav.core.service.igtl;

import cathnav.core.service.FramePixels;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ScalarType;
import io.netty.buffer.ByteBuf;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;

/**
 * The pixels of a received 2D IMAGE, read in place from the network buffer slice the codec produced (no copy
 * until {@link #copyTo} converts them to float on the pipeline thread).
 *
 * <p>Ownership: takes over one reference of the image body; {@link #release()} gives it back, once.
 */
final class ImagePixels implements FramePixels {

  /** Scalar types a fluoroscopy frame may use. */
  static final Set<ScalarType> SUPPORTED = EnumSet.of(ScalarType.INT8, ScalarType.UINT8, ScalarType.INT16,
      ScalarType.UINT16, ScalarType.INT32, ScalarType.UINT32, ScalarType.FLOAT32, ScalarType.FLOAT64);

  private final ImageBody image;
  private final int width;
  private final int height;
  private boolean released;

  private ImagePixels(ImageBody image) {
    this.image = image;
    this.width = image.size().i();
    this.height = image.size().j();
  }

  /**
   * Checks that {@code image} is a whole single-component 2D frame of a supported scalar type.
   *
   * @return null when it is, else the reason it is refused
   */
  static String refusal(ImageBody image) {
    if (image.size().k() != 1) {
      return "frame must be 2D (size k = 1), size=" + image.size();
    }
    if (!image.isWholeVolume()) {
      return "frame must be a whole image, not a sub-volume, subvolumeSize=" + image.subvolumeSize();
    }
    if (image.components() != 1) {
      return "frame must be single-component grey, components=" + image.components();
    }
    if (!SUPPORTED.contains(image.scalarType())) {
      return "unsupported frame scalar type, scalarType=" + image.scalarType();
    }
    return null;
  }

  /** Wraps a checked image (see {@link #refusal}), taking over the caller's reference. */
  static ImagePixels of(ImageBody image) {
    return new ImagePixels(image);
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public void copyTo(float[] d) {
    ByteBuf b = image.pixels();
    int base = b.readerIndex();
    int n = width * height;
    boolean le = image.byteOrder() == ByteOrder.LITTLE_ENDIAN;
    switch (image.scalarType()) {
      case INT8 -> {
        for (int i = 0; i < n; i++) {
          d[i] = b.getByte(base + i);
        }
      }
      case UINT8 -> {
        for (int i = 0; i < n; i++) {
          d[i] = b.getUnsignedByte(base + i);
        }
      }
      case INT16 -> {
        for (int i = 0; i < n; i++) {
          d[i] = le ? b.getShortLE(base + 2 * i) : b.getShort(base + 2 * i);
        }
      }
      case UINT16 -> {
        for (int i = 0; i < n; i++) {
          d[i] = le ? b.getUnsignedShortLE(base + 2 * i) : b.getUnsignedShort(base + 2 * i);
        }
      }
      case INT32 -> {
        for (int i = 0; i < n; i++) {
          d[i] = le ? b.getIntLE(base + 4 * i) : b.getInt(base + 4 * i);
        }
      }
      case UINT32 -> {
        for (int i = 0; i < n; i++) {
          d[i] = le ? b.getUnsignedIntLE(base + 4 * i) : b.getUnsignedInt(base + 4 * i);
        }
      }
      case FLOAT32 -> {
        for (int i = 0; i < n; i++) {
          d[i] = Float.intBitsToFloat(le ? b.getIntLE(base + 4 * i) : b.getInt(base + 4 * i));
        }
      }
      case FLOAT64 -> {
        for (int i = 0; i < n; i++) {
          d[i] = (float) Double.longBitsToDouble(le ? b.getLongLE(base + 8 * i) : b.getLong(base + 8 * i));
        }
      }
      default -> throw new IllegalStateException("unsupported frame scalar type, scalarType=" + image.scalarType());
    }
  }

  @Override
  public void release() {
    if (!released) {
      released = true;
      image.release();
    }
  }
}
