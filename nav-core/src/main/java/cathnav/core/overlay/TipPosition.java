package cathnav.core.overlay;

/**
 * The lead tip in 3D and what follows from it, in the model frame (RAS mm, before the pose {@code T}).
 *
 * @param constraint how the point was found
 * @param point {@code {x, y, z}} model RAS mm, or null for {@link TipConstraint#RAY} and {@link TipConstraint#NONE}
 * @param rayToVeinMm for {@link TipConstraint#VEIN}, the distance from the tip's viewing ray to the vein, mm (NaN
 *     otherwise)
 * @param segmentUnderTip AHA segment (1..17) of the LV surface nearest the point (first crossed by the ray for
 *     {@link TipConstraint#RAY}); 0 when none
 * @param distanceToTargetMm distance from the point to the target segment's surface, mm; NaN when unknown (no target,
 *     no point)
 */
public record TipPosition(
    TipConstraint constraint, double[] point, double rayToVeinMm, int segmentUnderTip, double distanceToTargetMm) {

  /** No tip. */
  public static final TipPosition NONE = new TipPosition(TipConstraint.NONE, null, Double.NaN, 0, Double.NaN);

  public TipPosition {
    java.util.Objects.requireNonNull(constraint, "constraint");
    if (point != null && point.length != 3) {
      throw new IllegalArgumentException("point must be x, y, z, length=" + point.length);
    }
    point = point == null ? null : point.clone();
  }

  @Override
  public double[] point() {
    return point == null ? null : point.clone();
  }
}
