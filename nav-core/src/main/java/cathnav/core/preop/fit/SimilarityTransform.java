package cathnav.core.preop.fit;

import java.util.Arrays;
import java.util.Locale;

/**
 * A similarity transform {@code x' = s R x + t}: isotropic scale {@code s > 0}, proper rotation {@code R} (row-major
 * 3x3, determinant +1) and translation {@code t} (mm). Used to place meshes of one frame (another patient's CT) in
 * the RAS frame of this patient's CT. Immutable; the arrays are copied in and out.
 *
 * @param scale isotropic scale, dimensionless, positive
 * @param rotation row-major 3x3 proper rotation
 * @param translation translation, mm
 */
public record SimilarityTransform(double scale, double[] rotation, double[] translation) {

  /** Tolerance on {@code R^T R = I} and {@code det R = 1} when a transform is built from given values. */
  static final double ORTHONORMAL_TOLERANCE = 1e-6;

  public SimilarityTransform {
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite, scale=" + scale);
    }
    if (rotation == null || rotation.length != 9 || translation == null || translation.length != 3) {
      throw new IllegalArgumentException("rotation needs 9 values and translation 3");
    }
    rotation = rotation.clone();
    translation = translation.clone();
    for (double v : rotation) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("rotation must be finite, rotation=" + Arrays.toString(rotation));
      }
    }
    for (double v : translation) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("translation must be finite, translation=" + Arrays.toString(translation));
      }
    }
    double err = Math.abs(Rotations.determinant(rotation) - 1);
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        double dot = 0;
        for (int k = 0; k < 3; k++) {
          dot += rotation[3 * k + r] * rotation[3 * k + c];
        }
        err = Math.max(err, Math.abs(dot - (r == c ? 1 : 0)));
      }
    }
    if (err > ORTHONORMAL_TOLERANCE) {
      throw new IllegalArgumentException("rotation is not a proper rotation, deviation=" + err);
    }
  }

  /** The identity. */
  public static SimilarityTransform identity() {
    return new SimilarityTransform(1, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]);
  }

  @Override
  public double[] rotation() {
    return rotation.clone();
  }

  @Override
  public double[] translation() {
    return translation.clone();
  }

  /** Maps the point {@code (x, y, z)} into {@code out[offset..offset+2]}. */
  public void apply(double x, double y, double z, double[] out, int offset) {
    double[] r = rotation;
    out[offset] = scale * (r[0] * x + r[1] * y + r[2] * z) + translation[0];
    out[offset + 1] = scale * (r[3] * x + r[4] * y + r[5] * z) + translation[1];
    out[offset + 2] = scale * (r[6] * x + r[7] * y + r[8] * z) + translation[2];
  }

  /** The mapped point. */
  public double[] apply(double[] p) {
    double[] out = new double[3];
    apply(p[0], p[1], p[2], out, 0);
    return out;
  }

  /** Every point of {@code xyz} (packed triples) mapped, as a new array. */
  public double[] applyAll(double[] xyz) {
    double[] out = new double[xyz.length];
    for (int i = 0; i < xyz.length; i += 3) {
      apply(xyz[i], xyz[i + 1], xyz[i + 2], out, i);
    }
    return out;
  }

  /** The inverse: {@code x = (1/s) R^T (x' - t)}. */
  public SimilarityTransform inverse() {
    double[] rt = Rotations.transpose(rotation);
    double inv = 1 / scale;
    double[] t = new double[3];
    for (int r = 0; r < 3; r++) {
      t[r] = -inv * (rt[3 * r] * translation[0] + rt[3 * r + 1] * translation[1] + rt[3 * r + 2] * translation[2]);
    }
    return new SimilarityTransform(inv, rt, t);
  }

  /** {@code this} after {@code first}: {@code x -> this(first(x))}. */
  public SimilarityTransform after(SimilarityTransform first) {
    double[] r = Rotations.multiply(rotation, first.rotation);
    double[] t = new double[3];
    apply(first.translation[0], first.translation[1], first.translation[2], t, 0);
    return new SimilarityTransform(scale * first.scale, Rotations.orthonormalised(r), t);
  }

  /** The row-major 4x4 affine ({@code [sR | t; 0 0 0 1]}), as {@code TriangleMesh.transformed} takes it. */
  public double[] matrix() {
    double[] m = new double[16];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        m[4 * r + c] = scale * rotation[3 * r + c];
      }
      m[4 * r + 3] = translation[r];
    }
    m[15] = 1;
    return m;
  }

  /** A transform from a row-major 4x4 similarity affine (bottom row 0 0 0 1). */
  public static SimilarityTransform ofMatrix(double[] m) {
    if (m == null || m.length != 16) {
      throw new IllegalArgumentException("a 4x4 affine needs 16 values");
    }
    if (m[12] != 0 || m[13] != 0 || m[14] != 0 || m[15] != 1) {
      throw new IllegalArgumentException("the affine's bottom row must be 0 0 0 1, row=" + m[12] + " " + m[13] + " "
          + m[14] + " " + m[15]);
    }
    double[] a = {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]};
    double det = Rotations.determinant(a);
    if (!(det > 0)) {
      throw new IllegalArgumentException("the affine must keep handedness (positive determinant), det=" + det);
    }
    double s = Math.cbrt(det);
    double[] r = new double[9];
    for (int i = 0; i < 9; i++) {
      r[i] = a[i] / s;
    }
    return new SimilarityTransform(s, r, new double[] {m[3], m[7], m[11]});
  }

  /** The rotation's angle, degrees in [0, 180]. */
  public double rotationAngleDegrees() {
    double c = (rotation[0] + rotation[4] + rotation[8] - 1) / 2;
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SimilarityTransform[scale=%.4f, rotationDeg=%.2f, translation=(%.2f, %.2f, %.2f)]",
        scale, rotationAngleDegrees(), translation[0], translation[1], translation[2]);
  }
}
