package cathnav.sim.render;

import cathnav.core.geometry.RigidTransform;
import cathnav.gpu.Projection;
import java.util.Objects;

/**
 * One view's cached anatomy, rendered ahead by {@link AnatomyRenderer#prepare} and taken over by another renderer
 * through {@link AnatomyRenderer#adopt}: line integrals of mu, row-major {@code width * height} of the projection.
 *
 * <p>Ownership: the arrays are never written once prepared; renderers share them read-only across threads (publish
 * the record through a safe hand-off, such as a concurrent queue).
 *
 * @param projection the view, detector pixels
 * @param patientPose the patient pose (model to RAS) the view was rendered at
 * @param staticDrr the static anatomy's line integrals
 * @param restHeartDrr the heart region's line integrals at rest (heart pose = patient pose)
 */
public record PreparedView(Projection projection, RigidTransform patientPose, float[] staticDrr,
    float[] restHeartDrr) {

  public PreparedView {
    Objects.requireNonNull(projection, "projection");
    Objects.requireNonNull(patientPose, "patientPose");
    int n = projection.width() * projection.height();
    if (staticDrr.length != n || restHeartDrr.length != n) {
      throw new IllegalArgumentException("prepared view size mismatch, pixels=" + n + ", static="
          + staticDrr.length + ", heart=" + restHeartDrr.length);
    }
  }
}
