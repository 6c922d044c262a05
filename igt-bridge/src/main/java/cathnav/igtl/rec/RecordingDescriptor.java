package cathnav.igtl.rec;

import java.nio.charset.StandardCharsets;

/**
 * Layout of a {@code .igtlrec} recording: one text header line, then one entry per OpenIGTLink message, in the order
 * the messages crossed the wire.
 *
 * <pre>
 * header line (US-ASCII, ends with '\n'):
 *   CATHNAV-IGTLREC 1 [key=value ...]\n
 *
 * entry (all integers big-endian, like OpenIGTLink itself):
 *   0                   8    9                  13                          13 + 58 + BODY_SIZE
 *   +-------------------+----+------------------+-------------------------------------+
 *   | receive time (ns) |dir | connection id    | raw OpenIGTLink message             |
 *   | u64               | u8 | u32              | 58-byte header + BODY_SIZE bytes    |
 *   +-------------------+----+------------------+-------------------------------------+
 * </pre>
 *
 * <p>The receive time is nanoseconds since the Unix epoch (wall clock) at the moment the whole message was received
 * (or handed to the network, for sent messages); replay uses the differences between entries. The message length is
 * not stored twice: it is read from the message's own header (BODY_SIZE, a u64 at offset {@value #BODY_SIZE_OFFSET}
 * of the 58-byte OpenIGTLink header). The header line's optional {@code key=value} fields are informative (for
 * example {@code start=2026-11-27T01:00:00Z source=listen:127.0.0.1:18944}); readers ignore keys they do not know.
 */
public final class RecordingDescriptor {

  /** First token of the header line. */
  public static final String MAGIC = "CATHNAV-IGTLREC";
  /** Format version written in the header line. */
  public static final int VERSION = 1;
  /** Longest accepted header line in bytes, the '\n' included. */
  public static final int MAX_HEADER_LINE = 4096;

  /** Offset of the receive time (u64 ns) in an entry. */
  public static final int TIME_OFFSET = 0;
  /** Offset of the direction byte in an entry. */
  public static final int DIRECTION_OFFSET = 8;
  /** Offset of the connection id (u32) in an entry. */
  public static final int CONNECTION_OFFSET = 9;
  /** Offset of the raw OpenIGTLink message in an entry. */
  public static final int MESSAGE_OFFSET = 13;
  /** Size of the per-entry prefix before the raw message. */
  public static final int ENTRY_PREFIX_LENGTH = MESSAGE_OFFSET;

  /** Size of the OpenIGTLink message header. */
  public static final int IGTL_HEADER_LENGTH = 58;
  /** Offset of BODY_SIZE (u64) in the OpenIGTLink header. */
  public static final int BODY_SIZE_OFFSET = 42;

  private RecordingDescriptor() {}

  /** The header line for a new recording, {@code info} being space-separated key=value pairs (may be empty). */
  static byte[] headerLine(String info) {
    String line = MAGIC + " " + VERSION + (info == null || info.isBlank() ? "" : " " + info.strip()) + "\n";
    if (line.indexOf('\n') != line.length() - 1) {
      throw new IllegalArgumentException("recording header info must be one line, info=" + info);
    }
    byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length > MAX_HEADER_LINE) {
      throw new IllegalArgumentException("recording header line too long, length=" + bytes.length + ", max=" + MAX_HEADER_LINE);
    }
    return bytes;
  }
}
