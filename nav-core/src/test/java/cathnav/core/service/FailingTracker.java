package cathnav.core.service;

import cathnav.core.geometry.FrameGeometry;

/** A tracker on a (pretend) GPU backend that fails like a lost device after {@code goodFrames} frames. */
final class FailingTracker implements FrameTracker {

  private final String backend;
  private final int goodFrames;
  private int frames;

  FailingTracker(String backend, int goodFrames) {
    this.backend = backend;
    this.goodFrames = goodFrames;
  }

  @Override
  public PoseEstimate track(float[] pixels, FrameGeometry geometry, long sourceTimestampNanos) {
    if (++frames > goodFrames) {
      throw new IllegalStateException("CUDA_ERROR_LAUNCH_FAILED");
    }
    return new PoseEstimate(PoseEstimate.TrackerPhase.TRACKING, PoseEstimate.identity(), 1, 0, 1);
  }

  @Override
  public void reset() {}

  @Override
  public String backendName() {
    return backend;
  }

  @Override
  public void close() {}
}
