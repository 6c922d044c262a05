package cathnav.core.geometry;

import cathnav.gpu.Projection;
import java.util.Objects;
import java.util.Optional;

/**
 * The geometry of one frame (the content of a {@code *.geom.json}): the projection {@code P} with the detector
 * size, the detector pixel spacing, and, where known, the C-arm parameters it came from. When a file holds both,
 * {@code P} rules (the C-arm fields are kept as information). Immutable.
 *
 * @param projection P and the detector size in pixels
 * @param pixelSpacingU detector pixel spacing along u, mm
 * @param pixelSpacingV detector pixel spacing along v, mm
 * @param cArm the C-arm parameters when known, else {@code null} (see {@link #knownCArm()})
 */
public record FrameGeometry(Projection projection, double pixelSpacingU, double pixelSpacingV, CArmGeometry cArm) {

  public FrameGeometry {
    Objects.requireNonNull(projection, "projection");
    if (!(pixelSpacingU > 0) || !(pixelSpacingV > 0)
        || Double.isInfinite(pixelSpacingU) || Double.isInfinite(pixelSpacingV)) {
      throw new IllegalArgumentException(
          "pixel spacing must be positive, pixelSpacing=[" + pixelSpacingU + ", " + pixelSpacingV + "]");
    }
  }

  /** The geometry of a C-arm view, {@code P} computed from it. */
  public static FrameGeometry of(CArmGeometry carm) {
    return new FrameGeometry(carm.toProjection(), carm.pixelSpacingU(), carm.pixelSpacingV(), carm);
  }

  public int width() {
    return projection.width();
  }

  public int height() {
    return projection.height();
  }

  /** The C-arm parameters, when the source of this geometry gave them. */
  public Optional<CArmGeometry> knownCArm() {
    return Optional.ofNullable(cArm);
  }

  /** Decomposition helpers of {@code P}. */
  public ProjectionGeometry projectionGeometry() {
    return new ProjectionGeometry(projection);
  }
}
