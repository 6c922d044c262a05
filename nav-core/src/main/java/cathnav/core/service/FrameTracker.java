package cathnav.core.service;

import cathnav.core.geometry.FrameGeometry;

/**
 * The pose source of the pipeline: one {@link #track} call per frame, on the pipeline thread, which owns the
 * tracker and its compute backend.
 *
 * <p>Failure contract: a failure of the compute device surfaces as a {@link RuntimeException} from {@link #track};
 * the pipeline then closes this tracker and opens a {@code java} one (DESIGN.md failure policy).
 */
public interface FrameTracker extends AutoCloseable {

  /**
   * The pose for one frame.
   *
   * @param pixels the frame, row-major float, detector intensities as received
   * @param geometry the frame's geometry
   * @param sourceTimestampNanos the frame's time stamp, ns since the epoch (pose ages are measured with it)
   */
  PoseEstimate track(float[] pixels, FrameGeometry geometry, long sourceTimestampNanos);

  /** Forgets the pose: the next frames start a full registration. */
  void reset();

  /** The compute backend it runs on ({@code java}, {@code opencl}, {@code cuda}). */
  String backendName();

  @Override
  void close();
}
