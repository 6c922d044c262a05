package cathnav.igtl.rec;

import java.util.Objects;

/**
 * One entry of a {@code .igtlrec} recording.
 *
 * @param receiveTimeNanos wall-clock time the message was received (or sent), ns since the Unix epoch
 * @param direction which way it went
 * @param connectionId the recording process's id of the connection (u32, stored as the low 32 bits)
 * @param message the complete raw OpenIGTLink message (58-byte header and body); the array is owned by this
 *     record and must not be modified
 */
public record RecordedMessage(long receiveTimeNanos, Direction direction, int connectionId, byte[] message) {

  public RecordedMessage {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(message, "message");
    if (message.length < RecordingDescriptor.IGTL_HEADER_LENGTH) {
      throw new IllegalArgumentException(
          "OpenIGTLink message shorter than its header, length=" + message.length);
    }
  }

  /** The message type from the OpenIGTLink header (bytes 2..13, NUL-padded ASCII). */
  public String messageType() {
    return asciiField(2, 12);
  }

  /** The device name from the OpenIGTLink header (bytes 14..33, NUL-padded ASCII). */
  public String deviceName() {
    return asciiField(14, 20);
  }

  private String asciiField(int offset, int length) {
    int end = offset;
    while (end < offset + length && message[end] != 0) {
      end++;
    }
    return new String(message, offset, end - offset, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
