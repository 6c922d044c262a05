package cathnav.core.model;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file all or nothing: the body goes to a temporary file beside the target, which is moved over the target
 * only when the body was written completely; on failure the temporary file is deleted and nothing is left behind.
 */
public final class AtomicFileWrite {

  private AtomicFileWrite() {}

  /** Writes the file's contents to a buffered stream. */
  public interface Body {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code file} through a temporary sibling.
   *
   * @throws ModelFileException naming the file when the body or the move fails (nothing is left behind)
   */
  public static void write(Path file, Body body) throws ModelFileException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + file.getFileName().toString(), ".tmp");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        body.write(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (IOException e) {
      throw new ModelFileException(file, "write failed, " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original failure is what the caller needs to see
        }
      }
    }
  }

  /** Writes {@code text} as UTF-8, all or nothing. */
  public static void writeString(Path file, String text) throws ModelFileException {
    write(file, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
