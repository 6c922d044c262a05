package cathnav.core.registration;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * The quantities a confidence model may weigh, derived from {@link RegistrationEvidence}. The relative ones divide
 * by the frame's noise ceiling, which removes the noise level (dose, gain, binning) to first order.
 */
public enum ConfidenceFeature {
  /** The raw gradient correlation (depends on the noise level). */
  SIMILARITY("similarity", e -> e.similarity()),
  /** Gradient correlation over its noise ceiling: the noise-free similarity, estimated. */
  RELATIVE_SIMILARITY("relativeSimilarity", e -> e.similarity() / e.gradientCeiling()),
  /** Gradient correlation over the ceiling from the untrimmed noise estimate. */
  MEAN_SQUARE_RELATIVE_SIMILARITY("meanSquareRelativeSimilarity", e -> e.similarity() / e.meanSquareCeiling()),
  /** The untrimmed ceiling. */
  MEAN_SQUARE_CEILING("meanSquareCeiling", e -> e.meanSquareCeiling()),
  /** The noise ceiling itself (how noisy the frame is). */
  CEILING("ceiling", e -> e.gradientCeiling()),
  /** How far the similarity falls one step away, over the ceiling: the sharpness of the optimum. */
  RELATIVE_SHARPNESS("relativeSharpness",
      e -> (e.similarity() - e.meanNeighbourSimilarity()) / e.gradientCeiling()),
  /** How much better the best neighbour scores, over the ceiling (above 0: the pose is not at an optimum). */
  RELATIVE_ASCENT("relativeAscent",
      e -> Math.max(0, e.maxNeighbourSimilarity() - e.similarity()) / e.gradientCeiling());

  private final String key;
  private final ToDoubleFunction<RegistrationEvidence> value;

  ConfidenceFeature(String key, ToDoubleFunction<RegistrationEvidence> value) {
    this.key = key;
    this.value = value;
  }

  /** The name used in the calibration resource and on the command line. */
  public String key() {
    return key;
  }

  public double of(RegistrationEvidence e) {
    return value.applyAsDouble(e);
  }

  /** The feature named {@code key}. */
  public static ConfidenceFeature byKey(String key) {
    for (ConfidenceFeature f : values()) {
      if (f.key.equals(key)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown confidence feature, feature=" + key + ", known="
        + Arrays.stream(values()).map(ConfidenceFeature::key).toList());
  }
}
