package cathnav.core.service;

import cathnav.core.overlay.GuidanceState;

/**
 * A snapshot of the pipeline for {@code /health}, metrics and the stale watchdog; published by the pipeline thread
 * after every frame and command, read by anyone.
 *
 * @param framesProcessed frames that went through the pipeline
 * @param framesFailed frames whose processing failed (logged, reported in STATUS)
 * @param state guidance state of the last frame
 * @param backend compute backend in use
 * @param backendFallback true when running on a fallback backend
 * @param message the last state or fallback reason, may be empty
 * @param modelName loaded model, empty when none
 * @param targetSegment current target segment, 0 none
 * @param lastReceivedNanos monotonic receive time of the last processed frame, ns (0 before the first)
 * @param lastSourceTimestampNanos the last frame's time stamp, ns since the epoch
 * @param frameIntervalNanos the source's frame interval estimate, ns
 */
public record PipelineStatus(
    long framesProcessed,
    long framesFailed,
    GuidanceState state,
    String backend,
    boolean backendFallback,
    String message,
    String modelName,
    int targetSegment,
    long lastReceivedNanos,
    long lastSourceTimestampNanos,
    long frameIntervalNanos) {

  /** Before the first frame. */
  public static PipelineStatus initial(String backend) {
    return new PipelineStatus(0, 0, GuidanceState.REGISTERING, backend, false, "", "", 0, 0, 0,
        FrameIntervalEstimator.DEFAULT_INTERVAL_NANOS);
  }
}
