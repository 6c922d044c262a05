package cathnav.core.geometry;

import java.util.Arrays;
import java.util.Objects;

/**
 * A rigid 4x4 transform (RAS to RAS, mm), row-major 16 values, bottom row {@code 0 0 0 1}. The registration
 * result {@code T} is one: the model point {@code x} is drawn at {@code P T x}. Immutable.
 */
public record RigidTransform(double[] matrix) {

  /** Largest deviation from an orthonormal, right-handed rotation accepted by {@link #checkedRigid}. */
  public static final double RIGIDITY_TOLERANCE = 1e-4;

  public static final RigidTransform IDENTITY =
      new RigidTransform(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});

  public RigidTransform {
    Objects.requireNonNull(matrix, "matrix");
    if (matrix.length != 16) {
      throw new IllegalArgumentException("a 4x4 transform has 16 values, length=" + matrix.length);
    }
    matrix = matrix.clone();
  }

  /** From 4 rows of 4. */
  public static RigidTransform ofRows(double[][] rows) {
    if (rows.length != 4) {
      throw new IllegalArgumentException("a 4x4 transform has 4 rows, rows=" + rows.length);
    }
    double[] m = new double[16];
    for (int r = 0; r < 4; r++) {
      if (rows[r].length != 4) {
        throw new IllegalArgumentException("row " + r + " must have 4 values, length=" + rows[r].length);
      }
      System.arraycopy(rows[r], 0, m, r * 4, 4);
    }
    return new RigidTransform(m);
  }

  /**
   * Validates that this is a rigid transform (finite, orthonormal rotation with det +1, bottom row 0 0 0 1, all
   * within {@link #RIGIDITY_TOLERANCE}) and returns it; otherwise throws naming the defect.
   */
  public RigidTransform checkedRigid() {
    for (double x : matrix) {
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException("transform has a non-finite entry, T=" + Arrays.toString(matrix));
      }
    }
    if (Math.abs(matrix[12]) > RIGIDITY_TOLERANCE || Math.abs(matrix[13]) > RIGIDITY_TOLERANCE
        || Math.abs(matrix[14]) > RIGIDITY_TOLERANCE || Math.abs(matrix[15] - 1) > RIGIDITY_TOLERANCE) {
      throw new IllegalArgumentException("bottom row must be 0 0 0 1, T=" + Arrays.toString(matrix));
    }
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        double d = matrix[a * 4] * matrix[b * 4] + matrix[a * 4 + 1] * matrix[b * 4 + 1]
            + matrix[a * 4 + 2] * matrix[b * 4 + 2];
        if (Math.abs(d - (a == b ? 1 : 0)) > RIGIDITY_TOLERANCE) {
          throw new IllegalArgumentException(
              "rotation part is not orthonormal, row" + a + ".row" + b + "=" + d + ", T=" + Arrays.toString(matrix));
        }
      }
    }
    double det = matrix[0] * (matrix[5] * matrix[10] - matrix[6] * matrix[9])
        - matrix[1] * (matrix[4] * matrix[10] - matrix[6] * matrix[8])
        + matrix[2] * (matrix[4] * matrix[9] - matrix[5] * matrix[8]);
    if (det < 0) {
      throw new IllegalArgumentException("rotation part is a reflection, det=" + det);
    }
    return this;
  }

  @Override
  public double[] matrix() {
    return matrix.clone();
  }

  /** Element (row, column). */
  public double get(int row, int column) {
    return matrix[row * 4 + column];
  }

  /** 4 rows of 4 (a fresh copy). */
  public double[][] rows() {
    double[][] r = new double[4][4];
    for (int i = 0; i < 4; i++) {
      System.arraycopy(matrix, i * 4, r[i], 0, 4);
    }
    return r;
  }

  /** {@code T x} for a RAS point. */
  public Vec3 apply(Vec3 x) {
    return new Vec3(
        matrix[0] * x.x() + matrix[1] * x.y() + matrix[2] * x.z() + matrix[3],
        matrix[4] * x.x() + matrix[5] * x.y() + matrix[6] * x.z() + matrix[7],
        matrix[8] * x.x() + matrix[9] * x.y() + matrix[10] * x.z() + matrix[11]);
  }

  /** {@code R d} for a direction (no translation). */
  public Vec3 applyToDirection(Vec3 d) {
    return new Vec3(
        matrix[0] * d.x() + matrix[1] * d.y() + matrix[2] * d.z(),
        matrix[4] * d.x() + matrix[5] * d.y() + matrix[6] * d.z(),
        matrix[8] * d.x() + matrix[9] * d.y() + matrix[10] * d.z());
  }

  /** {@code this * other}: {@code other} first, then this. */
  public RigidTransform compose(RigidTransform other) {
    double[] a = matrix;
    double[] b = other.matrix;
    double[] c = new double[16];
    for (int r = 0; r < 4; r++) {
      for (int col = 0; col < 4; col++) {
        double s = 0;
        for (int k = 0; k < 4; k++) {
          s += a[r * 4 + k] * b[k * 4 + col];
        }
        c[r * 4 + col] = s;
      }
    }
    return new RigidTransform(c);
  }

  /** The inverse, assuming rigidity: {@code [R^T | -R^T t]}. */
  public RigidTransform inverse() {
    double[] m = matrix;
    double[] inv = new double[16];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        inv[r * 4 + c] = m[c * 4 + r];
      }
      inv[r * 4 + 3] = -(m[r] * m[3] + m[4 + r] * m[7] + m[8 + r] * m[11]);
    }
    inv[15] = 1;
    return new RigidTransform(inv);
  }

  /** Translation part, mm. */
  public Vec3 translation() {
    return new Vec3(matrix[3], matrix[7], matrix[11]);
  }

  /** Rotation angle of the rotation part, radians in [0, pi]. */
  public double rotationAngle() {
    double c = (matrix[0] + matrix[5] + matrix[10] - 1) / 2;
    return Math.acos(Math.max(-1, Math.min(1, c)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RigidTransform t && Arrays.equals(matrix, t.matrix);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(matrix);
  }

  @Override
  public String toString() {
    return "RigidTransform" + Arrays.toString(matrix);
  }
}
