package cathnav.core.preop.fit;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The least-squares similarity between paired point sets (closed form, Umeyama 1991): the {@code s, R, t} that
 * minimise {@code sum |y_i - (s R x_i + t)|^2}, with {@code R} a proper rotation (reflections are excluded by the
 * sign correction of the SVD). Float64 throughout. Stateless.
 */
public final class SimilarityLeastSquares {

  private SimilarityLeastSquares() {}

  /**
   * Fits {@code target ~ s R source + t}.
   *
   * @param source packed {@code x, y, z} triples, mm
   * @param target the paired points, same length
   * @param count how many pairs to use (the first {@code count} triples)
   * @throws IllegalArgumentException fewer than 3 pairs, or the source points all coincide
   */
  public static SimilarityTransform fit(double[] source, double[] target, int count) {
    if (count < 3 || source.length < 3 * count || target.length < 3 * count) {
      throw new IllegalArgumentException("a similarity needs at least 3 pairs, count=" + count);
    }
    double[] ms = new double[3];
    double[] mt = new double[3];
    for (int i = 0; i < count; i++) {
      for (int a = 0; a < 3; a++) {
        ms[a] += source[3 * i + a];
        mt[a] += target[3 * i + a];
      }
    }
    for (int a = 0; a < 3; a++) {
      ms[a] /= count;
      mt[a] /= count;
    }
    double varSource = 0;
    double[][] cov = new double[3][3];
    for (int i = 0; i < count; i++) {
      double sx = source[3 * i] - ms[0];
      double sy = source[3 * i + 1] - ms[1];
      double sz = source[3 * i + 2] - ms[2];
      varSource += sx * sx + sy * sy + sz * sz;
      for (int r = 0; r < 3; r++) {
        double tr = target[3 * i + r] - mt[r];
        cov[r][0] += tr * sx;
        cov[r][1] += tr * sy;
        cov[r][2] += tr * sz;
      }
    }
    if (!(varSource > 0)) {
      throw new IllegalArgumentException("source points coincide, count=" + count);
    }
    SingularValueDecomposition svd =
        new SingularValueDecomposition(new Array2DRowRealMatrix(cov, false));
    RealMatrix u = svd.getU();
    RealMatrix v = svd.getV();
    double[] d = svd.getSingularValues();
    double sign = Rotations.determinant(Rotations.flat(u)) * Rotations.determinant(Rotations.flat(v));
    double[] corr = {1, 1, sign < 0 ? -1 : 1};
    double[] rot = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
          sum += u.getEntry(r, k) * corr[k] * v.getEntry(c, k);
        }
        rot[3 * r + c] = sum;
      }
    }
    double trace = d[0] * corr[0] + d[1] * corr[1] + d[2] * corr[2];
    double scale = trace / varSource;
    if (!(scale > 0)) {
      throw new IllegalArgumentException("degenerate pairing: no positive scale fits, scale=" + scale);
    }
    double[] t = new double[3];
    for (int r = 0; r < 3; r++) {
      t[r] = mt[r] - scale * (rot[3 * r] * ms[0] + rot[3 * r + 1] * ms[1] + rot[3 * r + 2] * ms[2]);
    }
    return new SimilarityTransform(scale, Rotations.orthonormalised(rot), t);
  }
}
