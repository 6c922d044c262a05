package cathnav.core.lead;

/**
 * Brings a large frame to the resolution the wire detector is tuned for (about 512 pixels across, 0.3–0.6 mm a
 * pixel at the detector) by averaging f x f blocks, and maps positions back. A 1024 x 1024 frame is binned 2 x 2:
 * the wire is then as many pixels wide as the detector's scales expect, and a detection costs a quarter as much.
 *
 * @param factor the block size f, 1 for frames that are used as they are
 */
public record FrameBinning(int factor) {

  /** Frames up to this many pixels across are used as they are. */
  public static final int TUNED_SIZE = 512;

  public FrameBinning {
    if (factor < 1) {
      throw new IllegalArgumentException("binning factor must be at least 1, factor=" + factor);
    }
  }

  /** The binning for a {@code width x height} frame: the integer factor that brings its larger side nearest 512. */
  public static FrameBinning forFrame(int width, int height) {
    int side = Math.max(width, height);
    return new FrameBinning(Math.max(1, (int) Math.round((double) side / TUNED_SIZE)));
  }

  /** Width or height of the binned frame (a partial block at the edge is dropped). */
  public int binnedSize(int size) {
    return size / factor;
  }

  /**
   * The binned frame: each pixel is the mean of an f x f block of {@code pixels}; the same array when f = 1.
   *
   * @param pixels row-major, {@code width x height}, not modified
   */
  public float[] bin(float[] pixels, int width, int height) {
    if (factor == 1) {
      return pixels;
    }
    int bw = binnedSize(width);
    int bh = binnedSize(height);
    float[] out = new float[bw * bh];
    float scale = 1f / (factor * factor);
    for (int by = 0; by < bh; by++) {
      for (int dy = 0; dy < factor; dy++) {
        int row = (by * factor + dy) * width;
        for (int bx = 0; bx < bw; bx++) {
          float sum = 0;
          int start = row + bx * factor;
          for (int dx = 0; dx < factor; dx++) {
            sum += pixels[start + dx];
          }
          out[by * bw + bx] += sum;
        }
      }
      for (int bx = 0; bx < bw; bx++) {
        out[by * bw + bx] *= scale;
      }
    }
    return out;
  }

  /** A binned-frame coordinate (pixel centres at integers) in the original frame's pixels. */
  public double toOriginal(double binned) {
    return binned * factor + (factor - 1) / 2.0;
  }
}
