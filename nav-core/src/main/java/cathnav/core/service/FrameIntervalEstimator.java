package cathnav.core.service;

/**
 * The source's frame interval, estimated from consecutive frame time stamps by an exponentially weighted moving
 * average (weight 1/8 per frame). Gaps longer than {@link #MAX_INTERVAL_NANOS} (a paused source) and time going
 * backwards (a source restart) are not averaged in. Single-threaded (pipeline thread).
 */
public final class FrameIntervalEstimator {

  /** Assumed until two frames have arrived: 15 fps. */
  public static final long DEFAULT_INTERVAL_NANOS = 66_666_667L;
  /** Longest gap taken as a frame interval, ns. */
  public static final long MAX_INTERVAL_NANOS = 2_000_000_000L;

  private long last = Long.MIN_VALUE;
  private double interval = DEFAULT_INTERVAL_NANOS;
  private boolean seeded;

  /** Adds a frame time stamp (ns) and returns the current estimate (ns). */
  public long onFrame(long timestampNanos) {
    if (last != Long.MIN_VALUE) {
      long d = timestampNanos - last;
      if (d > 0 && d <= MAX_INTERVAL_NANOS) {
        interval = seeded ? interval + (d - interval) / 8.0 : d;
        seeded = true;
      }
    }
    last = timestampNanos;
    return intervalNanos();
  }

  public long intervalNanos() {
    return Math.round(interval);
  }
}
