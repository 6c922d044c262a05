package cathnav.gpu;

import java.util.Objects;

/**
 * A C-arm projection: the 3x4 matrix {@code P} (row-major, 12 values) mapping homogeneous RAS mm to homogeneous
 * detector pixels, and the detector size in pixels. See {@link ComputeBackend} for the conventions. Points in front
 * of the source must have a positive third homogeneous coordinate (as {@code K [R | t]} with positive focal lengths
 * gives): the rays run from the source {@code C = -M^-1 p} along {@code +M^-1 (u, v, 1)}.
 */
public record Projection(int width, int height, double[] matrix) {

  public Projection {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("detector size must be positive, size=" + width + "x" + height);
    }
    Objects.requireNonNull(matrix, "matrix");
    if (matrix.length != 12) {
      throw new IllegalArgumentException("P must have 12 values, length=" + matrix.length);
    }
    matrix = matrix.clone();
  }

  @Override
  public double[] matrix() {
    return matrix.clone();
  }

  /** Element (row, column) of P. */
  public double get(int row, int column) {
    return matrix[row * 4 + column];
  }
}
