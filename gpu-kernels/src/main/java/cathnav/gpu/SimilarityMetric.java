package cathnav.gpu;

/** Similarity between a DRR and the target frame, both over the same pixels (the mask, if any). */
public enum SimilarityMetric {
  /** Zero-normalised cross-correlation of the two images. */
  NCC,
  /** Gradient correlation: the mean of the NCC of the two u-gradients and the NCC of the two v-gradients (3x3 Sobel). */
  GRADIENT_CORRELATION
}
