package cathnav.igtl.rec;

import io.netty.buffer.ByteBuf;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Writes a {@code .igtlrec} recording (layout in {@link RecordingDescriptor}).
 *
 * <p>The entries go to {@code FILE.part} and the file takes its final name on {@link #close()}, so an interrupted
 * recording never leaves a file that looks complete. Blocking I/O: call it from a worker thread, never from an event
 * loop. Thread-safe (each entry is written atomically with respect to the others).
 */
public final class RecordingWriter implements AutoCloseable {

  private final Path file;
  private final Path partFile;
  private final DataOutputStream out;
  private long entries;
  private boolean closed;

  private RecordingWriter(Path file, Path partFile, OutputStream out) {
    this.file = file;
    this.partFile = partFile;
    this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
  }

  /**
   * Starts a recording at {@code file}.
   *
   * @param info space-separated {@code key=value} pairs for the header line (may be empty)
   */
  public static RecordingWriter create(Path file, String info) throws IOException {
    Objects.requireNonNull(file, "file");
    Path part = file.resolveSibling(file.getFileName() + ".part");
    RecordingWriter writer = new RecordingWriter(file, part, Files.newOutputStream(part));
    writer.out.write(RecordingDescriptor.headerLine(info));
    return writer;
  }

  /**
   * Appends one message.
   *
   * @param receiveTimeNanos wall-clock ns since the Unix epoch
   * @param message the raw OpenIGTLink message, from its reader index to its writer index; neither index is moved and
   *     the buffer is not released (the caller keeps ownership)
   */
  public synchronized void write(long receiveTimeNanos, Direction direction, int connectionId, ByteBuf message)
      throws IOException {
    writePrefix(receiveTimeNanos, direction, connectionId);
    message.getBytes(message.readerIndex(), out, message.readableBytes());
    entries++;
  }

  /** Appends one entry. */
  public synchronized void write(RecordedMessage entry) throws IOException {
    writePrefix(entry.receiveTimeNanos(), entry.direction(), entry.connectionId());
    out.write(entry.message());
    entries++;
  }

  private void writePrefix(long timeNanos, Direction direction, int connectionId) throws IOException {
    if (closed) {
      throw new IOException("recording already closed, file=" + file);
    }
    out.writeLong(timeNanos);
    out.writeByte(direction.code());
    out.writeInt(connectionId);
  }

  /** Number of entries written so far. */
  public synchronized long entries() {
    return entries;
  }

  /** The final path of the recording. */
  public Path file() {
    return file;
  }

  /** Flushes, closes and gives the recording its final name. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    out.close();
    Files.move(partFile, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
