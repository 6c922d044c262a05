package cathnav.core.service;

import cathnav.core.geometry.FrameGeometry;

/**
 * A tracker that reports one configured pose for every frame with full confidence: the walking skeleton's
 * stand-in and the baseline of the end-to-end bench (it measures the service around the tracker, not the
 * tracker). Its estimates say {@code registrations = 1} and pose age 0; it never loses track.
 */
public final class FixedPoseTracker implements FrameTracker {

  private final double[] pose;
  private final String backend;

  /** @param pose row-major 4x4 to report */
  public FixedPoseTracker(double[] pose, String backend) {
    if (pose.length != 16) {
      throw new IllegalArgumentException("pose must be a row-major 4x4, length=" + pose.length);
    }
    this.pose = pose.clone();
    this.backend = backend;
  }

  @Override
  public PoseEstimate track(float[] pixels, FrameGeometry geometry, long sourceTimestampNanos) {
    return new PoseEstimate(PoseEstimate.TrackerPhase.TRACKING, pose, 1.0, 0, 1);
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
