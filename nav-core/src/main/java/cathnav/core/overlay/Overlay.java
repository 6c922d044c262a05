package cathnav.core.overlay;

import java.util.List;
import java.util.Objects;

/**
 * The guidance overlay for one source frame: vector shapes in detector pixels of a {@code width x height} frame and
 * the readouts. Immutable; safe to share between threads.
 *
 * @param frameSequence the service's running number of the source frame (1, 2, ...)
 * @param sourceTimestampNanos the source frame's OpenIGTLink timestamp, ns since the Unix epoch; every output built
 *     from this overlay carries it
 * @param frameIntervalNanos the source's current frame interval estimate, ns (displays mark the overlay stale past two
 *     of them)
 * @param width frame width, pixels
 * @param height frame height, pixels
 * @param pose the registration pose {@code T} drawn with (row-major 4x4, RAS to RAS), null while there is none
 * @param shapes shapes in drawing order
 * @param readouts numbers and state
 */
public record Overlay(
    long frameSequence,
    long sourceTimestampNanos,
    long frameIntervalNanos,
    int width,
    int height,
    double[] pose,
    List<OverlayShape> shapes,
    Readouts readouts) {

  public Overlay {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame size must be positive, size=" + width + "x" + height);
    }
    if (pose != null && pose.length != 16) {
      throw new IllegalArgumentException("pose must be a 4x4 matrix, length=" + pose.length);
    }
    pose = pose == null ? null : pose.clone();
    shapes = List.copyOf(shapes);
    Objects.requireNonNull(readouts, "readouts");
  }

  @Override
  public double[] pose() {
    return pose == null ? null : pose.clone();
  }

  /** The overlay's JSON form (see {@link OverlayJson}). */
  public String toJson() {
    return OverlayJson.write(this);
  }
}
