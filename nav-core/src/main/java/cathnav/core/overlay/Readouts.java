package cathnav.core.overlay;

import java.util.Objects;

/**
 * The numbers shown beside the overlay.
 *
 * @param segmentUnderTip AHA segment (1..17) the lead tip projects onto, 0 when unknown (no tip, no pose, or the tip
 *     is off the LV)
 * @param distanceToTargetMm distance from the lead tip's viewing ray to the nearest point of the target segment, mm
 *     (0 when the ray crosses the target); NaN when unknown
 * @param targetSegment the chosen target AHA segment (1..17), 0 when none
 * @param confidence registration confidence in [0, 1]
 * @param poseAgeNanos age of the pose the overlay is drawn with, relative to the frame, ns (0: registered on this
 *     frame)
 * @param frameLatencyNanos receive-to-overlay-built latency of this frame, ns
 * @param state the guidance state (failure policy)
 * @param backend the compute backend in use ({@code java}, {@code opencl}, {@code cuda})
 * @param backendFallback true when the backend in use is not the one requested (fell back)
 * @param message short human-readable reason for the state, may be empty
 */
public record Readouts(
    int segmentUnderTip,
    double distanceToTargetMm,
    int targetSegment,
    double confidence,
    long poseAgeNanos,
    long frameLatencyNanos,
    GuidanceState state,
    String backend,
    boolean backendFallback,
    String message) {

  public Readouts {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(message, "message");
    if (segmentUnderTip < 0 || segmentUnderTip > 17 || targetSegment < 0 || targetSegment > 17) {
      throw new IllegalArgumentException(
          "AHA segments are 1..17 (0 none), segmentUnderTip=" + segmentUnderTip + ", targetSegment=" + targetSegment);
    }
  }

  /** The same readouts with another frame latency (set once the overlay is built). */
  public Readouts withFrameLatency(long nanos) {
    return new Readouts(segmentUnderTip, distanceToTargetMm, targetSegment, confidence, poseAgeNanos, nanos, state,
        backend, backendFallback, message);
  }
}
