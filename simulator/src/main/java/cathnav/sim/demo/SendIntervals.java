package cathnav.sim.demo;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The intervals between consecutive frames a live source hands to the network, against its nominal frame period: a
 * steady source sends one frame a period; a source that stalls shows gaps (intervals past two periods, when a display
 * turns STALE), and one that catches up shows bursts (intervals under half a period).
 *
 * <p>Thread-safety: {@link #onSend} from the single source thread; {@link #summary} from any thread.
 */
public final class SendIntervals {

  private final long periodNanos;
  private final Histogram intervals = new Histogram(3_600_000_000_000L, 3);
  private long lastNanos = Long.MIN_VALUE;
  private long bursts;
  private long gaps;

  /** @param periodNanos the nominal frame period, ns */
  public SendIntervals(long periodNanos) {
    if (periodNanos <= 0) {
      throw new IllegalArgumentException("period must be positive, periodNanos=" + periodNanos);
    }
    this.periodNanos = periodNanos;
  }

  /** Records a frame handed over at {@code nowNanos} ({@link System#nanoTime()} scale). */
  public synchronized void onSend(long nowNanos) {
    if (lastNanos != Long.MIN_VALUE) {
      long d = Math.max(0, nowNanos - lastNanos);
      intervals.recordValue(Math.min(d, intervals.getHighestTrackableValue()));
      if (2 * d < periodNanos) {
        bursts++;
      } else if (d > 2 * periodNanos) {
        gaps++;
      }
    }
    lastNanos = nowNanos;
  }

  /** The figures so far. */
  public synchronized Summary summary() {
    long n = intervals.getTotalCount();
    return new Summary(n, n == 0 ? 0 : intervals.getValueAtPercentile(50) / 1e6,
        n == 0 ? 0 : intervals.getValueAtPercentile(99) / 1e6, n == 0 ? 0 : intervals.getMaxValue() / 1e6,
        bursts, gaps);
  }

  /**
   * @param intervals number of intervals recorded (frames sent minus one)
   * @param p50Ms median interval, ms
   * @param p99Ms 99th percentile interval, ms
   * @param maxMs longest interval, ms
   * @param bursts intervals under half the period (late frames sent back to back)
   * @param gaps intervals over two periods (long enough for a display to mark the overlay stale)
   */
  public record Summary(long intervals, double p50Ms, double p99Ms, double maxMs, long bursts, long gaps) {
    /** One line, key=value. */
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "intervals=%d p50Ms=%.1f p99Ms=%.1f maxMs=%.1f bursts=%d gaps=%d",
          intervals, p50Ms, p99Ms, maxMs, bursts, gaps);
    }
  }
}
