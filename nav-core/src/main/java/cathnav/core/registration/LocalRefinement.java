package cathnav.core.registration;

import cathnav.gpu.SimilarityMetric;
import java.util.Objects;

/**
 * A local refinement stage: Powell's BOBYQA (Commons Math) on the {@link ViewAlignedPose} parameters from the best
 * pose so far, one pose scored per call. Parameters are divided by their scales, so the trust region is a ball of
 * radius {@code 1} at the start and stops at {@code stopRadius} in those units.
 *
 * @param level pyramid level, 0 = finest
 * @param metric similarity to maximise
 * @param maxEvaluations evaluation budget
 * @param inPlaneScaleMm scale of the in-plane translation, mm
 * @param depthScaleMm scale of the translation along the ray through the centre, mm
 * @param inPlaneRotationScaleDeg scale of the rotation about that ray, degrees
 * @param outOfPlaneRotationScaleDeg scale of the other two rotations, degrees
 * @param stepMm DRR ray sampling step at this level, mm
 * @param stopRadius final trust-region radius, in scaled units
 */
public record LocalRefinement(
    int level,
    SimilarityMetric metric,
    int maxEvaluations,
    double inPlaneScaleMm,
    double depthScaleMm,
    double inPlaneRotationScaleDeg,
    double outOfPlaneRotationScaleDeg,
    double stepMm,
    double stopRadius) implements SearchStage {

  public LocalRefinement {
    Objects.requireNonNull(metric, "metric");
    if (level < 0 || maxEvaluations < 20) {
      throw new IllegalArgumentException(
          "invalid refinement, level=" + level + ", maxEvaluations=" + maxEvaluations + " (at least 20)");
    }
    if (!(inPlaneScaleMm > 0) || !(depthScaleMm > 0) || !(inPlaneRotationScaleDeg > 0)
        || !(outOfPlaneRotationScaleDeg > 0) || !(stepMm > 0) || !(stopRadius > 0 && stopRadius < 1)) {
      throw new IllegalArgumentException("scales must be positive and 0 < stopRadius < 1, refinement level=" + level);
    }
  }

  double[] scales() {
    return new double[] {
      inPlaneScaleMm, inPlaneScaleMm, depthScaleMm,
      outOfPlaneRotationScaleDeg, outOfPlaneRotationScaleDeg, inPlaneRotationScaleDeg
    };
  }
}
