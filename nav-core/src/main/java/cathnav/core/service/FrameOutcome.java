package cathnav.core.service;

import cathnav.core.geometry.FrameGeometry;
import cathnav.core.overlay.Overlay;
import java.util.Objects;

/**
 * The result of one frame, handed from the pipeline thread to the event loop for fan-out. Immutable.
 *
 * @param overlay the overlay (shapes, readouts, state, the source time stamp)
 * @param geometry the frame's geometry (to place the overlay on the detector plane in RAS)
 * @param receivedNanos monotonic receive time of the source frame, ns (end-to-end latency is measured from it)
 * @param builtNanos monotonic time the overlay was finished, ns
 */
public record FrameOutcome(Overlay overlay, FrameGeometry geometry, long receivedNanos, long builtNanos) {
  public FrameOutcome {
    Objects.requireNonNull(overlay, "overlay");
    Objects.requireNonNull(geometry, "geometry");
  }
}
