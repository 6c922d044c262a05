package cathnav.core.service;

import java.util.concurrent.locks.LockSupport;

/**
 * Spins, then yields, then parks with an exponentially growing interval between {@code minParkNanos} and
 * {@code maxParkNanos}. On the shared 2-core machine a long spin steals CPU from the event loops, so the defaults
 * spin briefly and park early; the frame slot unparks the pipeline thread when a frame arrives (see
 * {@link LatestFrameSlot#wakeOnOffer}), so a long park costs no latency.
 */
public final class BackoffIdleStrategy implements IdleStrategy {

  private final long maxSpins;
  private final long maxYields;
  private final long minParkNanos;
  private final long maxParkNanos;
  private long spins;
  private long yields;
  private long parkNanos;

  /**
   * @param maxSpins busy-spin cycles before yielding (0 for none)
   * @param maxYields {@code Thread.yield()} cycles before parking
   * @param minParkNanos first park interval, ns (positive)
   * @param maxParkNanos longest park interval, ns (at least {@code minParkNanos})
   */
  public BackoffIdleStrategy(long maxSpins, long maxYields, long minParkNanos, long maxParkNanos) {
    if (maxSpins < 0 || maxYields < 0 || minParkNanos <= 0 || maxParkNanos < minParkNanos) {
      throw new IllegalArgumentException(
          String.format(
              "invalid back-off, maxSpins=%d, maxYields=%d, minParkNanos=%d, maxParkNanos=%d",
              maxSpins, maxYields, minParkNanos, maxParkNanos));
    }
    this.maxSpins = maxSpins;
    this.maxYields = maxYields;
    this.minParkNanos = minParkNanos;
    this.maxParkNanos = maxParkNanos;
    reset();
  }

  /** The pipeline default: 10 spins, 5 yields, then parks from 50 us up to 2 ms. */
  public static BackoffIdleStrategy pipelineDefault() {
    return new BackoffIdleStrategy(10, 5, 50_000, 2_000_000);
  }

  @Override
  public void idle(int workCount) {
    if (workCount > 0) {
      reset();
      return;
    }
    if (spins < maxSpins) {
      spins++;
      Thread.onSpinWait();
    } else if (yields < maxYields) {
      yields++;
      Thread.yield();
    } else {
      LockSupport.parkNanos(parkNanos);
      parkNanos = Math.min(parkNanos * 2, maxParkNanos);
    }
  }

  @Override
  public void reset() {
    spins = 0;
    yields = 0;
    parkNanos = minParkNanos;
  }

  @Override
  public String alias() {
    return "backoff";
  }
}
