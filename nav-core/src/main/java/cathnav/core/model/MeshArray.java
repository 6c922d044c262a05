package cathnav.core.model;

import java.util.Objects;

/**
 * A named data array attached to a mesh's points or triangles: {@code tuples x components} values, tuple-major
 * ({@code values[t * components + c]}). Values are held as double so that ids and labels stay exact.
 *
 * <p>The array is owned by the record and handed out without copying; treat it as read-only.
 */
public record MeshArray(String name, int components, double[] values) {

  public MeshArray {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
    if (components <= 0) {
      throw new IllegalArgumentException("components must be positive, name=" + name + ", components=" + components);
    }
    if (values.length % components != 0) {
      throw new IllegalArgumentException(
          "values not a whole number of tuples, name=" + name + ", length=" + values.length + ", components=" + components);
    }
  }

  public int tuples() {
    return values.length / components;
  }

  /** Component {@code c} of tuple {@code t}. */
  public double value(int t, int c) {
    return values[t * components + c];
  }

  /** A new array holding the tuples at {@code indices}, in that order. */
  public MeshArray select(int[] indices) {
    double[] out = new double[indices.length * components];
    for (int n = 0; n < indices.length; n++) {
      System.arraycopy(values, indices[n] * components, out, n * components, components);
    }
    return new MeshArray(name, components, out);
  }
}
