package cathnav.core.service;

import cathnav.core.geometry.FrameGeometry;
import java.util.Objects;

/**
 * A fluoroscopy frame as received, on its way to the pipeline thread.
 *
 * @param sequence the service's running number of received frames (1, 2, ...)
 * @param receivedNanos monotonic time ({@link System#nanoTime()}) at which the frame was decoded, ns
 * @param sourceTimestampNanos the frame's own time stamp (OpenIGTLink header), ns since the Unix epoch
 * @param device the sender's device name
 * @param peer the sending connection, for logs ({@code host:port})
 * @param geometry the frame's projection geometry (resolved per DESIGN.md: metadata, else the last
 *     {@code CArmGeometry} STRING, else the configured one)
 * @param pixels the pixels; owned by this frame: released by {@link #release()}
 */
public record ReceivedFrame(
    long sequence,
    long receivedNanos,
    long sourceTimestampNanos,
    String device,
    String peer,
    FrameGeometry geometry,
    FramePixels pixels) {

  public ReceivedFrame {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(geometry, "geometry");
    Objects.requireNonNull(pixels, "pixels");
    if (geometry.width() != pixels.width() || geometry.height() != pixels.height()) {
      throw new IllegalArgumentException(String.format(
          "frame size differs from its geometry, device=%s, frame=%dx%d, geometry=%dx%d",
          device, pixels.width(), pixels.height(), geometry.width(), geometry.height()));
    }
  }

  /** Releases the pixels (the frame's only resource). */
  public void release() {
    pixels.release();
  }
}
