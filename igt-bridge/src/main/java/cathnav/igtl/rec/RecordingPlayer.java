package cathnav.igtl.rec;

import cathnav.igtl.codec.IgtlCodecOptions;
import cathnav.igtl.codec.IgtlFrameParser;
import cathnav.igtl.codec.IgtlInvalidFrame;
import cathnav.igtl.message.IgtlMessage;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Replays the messages of a {@code .igtlrec} recording into a sink (typically {@code IgtlClient::send} or
 * {@code IgtlConnection::send}), with the recorded timing or as fast as the sink takes them.
 *
 * <p>Each message is decoded from its recorded bytes (CRC checked) and handed to the sink, which takes over the
 * reference; the player waits for the sink's future before the next message, so nothing is superseded or queued.
 * Blocking: run it on its own thread, never on an event loop.
 */
public final class RecordingPlayer {

  /** How entries are spaced in time. */
  public enum Pacing {
    /** Keep the recorded gaps between receive times. */
    RECORDED,
    /** No waiting: each message as soon as the previous one was taken. */
    AS_FAST_AS_POSSIBLE
  }

  /**
   * What a replay did.
   *
   * @param played messages handed to the sink
   * @param skipped entries left out by the filter
   * @param invalid entries whose recorded bytes did not decode (reported, not sent)
   * @param seconds wall time of the replay
   */
  public record Result(long played, long skipped, long invalid, double seconds) {}

  private RecordingPlayer() {}

  /**
   * Replays {@code file}.
   *
   * @param filter which entries to replay (e.g. {@code e -> e.direction() == Direction.RECEIVED})
   * @param sink takes each message; its future completing means the message was taken
   * @throws RecordingFormatException when the file is malformed (entries before the bad one were played)
   * @throws IOException when the sink fails, naming the entry
   */
  public static Result play(Path file, Predicate<RecordedMessage> filter, Pacing pacing,
      Function<IgtlMessage, Future<Void>> sink) throws IOException, InterruptedException {
    IgtlFrameParser parser = new IgtlFrameParser(
        IgtlCodecOptions.DEFAULTS.withMaxBodySize(IgtlCodecOptions.BODY_SIZE_CEILING));
    long played = 0;
    long skipped = 0;
    long invalid = 0;
    long index = 0;
    long startWall = System.nanoTime();
    long firstRecorded = Long.MIN_VALUE;
    try (RecordingReader reader = RecordingReader.open(file)) {
      RecordedMessage entry;
      while ((entry = reader.next()) != null) {
        index++;
        if (!filter.test(entry)) {
          skipped++;
          continue;
        }
        if (pacing == Pacing.RECORDED) {
          if (firstRecorded == Long.MIN_VALUE) {
            firstRecorded = entry.receiveTimeNanos();
          }
          long due = startWall + (entry.receiveTimeNanos() - firstRecorded);
          long wait;
          while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
              throw new InterruptedException("replay interrupted, file=" + file + ", entry=" + index);
            }
          }
        }
        Object parsed = parser.parse(Unpooled.wrappedBuffer(entry.message()), index - 1);
        if (parsed instanceof IgtlInvalidFrame bad) {
          invalid++;
          org.slf4j.LoggerFactory.getLogger(RecordingPlayer.class).warn(
              "recorded message does not decode, file={}, entry={}, {}", file, index, bad);
          continue;
        }
        IgtlMessage message = (IgtlMessage) parsed;
        try {
          sink.apply(message).await(30, TimeUnit.SECONDS);
        } catch (TimeoutException | RuntimeException e) {
          throw new IOException("replay stopped: sink did not take entry " + index + " of " + file + " ("
              + entry.messageType() + ":" + entry.deviceName() + "): " + e.getMessage(), e);
        }
        played++;
      }
    }
    return new Result(played, skipped, invalid, (System.nanoTime() - startWall) / 1e9);
  }
}
