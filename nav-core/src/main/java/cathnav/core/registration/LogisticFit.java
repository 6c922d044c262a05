package cathnav.core.registration;

import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Maximum-likelihood logistic regression by Newton's method (iteratively reweighted least squares) with a small
 * ridge penalty on the standardised weights, so that separable data still give finite weights. Stateless.
 * Newton steps are halved while they lower the penalised likelihood (separable data make plain Newton overshoot).
 */
final class LogisticFit {

  /**
   * Ridge penalty on the standardised weights (not on the intercept), in all: small against the information of a
   * few hundred cases, it only keeps the weights finite when the cases are separable.
   */
  static final double RIDGE = 0.1;

  private static final int MAX_ITERATIONS = 100;

  private LogisticFit() {}

  /**
   * @param x one row of features per case
   * @param y outcome per case
   * @return {@code {intercept, w_1 .. w_d}} on the raw (not standardised) features
   */
  static double[] fit(double[][] x, boolean[] y) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      double ss = 0;
      for (double[] row : x) {
        s += row[j];
        ss += row[j] * row[j];
      }
      mean[j] = s / n;
      double var = ss / n - mean[j] * mean[j];
      scale[j] = var > 1e-24 ? Math.sqrt(var) : 1;
    }
    double[][] z = new double[n][d + 1];
    for (int i = 0; i < n; i++) {
      z[i][0] = 1;
      for (int j = 0; j < d; j++) {
        z[i][j + 1] = (x[i][j] - mean[j]) / scale[j];
      }
    }
    double[] beta = new double[d + 1];
    double lambda = RIDGE;
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[] grad = new double[d + 1];
      double[][] hess = new double[d + 1][d + 1];
      for (int i = 0; i < n; i++) {
        double eta = 0;
        for (int j = 0; j <= d; j++) {
          eta += beta[j] * z[i][j];
        }
        double p = 1 / (1 + Math.exp(-eta));
        double r = (y[i] ? 1 : 0) - p;
        double wgt = Math.max(p * (1 - p), 1e-12);
        for (int j = 0; j <= d; j++) {
          grad[j] += r * z[i][j];
          for (int k = 0; k <= d; k++) {
            hess[j][k] += wgt * z[i][j] * z[i][k];
          }
        }
      }
      for (int j = 1; j <= d; j++) {
        grad[j] -= lambda * beta[j];
        hess[j][j] += lambda;
      }
      RealMatrix h = MatrixUtils.createRealMatrix(hess);
      double[] step = new LUDecomposition(h).getSolver().solve(MatrixUtils.createRealVector(grad)).toArray();
      double before = penalisedLogLikelihood(z, y, beta, lambda);
      double[] next = new double[d + 1];
      double factor = 1;
      for (int halving = 0; halving < 30; halving++, factor /= 2) {
        for (int j = 0; j <= d; j++) {
          next[j] = beta[j] + factor * step[j];
        }
        if (penalisedLogLikelihood(z, y, next, lambda) >= before) {
          break;
        }
      }
      double change = 0;
      for (int j = 0; j <= d; j++) {
        change = Math.max(change, Math.abs(next[j] - beta[j]));
      }
      beta = next;
      if (change < 1e-9) {
        break;
      }
    }
    double[] raw = new double[d + 1];
    raw[0] = beta[0];
    for (int j = 0; j < d; j++) {
      raw[j + 1] = beta[j + 1] / scale[j];
      raw[0] -= beta[j + 1] * mean[j] / scale[j];
    }
    return raw;
  }

  private static double penalisedLogLikelihood(double[][] z, boolean[] y, double[] beta, double lambda) {
    double ll = 0;
    for (int i = 0; i < z.length; i++) {
      double eta = 0;
      for (int j = 0; j < beta.length; j++) {
        eta += beta[j] * z[i][j];
      }
      // log(sigmoid(eta)) and log(1 - sigmoid(eta)), stable for large |eta|
      double logP = -Math.log1p(Math.exp(-Math.abs(eta))) + Math.min(0, eta);
      double logQ = -Math.log1p(Math.exp(-Math.abs(eta))) + Math.min(0, -eta);
      ll += y[i] ? logP : logQ;
    }
    for (int j = 1; j < beta.length; j++) {
      ll -= 0.5 * lambda * beta[j] * beta[j];
    }
    return ll;
  }
}
