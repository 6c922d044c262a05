package cathnav.igtl.rec;

import java.io.IOException;
import java.nio.file.Path;

/** A {@code .igtlrec} file is not a valid recording; the message names the file, the byte offset and the problem. */
public final class RecordingFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  RecordingFormatException(Path file, long offset, String problem) {
    super("bad recording, file=" + file + ", offset=" + offset + ": " + problem);
  }
}
