package cathnav.core.tracking;

import cathnav.core.geometry.Vec3;

/**
 * When a heart pose counts as verified (TRACKING), and how the heart's depth is taken.
 *
 * @param minCorrelation the heart-only DRR must match the frame's residual with at least this NCC, both in the
 *     per-frame 2D match and in the background 3D heart registration
 * @param maxDisagreementMm the 2D estimate and the 3D heart registration of the same frame must agree within this
 *     distance parallel to the detector, mm
 * @param maxCheckAgeS a passed check vouches for the frames up to this long after (and before) its own, seconds
 * @param searchMm the largest heart displacement searched from its place at the patient pose, mm at the heart
 * @param breathingDirection the prior direction the heart mostly moves with breathing, RAS: the depth a single view
 *     cannot see is taken along it until the patient's own direction is estimated from two views (a pose with the
 *     prior's depth is never TRACKING; the estimate's sign follows it), or null to leave depth at the patient pose's
 *     until then
 */
public record HeartVerification(double minCorrelation, double maxDisagreementMm, double maxCheckAgeS,
    double searchMm, Vec3 breathingDirection) {

  /**
   * Heart NCC at least 0.6 (about 0.85 for the 2D match and 0.95 for the 3D registration on the demo's frames,
   * about 0.05 on a frame without the heart), 2D and 3D within 2 mm, a check vouches for 10 s (a check takes 1 to
   * 4 s on a shared 2-core machine), 25 mm search; breathing moves the heart inferiorly with an anterior component (about 0.3 of the inferior one).
   */
  public static final HeartVerification DEFAULT =
      new HeartVerification(0.6, 2.0, 10.0, 25.0, new Vec3(0, 0.3, -0.95).normalized());

  public HeartVerification {
    if (!(minCorrelation > -1 && minCorrelation < 1) || !(maxDisagreementMm > 0) || !(maxCheckAgeS > 0)
        || !(searchMm > 0)) {
      throw new IllegalArgumentException("invalid heart verification settings, minCorrelation=" + minCorrelation
          + ", maxDisagreementMm=" + maxDisagreementMm + ", maxCheckAgeS=" + maxCheckAgeS + ", searchMm=" + searchMm);
    }
  }
}
