package cathnav.core.tracking;

import cathnav.core.geometry.Vec3;

/**
 * The background check of one frame's heart position: the per-frame 2D estimate and an independent 3D heart
 * registration of the same frame.
 *
 * @param timestampNanos the checked frame's source time stamp, ns
 * @param translation2d the 2D estimate's heart translation, RAS mm
 * @param correlation2d its NCC
 * @param translation3d the 3D heart registration's translation, RAS mm
 * @param correlation3d its NCC
 * @param disagreementMm the two translations' distance parallel to the detector, mm
 */
record HeartCheck(long timestampNanos, Vec3 translation2d, double correlation2d, Vec3 translation3d,
    double correlation3d, double disagreementMm) {

  boolean passed(HeartVerification settings) {
    return correlation2d >= settings.minCorrelation() && correlation3d >= settings.minCorrelation()
        && disagreementMm <= settings.maxDisagreementMm();
  }

  /** Whether this check vouches for a frame taken at {@code frameNanos}. */
  boolean covers(long frameNanos, HeartVerification settings) {
    return Math.abs(frameNanos - timestampNanos) <= (long) (settings.maxCheckAgeS() * 1e9);
  }
}
