package cathnav.sim.replay;

import cathnav.igtl.codec.HeaderDescriptor;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.sim.stream.IgtlSocketSender;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Replays in lockstep with a CathNav service: after each IMAGE it waits for the service's answer to that frame (the
 * STRING {@code replyDevice}, stamped with the frame's time stamp) before sending anything else, so no frame is
 * dropped by the service's latest-frame slot however slow its pipeline is. With the service's deterministic
 * registration ({@code serve --deterministic-registration}) the same recording then gives the same overlays on every
 * replay. Other messages (geometry STRINGs, TRANSFORMs) go out at once.
 *
 * <p>Thread-safety: one replaying thread.
 */
public final class LockstepSink implements ReplayPacer.MessageSink {

  private final IgtlSocketSender sender;
  private final String replyDevice;
  private final long timeoutNanos;
  private long frames;

  /**
   * @param replyDevice the device of the service's per-frame answer ({@code Readouts})
   * @param timeoutNanos how long to wait for an answer before giving up, ns
   */
  public LockstepSink(IgtlSocketSender sender, String replyDevice, long timeoutNanos) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.replyDevice = Objects.requireNonNull(replyDevice, "replyDevice");
    if (timeoutNanos <= 0) {
      throw new IllegalArgumentException("timeout must be positive, timeoutNanos=" + timeoutNanos);
    }
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public void send(byte[] message) throws IOException {
    sender.send(message);
    if (message.length < HeaderDescriptor.HEADER_LENGTH || !"IMAGE".equals(typeName(message))) {
      return;
    }
    long stamp = IgtlTimestamp.fromWire(ByteBuffer.wrap(message).getLong(HeaderDescriptor.TIMESTAMP_OFFSET))
        .toEpochNanos();
    frames++;
    try {
      if (!sender.awaitReply(replyDevice, stamp, timeoutNanos)) {
        throw new IOException("no answer from the service to a replayed frame, peer=" + sender.peer() + ", frame="
            + frames + ", timestampNanos=" + stamp + ", waitedS=" + timeoutNanos / 1_000_000_000L
            + " (a frame the service refused, e.g. without geometry, is never answered with " + replyDevice + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the service's answer, frame=" + frames, e);
    }
  }

  /** IMAGE frames answered so far. */
  public long frames() {
    return frames;
  }

  private static String typeName(byte[] message) {
    return new String(message, HeaderDescriptor.TYPE_OFFSET, HeaderDescriptor.TYPE_LENGTH, StandardCharsets.US_ASCII)
        .replace("\0", "").trim();
  }
}
