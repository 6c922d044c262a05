package cathnav.core.registration;

import cathnav.gpu.SimilarityMetric;
import java.util.Objects;

/**
 * How one pyramid level is searched: a CMA-ES run from the best pose so far, each generation scored in one batched
 * call. Step sizes are initial standard deviations in the view-aligned parameters ({@link ViewAlignedPose}).
 *
 * @param level pyramid level, 0 = finest
 * @param metric similarity to maximise
 * @param population candidates per generation
 * @param maxGenerations generation budget
 * @param inPlaneSigmaMm initial spread of the translation parallel to the detector, mm
 * @param depthSigmaMm initial spread of the translation along the beam, mm
 * @param inPlaneRotationSigmaDeg initial spread of the rotation about the beam, degrees
 * @param outOfPlaneRotationSigmaDeg initial spread of the rotations about the detector axes, degrees
 * @param stepMm DRR ray sampling step at this level, mm
 * @param stopSpread stop when every coordinate's spread has shrunk below this fraction of its initial value
 */
public record LevelSchedule(
    int level,
    SimilarityMetric metric,
    int population,
    int maxGenerations,
    double inPlaneSigmaMm,
    double depthSigmaMm,
    double inPlaneRotationSigmaDeg,
    double outOfPlaneRotationSigmaDeg,
    double stepMm,
    double stopSpread) implements SearchStage {

  public LevelSchedule {
    Objects.requireNonNull(metric, "metric");
    if (level < 0 || population < 4 || maxGenerations < 1) {
      throw new IllegalArgumentException("invalid level schedule, level=" + level + ", population=" + population
          + ", maxGenerations=" + maxGenerations);
    }
    if (!(inPlaneSigmaMm > 0) || !(depthSigmaMm > 0) || !(inPlaneRotationSigmaDeg > 0)
        || !(outOfPlaneRotationSigmaDeg > 0) || !(stepMm > 0) || !(stopSpread >= 0)) {
      throw new IllegalArgumentException("step sizes must be positive, schedule level=" + level);
    }
  }

  /** Initial step sizes in the order of {@link ViewAlignedPose}'s parameters. */
  double[] stepSizes() {
    return new double[] {
      inPlaneSigmaMm, inPlaneSigmaMm, depthSigmaMm,
      outOfPlaneRotationSigmaDeg, outOfPlaneRotationSigmaDeg, inPlaneRotationSigmaDeg
    };
  }
}
