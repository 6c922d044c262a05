package cathnav.core.registration;

import io.vertx.core.json.JsonObject;

/**
 * What a pose's similarity says about whether it is right, measured on one frame at the calibrated stage
 * ({@link RegistrationOptions#calibratedStage()}: gradient correlation on pyramid level 0) by
 * {@link ConfidenceScorer}. The confidence model reads it through {@link ConfidenceFeature}s.
 *
 * @param similarity gradient correlation at the pose, in [-1, 1]
 * @param noiseSigma the frame's robust noise estimate, attenuation units per level-0 pixel ({@link NoiseCeiling})
 * @param meanSquareSigma the untrimmed noise estimate ({@link NoiseCeiling#meanSquareSigma()})
 * @param gradientVariance the frame's Sobel gradient variance ({@link NoiseCeiling#gradientVariance()})
 * @param gradientCeiling the gradient correlation a perfect noise-free model would reach on this frame, in (0, 1]
 * @param meanNeighbourSimilarity mean similarity at the pose moved by {@link ConfidenceScorer#PERTURBATION} along
 *     each search axis, both ways (12 poses)
 * @param maxNeighbourSimilarity the largest of those 12 similarities
 */
public record RegistrationEvidence(
    double similarity,
    double noiseSigma,
    double meanSquareSigma,
    double gradientVariance,
    double gradientCeiling,
    double meanNeighbourSimilarity,
    double maxNeighbourSimilarity) {

  /** The ceiling from the untrimmed noise estimate ({@link NoiseCeiling#ceiling}). */
  public double meanSquareCeiling() {
    return NoiseCeiling.ceiling(gradientVariance, meanSquareSigma);
  }

  /** Reads the form written by {@link #toJson()}. */
  public static RegistrationEvidence fromJson(JsonObject o) {
    return new RegistrationEvidence(o.getDouble("similarity"), o.getDouble("noiseSigma"),
        o.getDouble("meanSquareSigma"), o.getDouble("gradientVariance"), o.getDouble("gradientCeiling"), o.getDouble("meanNeighbourSimilarity"), o.getDouble("maxNeighbourSimilarity"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("similarity", similarity)
        .put("noiseSigma", noiseSigma)
        .put("meanSquareSigma", meanSquareSigma)
        .put("gradientVariance", gradientVariance)
        .put("gradientCeiling", gradientCeiling)
        .put("meanNeighbourSimilarity", meanNeighbourSimilarity)
        .put("maxNeighbourSimilarity", maxNeighbourSimilarity);
  }
}
