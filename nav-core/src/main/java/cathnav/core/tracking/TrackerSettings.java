package cathnav.core.tracking;

import cathnav.core.registration.RegistrationOptions;
import java.util.Objects;

/**
 * Tracker policy.
 *
 * @param confidenceThreshold a registration below this calibrated confidence is not trusted (in (0, 1])
 * @param lostAfterFailures consecutive failed full registrations before the tracker reports LOST
 * @param minTemplateCorrelation 2D motion compensation: a template match below this NCC marks the pose
 *     unreliable and schedules a full registration
 * @param full the full registration
 * @param tracking the per-frame update from the last pose (intensity mode)
 * @param heart when a heart pose counts as verified (models with a heart region)
 */
public record TrackerSettings(
    double confidenceThreshold,
    int lostAfterFailures,
    double minTemplateCorrelation,
    RegistrationOptions full,
    RegistrationOptions tracking,
    HeartVerification heart) {

  public static final TrackerSettings DEFAULT = new TrackerSettings(0.5, 3, 0.6, RegistrationOptions.DEFAULT,
      RegistrationOptions.TRACKING, HeartVerification.DEFAULT);

  public TrackerSettings {
    Objects.requireNonNull(full, "full");
    Objects.requireNonNull(tracking, "tracking");
    Objects.requireNonNull(heart, "heart");
    if (!(confidenceThreshold > 0 && confidenceThreshold <= 1) || lostAfterFailures < 1
        || !(minTemplateCorrelation > -1 && minTemplateCorrelation < 1)) {
      throw new IllegalArgumentException("invalid tracker settings, confidenceThreshold=" + confidenceThreshold
          + ", lostAfterFailures=" + lostAfterFailures + ", minTemplateCorrelation=" + minTemplateCorrelation);
    }
  }

  /** Settings with the default heart verification. */
  public TrackerSettings(double confidenceThreshold, int lostAfterFailures, double minTemplateCorrelation,
      RegistrationOptions full, RegistrationOptions tracking) {
    this(confidenceThreshold, lostAfterFailures, minTemplateCorrelation, full, tracking, HeartVerification.DEFAULT);
  }

  /** These settings with another heart verification. */
  public TrackerSettings withHeart(HeartVerification verification) {
    return new TrackerSettings(confidenceThreshold, lostAfterFailures, minTemplateCorrelation, full, tracking,
        verification);
  }
}
