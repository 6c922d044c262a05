package cathnav.core.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Whitespace-separated tokens over a file's bytes, with a position that binary readers can continue from.
 * Tracks line numbers for error messages. Not thread-safe.
 */
final class AsciiTokens {

  private final Path file;
  private final byte[] d;
  private int pos;
  private int line = 1;

  AsciiTokens(Path file, byte[] data) {
    this.file = file;
    this.d = data;
  }

  int position() {
    return pos;
  }

  void position(int p) {
    pos = p;
  }

  int line() {
    return line;
  }

  byte[] data() {
    return d;
  }

  boolean atEnd() {
    skipSpace();
    return pos >= d.length;
  }

  private void skipSpace() {
    while (pos < d.length && (d[pos] == ' ' || d[pos] == '\t' || d[pos] == '\r' || d[pos] == '\n')) {
      if (d[pos] == '\n') {
        line++;
      }
      pos++;
    }
  }

  /** The next token, or null at the end of the data. */
  String next() {
    skipSpace();
    if (pos >= d.length) {
      return null;
    }
    int start = pos;
    while (pos < d.length && d[pos] != ' ' && d[pos] != '\t' && d[pos] != '\r' && d[pos] != '\n') {
      pos++;
    }
    return new String(d, start, pos - start, StandardCharsets.ISO_8859_1);
  }

  /** The next token; fails naming {@code what} at the end of the data. */
  String require(String what) throws ModelFileException {
    String t = next();
    if (t == null) {
      throw new ModelFileException(file, "unexpected end of file (truncated?), expected=" + what + ", line=" + line);
    }
    return t;
  }

  void expect(String token) throws ModelFileException {
    String t = require(token);
    if (!t.equals(token)) {
      throw new ModelFileException(file, "expected '" + token + "', found='" + NrrdReader.abbreviate(t) + "', line=" + line);
    }
  }

  double nextDouble(String what) throws ModelFileException {
    String t = require(what);
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new ModelFileException(file, "not a number, field=" + what + ", value=" + NrrdReader.abbreviate(t) + ", line=" + line);
    }
  }

  long nextLong(String what) throws ModelFileException {
    String t = require(what);
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      try {
        double v = Double.parseDouble(t);
        if (v == Math.rint(v) && Math.abs(v) < 9e15) {
          return (long) v;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new ModelFileException(file, "not an integer, field=" + what + ", value=" + NrrdReader.abbreviate(t) + ", line=" + line);
    }
  }

  /** The rest of the current line (without its newline), consuming the newline. */
  String restOfLine() {
    int start = pos;
    while (pos < d.length && d[pos] != '\n') {
      pos++;
    }
    int end = pos;
    if (pos < d.length) {
      pos++;
      line++;
    }
    if (end > start && d[end - 1] == '\r') {
      end--;
    }
    return new String(d, start, end - start, StandardCharsets.ISO_8859_1);
  }

  void skipLine() {
    restOfLine();
  }

  /** The next non-blank line, trimmed, or null at the end of the data. */
  String nextLine() {
    while (pos < d.length) {
      String l = restOfLine().trim();
      if (!l.isEmpty()) {
        return l;
      }
    }
    return null;
  }

  int remaining() {
    return d.length - pos;
  }
}
