package cathnav.igtl.frames;

import java.io.IOException;
import java.nio.file.Path;

/** A frame file cannot be read; the message names the file, the field and what is wrong. */
public final class FrameFileFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  FrameFileFormatException(Path file, String problem) {
    super("bad frame file, file=" + file + ": " + problem);
  }
}
