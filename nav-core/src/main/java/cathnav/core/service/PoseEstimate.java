package cathnav.core.service;

import java.util.Objects;

/**
 * What the tracker says about one frame.
 *
 * @param phase the tracker's own view
 * @param pose T (row-major 4x4, RAS to RAS) to draw the model with; null while no registration exists
 * @param confidence registration confidence in [0, 1]
 * @param poseAgeNanos how old the pose's last full registration is relative to this frame, ns (0 when this frame was
 *     fully registered)
 * @param registrations number of successful full registrations so far (a LOST overlay returns only after a new one)
 * @param waitingFor with {@link TrackerPhase#UNVERIFIED}: what the tracker still needs before it can verify the pose,
 *     in the cardiologist's words (for example a second C-arm view); empty when it does not say
 */
public record PoseEstimate(TrackerPhase phase, double[] pose, double confidence, long poseAgeNanos,
    long registrations, String waitingFor) {

  /** The tracker's phase, as reported by the tracker. */
  public enum TrackerPhase {
    REGISTERING,
    TRACKING,
    /**
     * A pose the tracker brought forward without being able to check it against the image (CPU-mode 2D motion
     * compensation: the heart position is not verified). Shown amber; not a failure, so it never counts towards
     * LOST.
     */
    UNVERIFIED,
    /**
     * The C-arm moves, or has just stopped and the pose is not yet re-checked in the new view: the last pose (RAS to
     * RAS, still valid while the patient lies still) drawn through the new projection, not verified against this
     * view's image. Shown amber; not a failure, so it never counts towards LOST (nor clears a latched LOST).
     */
    CARM_MOVING,
    UNRELIABLE,
    LOST
  }

  /** An estimate that does not say what verification waits for. */
  public PoseEstimate(TrackerPhase phase, double[] pose, double confidence, long poseAgeNanos, long registrations) {
    this(phase, pose, confidence, poseAgeNanos, registrations, "");
  }

  public PoseEstimate {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(waitingFor, "waitingFor");
    if (pose != null && pose.length != 16) {
      throw new IllegalArgumentException("pose must be a row-major 4x4, length=" + pose.length);
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], confidence=" + confidence);
    }
    pose = pose == null ? null : pose.clone();
  }

  @Override
  public double[] pose() {
    return pose == null ? null : pose.clone();
  }

  /** A row-major 4x4 identity. */
  public static double[] identity() {
    return new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
  }
}
