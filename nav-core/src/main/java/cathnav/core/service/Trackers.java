package cathnav.core.service;

/** The trackers the service can run with. */
public final class Trackers {

  private Trackers() {}

  /**
   * The walking skeleton's tracker: the identity pose on every frame, reported on the requested backend (nothing is
   * computed on it). Used until a registration tracker is plugged in, and by benches that measure the service
   * around the tracker.
   */
  public static TrackerFactory fixedIdentity() {
    return (model, backend) -> new FixedPoseTracker(PoseEstimate.identity(), "auto".equals(backend) ? "java"
        : backend);
  }
}
