package cathnav.core.model;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The text header of a volume file (NRRD, MetaImage): lines read until a terminating line, with the byte offset
 * where the data that follows begins. Lines end in LF or CRLF; bytes are taken as ISO-8859-1.
 */
record HeaderLines(List<String> lines, long dataOffset) {

  /** Headers larger than this are refused (sequence files with per-frame metadata stay well below). */
  static final int MAX_HEADER_BYTES = 64 << 20;

  /**
   * Reads lines from the start of {@code file} until {@code last} accepts one (that line is included) or the file
   * ends; {@code dataOffset} is the byte just after the terminating line's newline (the file length at EOF).
   */
  static HeaderLines read(Path file, Predicate<String> last) throws ModelFileException {
    List<String> lines = new ArrayList<>();
    long offset = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      StringBuilder sb = new StringBuilder();
      while (true) {
        int b = in.read();
        if (b < 0) {
          if (sb.length() > 0) {
            lines.add(sb.toString());
          }
          return new HeaderLines(lines, offset);
        }
        offset++;
        if (offset > MAX_HEADER_BYTES) {
          throw new ModelFileException(file, "header too long or missing its end, maxHeaderBytes=" + MAX_HEADER_BYTES);
        }
        if (b == '\n') {
          int len = sb.length();
          String line = len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
          lines.add(line);
          sb.setLength(0);
          if (last.test(line)) {
            return new HeaderLines(lines, offset);
          }
        } else {
          sb.append((char) b);
        }
      }
    } catch (ModelFileException e) {
      throw e;
    } catch (IOException e) {
      throw new ModelFileException(file, "read failed, " + e, e);
    }
  }

  /** The first {@code count} bytes of a file as ISO-8859-1 text (fewer if the file is shorter). */
  static String peek(Path file, int count) throws ModelFileException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(count), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new ModelFileException(file, "read failed, " + e, e);
    }
  }
}
