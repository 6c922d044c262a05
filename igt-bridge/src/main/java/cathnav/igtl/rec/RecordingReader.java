package cathnav.igtl.rec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a {@code .igtlrec} recording (layout in {@link RecordingDescriptor}) one entry at a time.
 *
 * <p>Every length read from the file is checked against the bytes that remain and against {@code maxMessageSize}
 * before anything is allocated; a malformed file fails with a {@link RecordingFormatException} naming the file and
 * offset. Blocking I/O; not thread-safe (one reader per thread).
 */
public final class RecordingReader implements AutoCloseable {

  /** Default largest accepted OpenIGTLink message, header included (256 MiB). */
  public static final long DEFAULT_MAX_MESSAGE_SIZE = 256L << 20;

  private final Path file;
  private final InputStream in;
  private final long fileSize;
  private final long maxMessageSize;
  private final int version;
  private final Map<String, String> info;
  private long offset;

  private RecordingReader(Path file, InputStream in, long fileSize, long maxMessageSize) throws IOException {
    this.file = file;
    this.in = in;
    this.fileSize = fileSize;
    this.maxMessageSize = maxMessageSize;
    String line = readHeaderLine();
    String[] tokens = line.split(" ");
    if (tokens.length < 2 || !tokens[0].equals(RecordingDescriptor.MAGIC)) {
      throw new RecordingFormatException(file, 0, "not a CathNav OpenIGTLink recording (expected header line '"
          + RecordingDescriptor.MAGIC + " " + RecordingDescriptor.VERSION + " ...')");
    }
    try {
      this.version = Integer.parseInt(tokens[1]);
    } catch (NumberFormatException e) {
      throw new RecordingFormatException(file, 0, "bad format version, version=" + tokens[1]);
    }
    if (version != RecordingDescriptor.VERSION) {
      throw new RecordingFormatException(file, 0,
          "unsupported format version, version=" + version + ", supported=" + RecordingDescriptor.VERSION);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 2; i < tokens.length; i++) {
      int eq = tokens[i].indexOf('=');
      if (eq > 0) {
        fields.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
      }
    }
    this.info = Map.copyOf(fields);
  }

  /** Opens a recording with the default message size limit. */
  public static RecordingReader open(Path file) throws IOException {
    return open(file, DEFAULT_MAX_MESSAGE_SIZE);
  }

  /** Opens a recording; entries whose message is larger than {@code maxMessageSize} bytes are rejected. */
  public static RecordingReader open(Path file, long maxMessageSize) throws IOException {
    Objects.requireNonNull(file, "file");
    if (maxMessageSize < RecordingDescriptor.IGTL_HEADER_LENGTH || maxMessageSize > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxMessageSize out of range, maxMessageSize=" + maxMessageSize);
    }
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      return new RecordingReader(file, in, Files.size(file), maxMessageSize);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The header line's {@code key=value} fields. */
  public Map<String, String> info() {
    return info;
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /**
   * The next entry, or {@code null} at the end of the file.
   *
   * @throws RecordingFormatException when the entry is truncated or malformed
   */
  public RecordedMessage next() throws IOException {
    if (offset == fileSize) {
      return null;
    }
    long entryOffset = offset;
    long remaining = fileSize - offset;
    if (remaining < RecordingDescriptor.ENTRY_PREFIX_LENGTH + RecordingDescriptor.IGTL_HEADER_LENGTH) {
      throw new RecordingFormatException(file, entryOffset,
          "truncated entry, remaining=" + remaining + " bytes, need at least "
              + (RecordingDescriptor.ENTRY_PREFIX_LENGTH + RecordingDescriptor.IGTL_HEADER_LENGTH));
    }
    byte[] prefix = readFully(RecordingDescriptor.ENTRY_PREFIX_LENGTH);
    long time = getLong(prefix, RecordingDescriptor.TIME_OFFSET);
    Direction direction = Direction.fromCode(prefix[RecordingDescriptor.DIRECTION_OFFSET] & 0xFF);
    if (direction == null) {
      throw new RecordingFormatException(file, entryOffset + RecordingDescriptor.DIRECTION_OFFSET,
          "unknown direction, code=" + (prefix[RecordingDescriptor.DIRECTION_OFFSET] & 0xFF));
    }
    int connection = getInt(prefix, RecordingDescriptor.CONNECTION_OFFSET);
    byte[] header = readFully(RecordingDescriptor.IGTL_HEADER_LENGTH);
    long bodySize = getLong(header, RecordingDescriptor.BODY_SIZE_OFFSET);
    if (bodySize < 0 || bodySize > maxMessageSize - RecordingDescriptor.IGTL_HEADER_LENGTH) {
      throw new RecordingFormatException(file, entryOffset + RecordingDescriptor.MESSAGE_OFFSET,
          "message too large, bodySize=" + Long.toUnsignedString(bodySize) + ", max=" + maxMessageSize);
    }
    long left = fileSize - offset;
    if (bodySize > left) {
      throw new RecordingFormatException(file, entryOffset,
          "truncated message, bodySize=" + bodySize + ", remaining=" + left);
    }
    byte[] message = new byte[(int) (RecordingDescriptor.IGTL_HEADER_LENGTH + bodySize)];
    System.arraycopy(header, 0, message, 0, header.length);
    readFully(message, header.length, (int) bodySize);
    return new RecordedMessage(time, direction, connection, message);
  }

  private String readHeaderLine() throws IOException {
    byte[] line = new byte[RecordingDescriptor.MAX_HEADER_LINE];
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new RecordingFormatException(file, n, "header line not terminated (file ends first)");
      }
      offset++;
      if (b == '\n') {
        return new String(line, 0, n, StandardCharsets.US_ASCII);
      }
      if (n == line.length - 1) {
        throw new RecordingFormatException(file, n,
            "header line longer than " + RecordingDescriptor.MAX_HEADER_LINE + " bytes");
      }
      line[n++] = (byte) b;
    }
  }

  private byte[] readFully(int length) throws IOException {
    byte[] bytes = new byte[length];
    readFully(bytes, 0, length);
    return bytes;
  }

  private void readFully(byte[] target, int from, int length) throws IOException {
    int done = 0;
    while (done < length) {
      int n = in.read(target, from + done, length - done);
      if (n < 0) {
        throw new RecordingFormatException(file, offset, "unexpected end of file");
      }
      done += n;
      offset += n;
    }
  }

  private static long getLong(byte[] b, int at) {
    return ((long) getInt(b, at) << 32) | (getInt(b, at + 4) & 0xFFFFFFFFL);
  }

  private static int getInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
