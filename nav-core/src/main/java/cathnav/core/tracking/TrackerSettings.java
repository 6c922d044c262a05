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
 */
public record TrackerSettings(
    double confidenceThreshold,
    int lostAfterFailures,
    double minTemplateCorrelation,
    RegistrationOptions full,
    RegistrationOptions tracking) {

  public static final TrackerSettings DEFAULT =
      new TrackerSettings(0.5, 3, 0.6, RegistrationOptions.DEFAULT, RegistrationOptions.TRACKING);

  public TrackerSettings {
    Objects.requireNonNull(full, "full");
    Objects.requireNonNull(tracking, "tracking");
    if (!(confidenceThreshold > 0 && confidenceThreshold <= 1) || lostAfterFailures < 1
        || !(minTemplateCorrelation > -1 && minTemplateCorrelation < 1)) {
      throw new IllegalArgumentException("invalid tracker settings, confidenceThreshold=" + confidenceThreshold
          + ", lostAfterFailures=" + lostAfterFailures + ", minTemplateCorrelation=" + minTemplateCorrelation);
    }
  }
}
