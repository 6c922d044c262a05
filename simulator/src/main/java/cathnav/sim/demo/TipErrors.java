package cathnav.sim.demo;

import java.util.Arrays;
import java.util.Locale;

/**
 * Lead-tip errors against the simulator's truth, mm at the isocentre: count, median, largest, and how many exceed
 * {@link #LARGE_MM}. Keeps every error (a demo run has a few thousand frames at most).
 *
 * <p>Thread-safety: all methods are synchronized.
 */
public final class TipErrors {

  /** An error above this, mm at the isocentre, is counted as large (twice the detector's 1.5 mm goal). */
  public static final double LARGE_MM = 3.0;

  private double[] errors = new double[256];
  private int count;

  /** Adds one tip's error, mm (finite, non-negative). */
  public synchronized void add(double errorMm) {
    if (!(errorMm >= 0) || Double.isInfinite(errorMm)) {
      throw new IllegalArgumentException("tip error must be finite and non-negative, errorMm=" + errorMm);
    }
    if (count == errors.length) {
      errors = Arrays.copyOf(errors, 2 * count);
    }
    errors[count++] = errorMm;
  }

  public synchronized int count() {
    return count;
  }

  /** The median error, mm (mean of the two middle ones for an even count); NaN without errors. */
  public synchronized double medianMm() {
    if (count == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(errors, count);
    Arrays.sort(sorted);
    return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
  }

  /** The largest error, mm; NaN without errors. */
  public synchronized double maxMm() {
    double max = Double.NaN;
    for (int i = 0; i < count; i++) {
      max = i == 0 ? errors[0] : Math.max(max, errors[i]);
    }
    return max;
  }

  /** Errors above {@link #LARGE_MM}. */
  public synchronized int countAbove3Mm() {
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (errors[i] > LARGE_MM) {
        n++;
      }
    }
    return n;
  }

  /** {@code n=.. median=.. mm max=.. mm >3mm=..}. */
  public synchronized String summary() {
    return String.format(Locale.ROOT, "n=%d median=%.2f mm max=%.2f mm >3mm=%d", count(), medianMm(), maxMm(),
        countAbove3Mm());
  }
}
