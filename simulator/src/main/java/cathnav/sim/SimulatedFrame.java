package cathnav.sim;

import cathnav.sim.detector.BitDepth;
import java.util.Objects;

/**
 * One synthetic fluoroscopy frame: stored detector values and the truth behind them.
 *
 * <p>Pixels are unsigned values in {@code [0, 2^bits - 1]} held in a {@code short[]} (read them with
 * {@code pixels[i] & 0xffff}), row-major, {@code index = v * width + u}, u along a row, v down the image (DESIGN.md
 * detector frame). Ownership: the array belongs to the frame and is not copied; a consumer must treat it as
 * read-only (the simulator allocates a fresh one per frame, so frames may cross threads).
 *
 * @param width detector width, pixels
 * @param height detector height, pixels
 * @param bitDepth stored bits
 * @param pixels stored values, {@code width * height}
 * @param truth ground truth (its index and timestamp are the frame's)
 */
public record SimulatedFrame(int width, int height, BitDepth bitDepth, short[] pixels, GroundTruth truth) {

  public SimulatedFrame {
    Objects.requireNonNull(bitDepth, "bitDepth");
    Objects.requireNonNull(truth, "truth");
    if (pixels == null || pixels.length != width * height) {
      throw new IllegalArgumentException("pixel count mismatch, size=" + width + "x" + height
          + ", pixels=" + (pixels == null ? "null" : pixels.length));
    }
  }

  /** Acquisition time, ns. */
  public long timestampNs() {
    return truth.timestampNs();
  }

  /** The stored value at (u, v). */
  public int value(int u, int v) {
    return pixels[v * width + u] & 0xffff;
  }
}
