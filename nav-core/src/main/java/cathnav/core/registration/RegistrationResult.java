package cathnav.core.registration;

import cathnav.core.geometry.RigidTransform;
import cathnav.gpu.SimilarityMetric;
import java.util.Objects;

/**
 * The outcome of a registration.
 *
 * @param transform the pose {@code T} (RAS to RAS): the model point {@code x} is drawn at {@code P T x}
 * @param similarity the final level's similarity at {@code T}, in [-1, 1], higher is better
 * @param metric the metric of {@code similarity}
 * @param confidence calibrated probability that {@code T} is right (mTRE under 2 mm), in [0, 1]
 * @param evaluations poses scored (DRRs rendered)
 * @param generations CMA-ES generations run, all levels together
 * @param timeNs wall time of the registration, ns
 */
public record RegistrationResult(
    RigidTransform transform,
    double similarity,
    SimilarityMetric metric,
    double confidence,
    int evaluations,
    int generations,
    long timeNs) {

  public RegistrationResult {
    Objects.requireNonNull(transform, "transform");
    Objects.requireNonNull(metric, "metric");
  }

  /** Wall time in milliseconds. */
  public double timeMs() {
    return timeNs / 1e6;
  }
}
