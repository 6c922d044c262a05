package cathnav.core.overlay;

import java.util.Objects;

/**
 * The numbers shown beside the overlay.
 *
 * @param segmentUnderTip AHA segment (1..17) under the lead tip, 0 when unknown (no tip, no pose, or the tip is off
 *     the LV); how it was found is {@code tipConstraint}
 * @param distanceToTargetMm distance from the lead tip's 3D position to the target segment's surface, mm; NaN when
 *     unknown
 * @param targetSegment the chosen target AHA segment (1..17), 0 when none
 * @param confidence registration confidence in [0, 1]
 * @param poseAgeNanos age of the pose the overlay is drawn with, relative to the frame, ns (0: registered on this
 *     frame)
 * @param frameLatencyNanos receive-to-overlay-built latency of this frame, ns
 * @param state the guidance state (failure policy)
 * @param backend the compute backend in use ({@code java}, {@code opencl}, {@code cuda})
 * @param backendFallback true when the backend in use is not the one requested (fell back)
 * @param message short human-readable reason for the state, may be empty
 * @param tipConstraint how the tip's 3D position was found ({@link TipConstraint}: on a vein, at the target's depth,
 *     by ray cast only, or none)
 * @param tipState what the frame's lead tip is worth ({@link TipState}); the tip readouts ({@code segmentUnderTip},
 *     {@code distanceToTargetMm}, {@code tipConstraint}) are only ever given for a {@link TipState#CONFIRMED} tip: the
 *     constructor rejects them for any other state
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
    String message,
    TipConstraint tipConstraint,
    TipState tipState) {

  /** Readouts without a lead tip ({@link TipConstraint#NONE}, {@link TipState#NONE}), so no tip readouts. */
  public Readouts(int targetSegment, double confidence, long poseAgeNanos, long frameLatencyNanos,
      GuidanceState state, String backend, boolean backendFallback, String message) {
    this(0, Double.NaN, targetSegment, confidence, poseAgeNanos, frameLatencyNanos, state, backend, backendFallback,
        message, TipConstraint.NONE, TipState.NONE);
  }

  public Readouts {
    Objects.requireNonNull(tipConstraint, "tipConstraint");
    Objects.requireNonNull(tipState, "tipState");
    if (tipState != TipState.CONFIRMED
        && (segmentUnderTip != 0 || !Double.isNaN(distanceToTargetMm) || tipConstraint != TipConstraint.NONE)) {
      throw new IllegalArgumentException("tip readouts need a confirmed tip, tipState=" + tipState.wireName()
          + ", segmentUnderTip=" + segmentUnderTip + ", distanceToTargetMm=" + distanceToTargetMm
          + ", tipConstraint=" + tipConstraint.wireName());
    }
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
        backend, backendFallback, message, tipConstraint, tipState);
  }
}
