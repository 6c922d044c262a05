package cathnav.gpu.cpu;

import cathnav.gpu.PreparedTarget;
import cathnav.gpu.SimilarityMetric;

/**
 * A target frame prepared for scoring on the java backend. For each correlated channel (the image for NCC; its two
 * Sobel gradients for gradient correlation) it holds the zero-mean target over the mask ({@code t - mean(t)} on
 * masked pixels, 0 elsewhere) and its sum of squares (float64). {@code weights} is 1 on masked pixels and 0
 * elsewhere, or {@code null} when every pixel counts.
 */
final class HostPreparedTarget implements PreparedTarget {

  private final JavaBackend owner;
  private final int width;
  private final int height;
  private final SimilarityMetric metric;
  final float[][] centred;
  final double[] sumOfSquares;
  final float[] weights;
  final long pixelCount;

  HostPreparedTarget(
      JavaBackend owner,
      int width,
      int height,
      SimilarityMetric metric,
      float[][] centred,
      double[] sumOfSquares,
      float[] weights,
      long pixelCount) {
    this.owner = owner;
    this.width = width;
    this.height = height;
    this.metric = metric;
    this.centred = centred;
    this.sumOfSquares = sumOfSquares;
    this.weights = weights;
    this.pixelCount = pixelCount;
  }

  JavaBackend owner() {
    return owner;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public SimilarityMetric metric() {
    return metric;
  }

  @Override
  public void close() {
    // heap memory only: released with the last reference
  }
}
