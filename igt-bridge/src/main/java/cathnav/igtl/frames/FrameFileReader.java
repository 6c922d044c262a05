package cathnav.igtl.frames;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the grey-level frame files that {@code igtl send --image} streams: NRRD (attached data, encoding raw or gzip,
 * 2D, or 3D read as a stack of 2D frames; types uint8, uint16, int16) and binary PGM (P5, maxval up to 255 for 8-bit,
 * up to 65535 for big-endian 16-bit). Blocking I/O; stateless and thread-safe.
 */
public final class FrameFileReader {

  /** Largest pixel payload accepted (1 GiB). */
  public static final long MAX_PIXEL_BYTES = 1L << 30;

  private static final Pattern VECTOR = Pattern.compile("\\(([^)]*)\\)");

  private FrameFileReader() {}

  /** Reads {@code file}, choosing the format from its first bytes ({@code NRRD000x} or {@code P5}). */
  public static FrameStack read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (startsWith(bytes, "NRRD")) {
      return readNrrd(file, bytes);
    }
    if (startsWith(bytes, "P5")) {
      return readPgm(file, bytes);
    }
    throw new FrameFileFormatException(file, "unknown format (expected a NRRD file starting with NRRD000x or a "
        + "binary PGM starting with P5)");
  }

  private static FrameStack readNrrd(Path file, byte[] bytes) throws IOException {
    Map<String, String> fields = new HashMap<>();
    int pos = 0;
    int lineNo = 0;
    while (true) {
      int end = indexOf(bytes, (byte) '\n', pos);
      if (end < 0) {
        throw new FrameFileFormatException(file, "NRRD header not terminated by an empty line");
      }
      String line = new String(bytes, pos, end - pos, StandardCharsets.US_ASCII).replace("\r", "");
      pos = end + 1;
      if (lineNo++ == 0) {
        continue;
      }
      if (line.isEmpty()) {
        break;
      }
      if (line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(": ");
      if (colon > 0) {
        fields.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 2).trim());
      }
    }
    if (fields.containsKey("data file") || fields.containsKey("datafile")) {
      throw new FrameFileFormatException(file, "detached NRRD data (field 'data file') is not supported; "
          + "write the data into the .nrrd file");
    }
    PixelType type = nrrdType(file, require(file, fields, "type"));
    int dimension = parseInt(file, "dimension", require(file, fields, "dimension"));
    if (dimension != 2 && dimension != 3) {
      throw new FrameFileFormatException(file, "field 'dimension' must be 2 or 3, dimension=" + dimension);
    }
    String[] sizes = require(file, fields, "sizes").split("\\s+");
    if (sizes.length != dimension) {
      throw new FrameFileFormatException(file, "field 'sizes' must have " + dimension + " values, sizes="
          + String.join(" ", sizes));
    }
    int width = parseInt(file, "sizes", sizes[0]);
    int height = parseInt(file, "sizes", sizes[1]);
    int frames = dimension == 3 ? parseInt(file, "sizes", sizes[2]) : 1;
    long expected = checkedPixelBytes(file, width, height, frames, type);
    String encoding = require(file, fields, "encoding").toLowerCase(Locale.ROOT);
    ByteOrder order = "big".equalsIgnoreCase(fields.getOrDefault("endian", "little"))
        ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] pixels;
    switch (encoding) {
      case "raw" -> {
        if (bytes.length - pos < expected) {
          throw new FrameFileFormatException(file, "raw data too short, have=" + (bytes.length - pos)
              + ", need=" + expected);
        }
        pixels = new byte[(int) expected];
        System.arraycopy(bytes, bytes.length - (int) expected, pixels, 0, (int) expected);
      }
      case "gzip", "gz" -> pixels = gunzip(file, bytes, pos, (int) expected);
      default -> throw new FrameFileFormatException(file, "field 'encoding' must be raw or gzip, encoding=" + encoding);
    }
    double[] spacing = nrrdSpacing(fields);
    return new FrameStack(width, height, frames, type, order, spacing[0], spacing[1], pixels);
  }

  private static FrameStack readPgm(Path file, byte[] bytes) throws IOException {
    int[] pos = {2};
    int width = parseInt(file, "width", pgmToken(file, bytes, pos));
    int height = parseInt(file, "height", pgmToken(file, bytes, pos));
    int maxval = parseInt(file, "maxval", pgmToken(file, bytes, pos));
    if (maxval < 1 || maxval > 65535) {
      throw new FrameFileFormatException(file, "PGM maxval must be in 1..65535, maxval=" + maxval);
    }
    int dataStart = pos[0] + 1; // exactly one whitespace byte after maxval
    PixelType type = maxval < 256 ? PixelType.UINT8 : PixelType.UINT16;
    long expected = checkedPixelBytes(file, width, height, 1, type);
    if (bytes.length - dataStart < expected) {
      throw new FrameFileFormatException(file, "PGM data too short, have=" + Math.max(0, bytes.length - dataStart)
          + ", need=" + expected);
    }
    byte[] pixels = new byte[(int) expected];
    System.arraycopy(bytes, dataStart, pixels, 0, (int) expected);
    return new FrameStack(width, height, 1, type, ByteOrder.BIG_ENDIAN, 1, 1, pixels);
  }

  private static String pgmToken(Path file, byte[] bytes, int[] pos) throws IOException {
    int p = pos[0];
    while (p < bytes.length) {
      if (bytes[p] == '#') {
        while (p < bytes.length && bytes[p] != '\n') {
          p++;
        }
      } else if (Character.isWhitespace(bytes[p])) {
        p++;
      } else {
        break;
      }
    }
    int start = p;
    while (p < bytes.length && !Character.isWhitespace(bytes[p]) && p - start < 12) {
      p++;
    }
    if (p == start || p >= bytes.length) {
      throw new FrameFileFormatException(file, "PGM header truncated at byte " + start);
    }
    pos[0] = p;
    return new String(bytes, start, p - start, StandardCharsets.US_ASCII);
  }

  private static PixelType nrrdType(Path file, String type) throws IOException {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "uchar", "unsigned char", "uint8", "uint8_t" -> PixelType.UINT8;
      case "ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t" -> PixelType.UINT16;
      case "short", "short int", "signed short", "signed short int", "int16", "int16_t" -> PixelType.INT16;
      default -> throw new FrameFileFormatException(file,
          "field 'type' must be uint8, uint16 or int16, type=" + type);
    };
  }

  /** Spacing along u and v from 'spacings' or the lengths of the first two 'space directions' vectors; else 1. */
  private static double[] nrrdSpacing(Map<String, String> fields) {
    double[] spacing = {1, 1};
    try {
      String spacings = fields.get("spacings");
      String directions = fields.get("space directions");
      if (spacings != null) {
        String[] s = spacings.split("\\s+");
        spacing[0] = Double.parseDouble(s[0]);
        spacing[1] = Double.parseDouble(s[1]);
      } else if (directions != null) {
        Matcher m = VECTOR.matcher(directions);
        for (int axis = 0; axis < 2 && m.find(); axis++) {
          double sum = 0;
          for (String c : m.group(1).split(",")) {
            double d = Double.parseDouble(c.trim());
            sum += d * d;
          }
          spacing[axis] = Math.sqrt(sum);
        }
      }
    } catch (RuntimeException e) {
      return new double[] {1, 1};
    }
    if (!(spacing[0] > 0) || !(spacing[1] > 0)) {
      return new double[] {1, 1};
    }
    return spacing;
  }

  private static byte[] gunzip(Path file, byte[] bytes, int from, int expected) throws IOException {
    byte[] out = new byte[expected];
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes, from, bytes.length - from), 1 << 16)) {
      int done = 0;
      while (done < expected) {
        int n = in.read(out, done, expected - done);
        if (n < 0) {
          throw new FrameFileFormatException(file, "gzip data too short, have=" + done + ", need=" + expected);
        }
        done += n;
      }
    } catch (ZipException e) {
      throw new FrameFileFormatException(file, "gzip data corrupt: " + e.getMessage());
    }
    return out;
  }

  private static long checkedPixelBytes(Path file, int width, int height, int frames, PixelType type)
      throws IOException {
    if (width <= 0 || height <= 0 || frames <= 0) {
      throw new FrameFileFormatException(file, "sizes must be positive, width=" + width + ", height=" + height
          + ", frames=" + frames);
    }
    long n = (long) width * height * frames * type.bytes();
    if (n > MAX_PIXEL_BYTES) {
      throw new FrameFileFormatException(file, "image too large, bytes=" + n + ", max=" + MAX_PIXEL_BYTES);
    }
    return n;
  }

  private static String require(Path file, Map<String, String> fields, String key) throws IOException {
    String v = fields.get(key);
    if (v == null) {
      throw new FrameFileFormatException(file, "NRRD field '" + key + "' missing");
    }
    return v;
  }

  private static int parseInt(Path file, String field, String text) throws IOException {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new FrameFileFormatException(file, "field '" + field + "' is not an integer, value=" + text);
    }
  }

  private static boolean startsWith(byte[] bytes, String prefix) {
    if (bytes.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (bytes[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
