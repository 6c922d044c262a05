package cathnav.gpu.device;

import cathnav.gpu.DeviceImage;
import cathnav.gpu.PreparedTarget;
import cathnav.gpu.Projection;

/**
 * The argument checks the device backends ({@code opencl}, {@code cuda}) make on the host before any device call:
 * image sizes in pixels, buffer lengths, detector/target agreement and pose batch lengths (row-major 4x4 poses,
 * 16 values each). Each check throws {@link IllegalArgumentException} with key=value context and changes nothing.
 * Stateless; thread-safe.
 */
public final class DeviceArguments {

  /** Values per pose (a row-major 4x4 matrix). */
  public static final int POSE_VALUES = 16;

  private DeviceArguments() {}

  /** A new image's size: both sides positive and at most {@link Integer#MAX_VALUE} pixels. */
  public static void checkImageSize(int width, int height) {
    if (width <= 0 || height <= 0 || (long) width * height > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("invalid image size, size=" + width + "x" + height);
    }
  }

  /** Pixels uploaded into a {@code width x height} image: at least {@code width * height} values. */
  public static void checkUploadLength(int width, int height, float[] pixels) {
    if (pixels.length < (long) width * height) {
      throw new IllegalArgumentException("too few pixels, size=" + width + "x" + height + ", length=" + pixels.length);
    }
  }

  /** A download destination for {@code pixels} values. */
  public static void checkDownloadLength(int pixels, float[] destination) {
    if (destination.length < pixels) {
      throw new IllegalArgumentException("destination too short, pixels=" + pixels + ", length="
          + destination.length);
    }
  }

  /** Input and output of a per-pixel operation {@code op} have the same size. */
  public static void checkSameSize(DeviceImage in, DeviceImage out, String op) {
    if (in.width() != out.width() || in.height() != out.height()) {
      throw new IllegalArgumentException("image sizes differ, op=" + op + ", in=" + in.width() + "x" + in.height()
          + ", out=" + out.width() + "x" + out.height());
    }
  }

  /** The output of a 2x downsampling is {@code floor(w/2) x floor(h/2)} and not empty. */
  public static void checkDownsampleSize(DeviceImage in, DeviceImage out) {
    if (out.width() != in.width() / 2 || out.height() != in.height() / 2 || out.width() == 0
        || out.height() == 0) {
      throw new IllegalArgumentException("downsample2x output must be floor(w/2) x floor(h/2), in=" + in.width() + "x"
          + in.height() + ", out=" + out.width() + "x" + out.height());
    }
  }

  /** A target's mask has the target's size. */
  public static void checkMaskSize(DeviceImage mask, DeviceImage target) {
    if (mask.width() != target.width() || mask.height() != target.height()) {
      throw new IllegalArgumentException("mask size differs from the target, mask=" + mask.width() + "x"
          + mask.height() + ", target=" + target.width() + "x" + target.height());
    }
  }

  /** One DRR: the output image has the detector's size and the pose has 16 values. */
  public static void checkRender(DeviceImage out, Projection projection, double[] pose) {
    if (out.width() != projection.width() || out.height() != projection.height()) {
      throw new IllegalArgumentException("output image size differs from the detector, image=" + out.width() + "x"
          + out.height() + ", detector=" + projection.width() + "x" + projection.height());
    }
    if (pose.length != POSE_VALUES) {
      throw new IllegalArgumentException("pose must have 16 values, length=" + pose.length);
    }
  }

  /**
   * A scoring batch: the detector has the target's size, {@code count >= 0}, {@code poses} holds {@code count}
   * poses and {@code scores} room for {@code count} scores.
   */
  public static void checkScoring(Projection projection, PreparedTarget target, double[] poses, int count,
      float[] scores) {
    int w = projection.width();
    int h = projection.height();
    if (w != target.width() || h != target.height()) {
      throw new IllegalArgumentException("detector size differs from the target, detector=" + w + "x" + h
          + ", target=" + target.width() + "x" + target.height());
    }
    if (count < 0 || poses.length < (long) POSE_VALUES * count || scores.length < count) {
      throw new IllegalArgumentException("pose batch too short, count=" + count + ", poses.length=" + poses.length
          + ", scores.length=" + scores.length);
    }
  }
}
