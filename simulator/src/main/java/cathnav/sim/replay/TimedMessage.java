package cathnav.sim.replay;

import java.util.Objects;

/**
 * One complete OpenIGTLink message (header and body, as sent on the wire) and when to send it.
 *
 * @param offsetNanos send time relative to the start of the replay at speed 1, ns (non-decreasing in a source)
 * @param bytes the message; owned by the record, not to be modified
 */
public record TimedMessage(long offsetNanos, byte[] bytes) {

  public TimedMessage {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < 58) {
      throw new IllegalArgumentException("an OpenIGTLink message is at least 58 bytes, length=" + bytes.length);
    }
  }
}
