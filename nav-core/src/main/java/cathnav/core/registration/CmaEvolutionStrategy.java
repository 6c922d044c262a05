package cathnav.core.registration;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Covariance matrix adaptation evolution strategy (CMA-ES, Hansen's standard (mu/mu_w, lambda) form with rank-one
 * and rank-mu updates and cumulative step-size adaptation), written as ask/tell so that a caller scores a whole
 * generation at once (one batched {@code scorePoses} call on the device).
 *
 * <p>Minimises: {@link #tell} takes costs, lower is better. The search space is unbounded; callers scale their
 * parameters so that one unit means about the same in every coordinate and give per-coordinate initial step sizes.
 *
 * <p>Thread-safety: none; one optimiser belongs to one thread. Deterministic for a given seed.
 */
public final class CmaEvolutionStrategy {

  private final int n;
  private final int lambda;
  private final int mu;
  private final double[] weights;
  private final double muEff;
  private final double cSigma;
  private final double dSigma;
  private final double cc;
  private final double c1;
  private final double cMu;
  private final double chiN;
  private final SplittableRandom random;

  private final double[] mean;
  private double sigma;
  private final double[] scale; // initial per-coordinate step sizes; the search runs in x / scale
  private double[][] c; // covariance in scaled space
  private double[][] b; // eigenvectors (columns)
  private double[] d; // sqrt of eigenvalues
  private final double[] pSigma;
  private final double[] pc;
  private double[][] pending; // scaled y = B D z of the last ask, per candidate
  private int generation;
  private int evaluations;
  private final double[] best;
  private double bestCost = Double.POSITIVE_INFINITY;

  /**
   * @param start the initial mean
   * @param stepSizes initial standard deviation per coordinate (positive), in the caller's units
   * @param populationSize candidates per generation (lambda, at least 4; {@code 4 + 3 ln n} is the textbook default)
   * @param seed random seed
   */
  public CmaEvolutionStrategy(double[] start, double[] stepSizes, int populationSize, long seed) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(stepSizes, "stepSizes");
    n = start.length;
    if (n == 0 || stepSizes.length != n) {
      throw new IllegalArgumentException(
          "start and stepSizes must have the same positive length, start=" + n + ", stepSizes=" + stepSizes.length);
    }
    for (double s : stepSizes) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("step sizes must be positive, stepSizes=" + Arrays.toString(stepSizes));
      }
    }
    if (populationSize < 4) {
      throw new IllegalArgumentException("population size must be at least 4, populationSize=" + populationSize);
    }
    lambda = populationSize;
    mu = lambda / 2;
    weights = new double[mu];
    double sum = 0;
    for (int i = 0; i < mu; i++) {
      weights[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
      sum += weights[i];
    }
    double sumSq = 0;
    for (int i = 0; i < mu; i++) {
      weights[i] /= sum;
      sumSq += weights[i] * weights[i];
    }
    muEff = 1 / sumSq;
    cSigma = (muEff + 2) / (n + muEff + 5);
    dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
    cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
    c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
    cMu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
    chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
    random = new SplittableRandom(seed);

    scale = stepSizes.clone();
    mean = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = start[i] / scale[i];
    }
    sigma = 1;
    c = identity(n);
    b = identity(n);
    d = new double[n];
    Arrays.fill(d, 1);
    pSigma = new double[n];
    pc = new double[n];
    best = start.clone();
  }

  private static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  /** Candidates per generation. */
  public int populationSize() {
    return lambda;
  }

  /**
   * Samples the next generation: {@link #populationSize()} candidates in the caller's units. Must be followed by
   * {@link #tell} before the next ask.
   */
  public double[][] ask() {
    if (pending != null) {
      throw new IllegalStateException("ask called twice without tell, generation=" + generation);
    }
    pending = new double[lambda][n];
    double[][] out = new double[lambda][n];
    double[] z = new double[n];
    for (int k = 0; k < lambda; k++) {
      for (int i = 0; i < n; i++) {
        z[i] = d[i] * gaussian();
      }
      for (int i = 0; i < n; i++) {
        double y = 0;
        for (int j = 0; j < n; j++) {
          y += b[i][j] * z[j];
        }
        pending[k][i] = y;
        out[k][i] = (mean[i] + sigma * y) * scale[i];
      }
    }
    return out;
  }

  private double gaussian() {
    // Marsaglia polar method
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }

  /**
   * Reports the costs of the last {@link #ask()}'s candidates (same order; lower is better; NaN counts as worst)
   * and updates the distribution.
   */
  public void tell(double[] costs) {
    if (pending == null) {
      throw new IllegalStateException("tell without ask, generation=" + generation);
    }
    if (costs.length != lambda) {
      throw new IllegalArgumentException("expected one cost per candidate, lambda=" + lambda + ", costs=" + costs.length);
    }
    Integer[] order = new Integer[lambda];
    for (int i = 0; i < lambda; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(sanitize(costs[x]), sanitize(costs[y])));
    evaluations += lambda;
    int top = order[0];
    if (sanitize(costs[top]) < bestCost) {
      bestCost = sanitize(costs[top]);
      for (int i = 0; i < n; i++) {
        best[i] = (mean[i] + sigma * pending[top][i]) * scale[i];
      }
    }

    double[] yw = new double[n];
    for (int k = 0; k < mu; k++) {
      double[] y = pending[order[k]];
      for (int i = 0; i < n; i++) {
        yw[i] += weights[k] * y[i];
      }
    }
    for (int i = 0; i < n; i++) {
      mean[i] += sigma * yw[i];
    }

    // C^-1/2 yw = B D^-1 B^T yw
    double[] bty = new double[n];
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += b[i][j] * yw[i];
      }
      bty[j] = s / d[j];
    }
    double csn = Math.sqrt(cSigma * (2 - cSigma) * muEff);
    double psNorm = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += b[i][j] * bty[j];
      }
      pSigma[i] = (1 - cSigma) * pSigma[i] + csn * s;
      psNorm += pSigma[i] * pSigma[i];
    }
    psNorm = Math.sqrt(psNorm);
    generation++;
    boolean hSigma = psNorm / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * generation)) / chiN < 1.4 + 2.0 / (n + 1);
    double ccn = Math.sqrt(cc * (2 - cc) * muEff);
    for (int i = 0; i < n; i++) {
      pc[i] = (1 - cc) * pc[i] + (hSigma ? ccn * yw[i] : 0);
    }
    double deltaH = hSigma ? 0 : cc * (2 - cc);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double rankMu = 0;
        for (int k = 0; k < mu; k++) {
          double[] y = pending[order[k]];
          rankMu += weights[k] * y[i] * y[j];
        }
        double v = (1 - c1 - cMu + c1 * deltaH) * c[i][j] + c1 * pc[i] * pc[j] + cMu * rankMu;
        c[i][j] = v;
        c[j][i] = v;
      }
    }
    sigma *= Math.exp((cSigma / dSigma) * (psNorm / chiN - 1));
    pending = null;
    decompose();
  }

  private static double sanitize(double cost) {
    return Double.isNaN(cost) ? Double.POSITIVE_INFINITY : cost;
  }

  private void decompose() {
    RealMatrix m = new Array2DRowRealMatrix(c, false);
    EigenDecomposition e = new EigenDecomposition(m);
    RealMatrix v = e.getV();
    double[] ev = e.getRealEigenvalues();
    for (int j = 0; j < n; j++) {
      d[j] = Math.sqrt(Math.max(ev[j], 1e-20));
      for (int i = 0; i < n; i++) {
        b[i][j] = v.getEntry(i, j);
      }
    }
  }

  /** The distribution mean, in the caller's units. */
  public double[] mean() {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = mean[i] * scale[i];
    }
    return out;
  }

  /** The best candidate seen so far, in the caller's units. */
  public double[] best() {
    return best.clone();
  }

  /** The cost of {@link #best()} ({@code +Infinity} before the first tell). */
  public double bestCost() {
    return bestCost;
  }

  /** Generations told so far. */
  public int generation() {
    return generation;
  }

  /** Candidates scored so far. */
  public int evaluations() {
    return evaluations;
  }

  /**
   * The largest current standard deviation along any coordinate, relative to that coordinate's initial step size
   * (1 at the start; a converged search reaches a small fraction).
   */
  public double relativeSpread() {
    double max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, sigma * Math.sqrt(c[i][i]));
    }
    return max;
  }
}
