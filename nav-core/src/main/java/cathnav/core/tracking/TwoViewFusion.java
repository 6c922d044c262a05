package cathnav.core.tracking;

import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;

/**
 * Two patient registrations at rest in two C-arm views, triangulated: each sees the tracked point (the model centre)
 * well across its beam and poorly along it (its depth), so the fused point is the one closest to each registration
 * across that registration's beam, {@code argmin_c sum_k |P_k (c - c_k)|^2} with {@code P_k} the projection across
 * beam {@code k}. The two agree where both see the same thing: along {@code n = b1 x b2}, across both beams; their
 * difference there ({@link #commonAxisMm}) is frame noise when both are right (their depth errors, along their own
 * beams, cannot reach it). The fused pose keeps the second registration's rotation, moved to put the tracked point at
 * the fused point.
 *
 * @param pose the fused patient pose
 * @param commonAxisMm the two registrations' difference along {@code n}, mm (absolute)
 * @param firstDepthMm how far the fused point lies from the first registration's along its beam, mm (absolute)
 * @param secondDepthMm the same for the second registration, mm
 */
record TwoViewFusion(RigidTransform pose, double commonAxisMm, double firstDepthMm, double secondDepthMm) {

  /** Depth corrections larger than this are not a registration's depth error but a wrong pose, mm. */
  static final double MAX_DEPTH_CORRECTION_MM = 5.0;

  /**
   * Fuses {@code first} (registered in the view of unit beam {@code firstBeam}) with {@code second} (beam
   * {@code secondBeam}) at {@code point} (model RAS mm); null when the beams are within 5 degrees of each other.
   */
  static TwoViewFusion of(RigidTransform first, Vec3 firstBeam, RigidTransform second, Vec3 secondBeam, Vec3 point) {
    Vec3 b1 = firstBeam.normalized();
    Vec3 b2 = secondBeam.normalized();
    Vec3 n = b1.cross(b2);
    if (n.norm() < Math.sin(Math.toRadians(5))) {
      return null;
    }
    Vec3 c1 = first.apply(point);
    Vec3 c2 = second.apply(point);
    // (P1 + P2) c = P1 c1 + P2 c2 with P = I - b b^T, solved in the basis {n, b1, b2}: along n the mean; in the plane
    // of the beams c = c1 + s b1 = c2 + t b2 (each registration moved along its own beam only)
    Vec3 nn = n.normalized();
    double common = nn.dot(c1.minus(c2));
    Vec3 d = c2.minus(c1).minus(nn.times(nn.dot(c2.minus(c1)))); // c2 - c1 in the beams' plane
    // s b1 - t b2 = d: least squares in the plane (exact, d lies in span(b1, b2))
    double g = b1.dot(b2);
    double det = 1 - g * g;
    double db1 = d.dot(b1);
    double db2 = d.dot(b2);
    double s = (db1 - g * db2) / det;
    double t = -(db2 - g * db1) / det;
    Vec3 fused = c1.plus(b1.times(s)).plus(nn.times(-common / 2));
    double[] m = second.matrix();
    Vec3 shift = fused.minus(c2);
    m[3] += shift.x();
    m[7] += shift.y();
    m[11] += shift.z();
    return new TwoViewFusion(new RigidTransform(m), Math.abs(common), Math.abs(s), Math.abs(t));
  }

  /**
   * Whether the two confirm each other: within {@code toleranceMm} along the common axis, and neither depth
   * corrected by more than {@link #MAX_DEPTH_CORRECTION_MM}.
   */
  boolean agrees(double toleranceMm) {
    return commonAxisMm <= toleranceMm && firstDepthMm <= MAX_DEPTH_CORRECTION_MM
        && secondDepthMm <= MAX_DEPTH_CORRECTION_MM;
  }
}
