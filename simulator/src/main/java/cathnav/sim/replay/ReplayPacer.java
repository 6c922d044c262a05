package cathnav.sim.replay;

import cathnav.sim.stream.IgtlSocketSender;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link ReplaySource} to a peer with its timing: message {@code i} leaves at
 * {@code start + offset_i / speed}. The thread sleeps until a millisecond before each send time and spins the rest, so
 * sends land within scheduling jitter of their time; a message that is late (the peer or the machine was slow) goes
 * at once and the lateness is reported, never made up by skipping. Speed 0 sends as fast as the peer takes them.
 *
 * <p>Blocking; runs on the caller's thread.
 */
public final class ReplayPacer {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayPacer.class);
  private static final long SPIN_NANOS = 1_000_000L;

  private ReplayPacer() {}

  /** Where messages go: a peer connection, or a test's recorder. */
  public interface MessageSink {
    void send(byte[] message) throws IOException;
  }

  /** The pacer's time: {@link #SYSTEM} sleeps a millisecond short of the due time and spins the rest. */
  public interface Clock {
    long nanoTime();

    /** Returns no earlier than {@code dueNanos} on this clock. */
    void sleepUntil(long dueNanos);

    Clock SYSTEM = new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleepUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > SPIN_NANOS) {
          LockSupport.parkNanos(wait - SPIN_NANOS);
        }
        while (due - System.nanoTime() > 0) {
          Thread.onSpinWait();
        }
      }
    };
  }

  /**
   * What a replay did.
   *
   * @param messages messages sent
   * @param bytes bytes sent
   * @param seconds wall time of the replay
   * @param maxLateNanos the largest delay of a send behind its due time, ns
   */
  public record Result(long messages, long bytes, double seconds, long maxLateNanos) {}

  /**
   * @param speed time scale (1 recorded timing, 2 twice as fast), or 0 for as fast as possible
   * @param progress called with the number of messages sent after each one
   */
  public static Result play(ReplaySource source, IgtlSocketSender sender, double speed, LongConsumer progress)
      throws IOException {
    Result r = play(source, sender::send, speed, Clock.SYSTEM, progress);
    LOG.info("replay done, source={}, peer={}, messages={}, bytes={}, seconds={}, maxLateMs={}", source.describe(),
        sender.peer(), r.messages(), r.bytes(), String.format("%.3f", r.seconds()),
        String.format("%.3f", r.maxLateNanos() / 1e6));
    return r;
  }

  /** As {@link #play(ReplaySource, IgtlSocketSender, double, LongConsumer)}, into any sink on any clock. */
  public static Result play(ReplaySource source, MessageSink sink, double speed, Clock clock, LongConsumer progress)
      throws IOException {
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be 0 (max) or positive, speed=" + speed);
    }
    long start = clock.nanoTime();
    long count = 0;
    long bytes = 0;
    long maxLate = 0;
    TimedMessage m;
    while ((m = source.next()) != null) {
      if (speed > 0) {
        long due = start + Math.round(m.offsetNanos() / speed);
        clock.sleepUntil(due);
        maxLate = Math.max(maxLate, clock.nanoTime() - due);
      }
      sink.send(m.bytes());
      count++;
      bytes += m.bytes().length;
      progress.accept(count);
    }
    return new Result(count, bytes, (clock.nanoTime() - start) / 1e9, maxLate);
  }
}
