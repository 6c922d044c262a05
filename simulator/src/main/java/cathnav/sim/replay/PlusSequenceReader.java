package cathnav.sim.replay;

import cathnav.core.model.ModelFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * Reads PLUS sequence files: MetaImage ({@code .igs.mha}, {@code key = value} header lines up to
 * {@code ElementDataFile = LOCAL}, raw or zlib data) and NRRD ({@code .igs.nrrd}, {@code field: value} and
 * {@code key:=value} lines up to a blank line, raw or gzip data). Per-frame fields are the header keys
 * {@code Seq_FrameNNNN_Name}: {@code Timestamp}, {@code ImageStatus}, {@code <X>Transform} (16 numbers, row-major)
 * and {@code <X>TransformStatus}.
 *
 * <p>Every problem is a {@link ModelFileException} naming the file and what is wrong; sizes are checked against the
 * file length before anything large is allocated. Stateless and thread-safe.
 */
public final class PlusSequenceReader {

  /** Largest pixel payload accepted, bytes. */
  public static final long MAX_PIXEL_BYTES = 1L << 30;

  private static final Pattern FRAME_KEY = Pattern.compile("Seq_Frame(\\d+)_(.+)");
  private static final int MAX_HEADER_BYTES = 16 << 20;

  private PlusSequenceReader() {}

  /** Reads {@code file} (by content: {@code NRRD000x} magic, else MetaImage). */
  public static PlusSequence read(Path file) throws ModelFileException {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
    }
    if (all.length >= 4 && new String(all, 0, 4, StandardCharsets.US_ASCII).equals("NRRD")) {
      return readNrrd(file, all);
    }
    return readMetaImage(file, all);
  }

  private static PlusSequence readMetaImage(Path file, byte[] all) throws ModelFileException {
    Map<String, String> header = new LinkedHashMap<>();
    int pos = 0;
    boolean dataStart = false;
    while (pos < all.length && pos < MAX_HEADER_BYTES) {
      int end = lineEnd(all, pos);
      String line = new String(all, pos, end - pos, StandardCharsets.ISO_8859_1).strip();
      pos = Math.min(all.length, end + 1);
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new ModelFileException(file, "MetaImage header line without '=': " + abbreviate(line));
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (key.equals("ElementDataFile")) {
        if (!value.equals("LOCAL")) {
          throw new ModelFileException(file, "detached data files are not supported, ElementDataFile=" + value);
        }
        dataStart = true;
        break;
      }
      header.put(key, value);
    }
    if (!dataStart) {
      throw new ModelFileException(file, "no ElementDataFile = LOCAL line: not a MetaImage sequence");
    }
    int[] dims = ints(file, header, "DimSize");
    if (dims.length < 2 || dims.length > 3) {
      throw new ModelFileException(file, "DimSize must have 2 or 3 values, DimSize=" + header.get("DimSize"));
    }
    int frames = dims.length == 3 ? dims[2] : 1;
    PlusSequence.PixelType type = switch (header.getOrDefault("ElementType", "")) {
      case "MET_CHAR" -> PlusSequence.PixelType.INT8;
      case "MET_UCHAR" -> PlusSequence.PixelType.UINT8;
      case "MET_SHORT" -> PlusSequence.PixelType.INT16;
      case "MET_USHORT" -> PlusSequence.PixelType.UINT16;
      case "MET_INT" -> PlusSequence.PixelType.INT32;
      case "MET_UINT" -> PlusSequence.PixelType.UINT32;
      case "MET_FLOAT" -> PlusSequence.PixelType.FLOAT32;
      case "MET_DOUBLE" -> PlusSequence.PixelType.FLOAT64;
      default -> throw new ModelFileException(file, "unsupported ElementType=" + header.get("ElementType"));
    };
    String channels = header.getOrDefault("ElementNumberOfChannels", "1");
    if (!channels.equals("1")) {
      throw new ModelFileException(file, "only single-channel images are supported, ElementNumberOfChannels="
          + channels);
    }
    boolean msb = header.getOrDefault("BinaryDataByteOrderMSB", header.getOrDefault("ElementByteOrderMSB",
        "False")).equalsIgnoreCase("True");
    boolean compressed = header.getOrDefault("CompressedData", "False").equalsIgnoreCase("True");
    long expected = checkedSize(file, dims[0], dims[1], frames, type);
    byte[] pixels;
    if (compressed) {
      pixels = inflate(file, all, pos, all.length - pos, expected);
    } else {
      if (all.length - pos < expected) {
        throw new ModelFileException(file, "truncated pixel data, expected=" + expected + ", available="
            + (all.length - pos));
      }
      pixels = java.util.Arrays.copyOfRange(all, pos, pos + (int) expected);
    }
    double[] spacing = header.containsKey("ElementSpacing") ? doubles(file, header, "ElementSpacing")
        : new double[] {1, 1};
    return new PlusSequence(file.toString(), dims[0], dims[1], type, !msb,
        new double[] {spacing[0], spacing.length > 1 ? spacing[1] : spacing[0]}, pixels,
        frames(file, header, frames));
  }

  private static PlusSequence readNrrd(Path file, byte[] all) throws ModelFileException {
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, String> keys = new LinkedHashMap<>();
    int pos = lineEnd(all, 0) + 1;
    boolean blank = false;
    while (pos < all.length && pos < MAX_HEADER_BYTES) {
      int end = lineEnd(all, pos);
      String line = new String(all, pos, end - pos, StandardCharsets.ISO_8859_1);
      pos = Math.min(all.length, end + 1);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        blank = true;
        break;
      }
      if (line.startsWith("#")) {
        continue;
      }
      int kv = line.indexOf(":=");
      int colon = line.indexOf(": ");
      if (kv >= 0 && (colon < 0 || kv < colon)) {
        keys.put(line.substring(0, kv), line.substring(kv + 2));
      } else if (colon > 0) {
        fields.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 2).strip());
      } else {
        throw new ModelFileException(file, "NRRD header line is neither 'field: value' nor 'key:=value': "
            + abbreviate(line));
      }
    }
    if (!blank) {
      throw new ModelFileException(file, "NRRD header does not end with a blank line");
    }
    if (fields.containsKey("data file") || fields.containsKey("datafile")) {
      throw new ModelFileException(file, "detached NRRD data files are not supported in sequences");
    }
    int[] sizes = ints(file, fields, "sizes");
    if (sizes.length < 2 || sizes.length > 3) {
      throw new ModelFileException(file, "sizes must have 2 or 3 values, sizes=" + fields.get("sizes"));
    }
    int frames = sizes.length == 3 ? sizes[2] : 1;
    PlusSequence.PixelType type = switch (fields.getOrDefault("type", "")) {
      case "signed char", "int8", "int8_t" -> PlusSequence.PixelType.INT8;
      case "uchar", "unsigned char", "uint8", "uint8_t" -> PlusSequence.PixelType.UINT8;
      case "short", "short int", "signed short", "signed short int", "int16", "int16_t" ->
          PlusSequence.PixelType.INT16;
      case "ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t" -> PlusSequence.PixelType.UINT16;
      case "int", "signed int", "int32", "int32_t" -> PlusSequence.PixelType.INT32;
      case "uint", "unsigned int", "uint32", "uint32_t" -> PlusSequence.PixelType.UINT32;
      case "float" -> PlusSequence.PixelType.FLOAT32;
      case "double" -> PlusSequence.PixelType.FLOAT64;
      default -> throw new ModelFileException(file, "unsupported NRRD type=" + fields.get("type"));
    };
    long expected = checkedSize(file, sizes[0], sizes[1], frames, type);
    String encoding = fields.getOrDefault("encoding", "raw");
    byte[] pixels;
    if (encoding.equals("raw")) {
      if (all.length - pos < expected) {
        throw new ModelFileException(file, "truncated pixel data, expected=" + expected + ", available="
            + (all.length - pos));
      }
      pixels = java.util.Arrays.copyOfRange(all, pos, pos + (int) expected);
    } else if (encoding.equals("gzip") || encoding.equals("gz")) {
      pixels = gunzip(file, all, pos, expected);
    } else {
      throw new ModelFileException(file, "unsupported NRRD encoding=" + encoding + " (raw or gzip)");
    }
    boolean little = !fields.getOrDefault("endian", "little").equals("big");
    double[] spacing = {1, 1};
    String dirs = fields.get("space directions");
    if (dirs != null) {
      Matcher m = Pattern.compile("\\(([^)]*)\\)").matcher(dirs);
      for (int axis = 0; axis < 2 && m.find(); axis++) {
        double s = 0;
        for (String c : m.group(1).split(",")) {
          double v = parse(file, c.strip(), "space directions");
          s += v * v;
        }
        spacing[axis] = Math.sqrt(s);
      }
    } else if (fields.containsKey("spacings")) {
      double[] s = doubles(file, fields, "spacings");
      spacing = new double[] {s[0], s.length > 1 ? s[1] : s[0]};
    }
    return new PlusSequence(file.toString(), sizes[0], sizes[1], type, little, spacing, pixels,
        frames(file, keys, frames));
  }

  private static List<PlusSequence.Frame> frames(Path file, Map<String, String> header, int count)
      throws ModelFileException {
    Map<Integer, Map<String, String>> byFrame = new TreeMap<>();
    for (Map.Entry<String, String> e : header.entrySet()) {
      Matcher m = FRAME_KEY.matcher(e.getKey());
      if (m.matches()) {
        int index;
        try {
          index = Integer.parseInt(m.group(1));
        } catch (NumberFormatException ex) {
          throw new ModelFileException(file, "bad frame number in key=" + e.getKey());
        }
        if (index >= count) {
          throw new ModelFileException(file, "field for a frame beyond the image, key=" + e.getKey()
              + ", frames=" + count);
        }
        byFrame.computeIfAbsent(index, k -> new LinkedHashMap<>()).put(m.group(2), e.getValue());
      }
    }
    List<PlusSequence.Frame> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Map<String, String> f = byFrame.getOrDefault(i, Map.of());
      double ts = f.containsKey("Timestamp") ? parse(file, f.get("Timestamp"), "Seq_Frame" + i + "_Timestamp")
          : Double.NaN;
      boolean imageOk = f.getOrDefault("ImageStatus", "OK").equals("OK");
      Map<String, double[]> transforms = new LinkedHashMap<>();
      Map<String, Boolean> ok = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : f.entrySet()) {
        String k = e.getKey();
        if (k.endsWith("Transform")) {
          String name = k.substring(0, k.length() - "Transform".length());
          String[] parts = e.getValue().trim().split("\\s+");
          if (parts.length != 16) {
            throw new ModelFileException(file, "transform must have 16 numbers, key=Seq_Frame" + i + "_" + k
                + ", count=" + parts.length);
          }
          double[] m = new double[16];
          for (int j = 0; j < 16; j++) {
            m[j] = parse(file, parts[j], "Seq_Frame" + i + "_" + k);
          }
          transforms.put(name, m);
          ok.put(name, f.getOrDefault(k + "Status", "OK").equals("OK"));
        }
      }
      out.add(new PlusSequence.Frame(i, ts, imageOk, transforms, ok));
    }
    return out;
  }

  private static long checkedSize(Path file, int w, int h, int frames, PlusSequence.PixelType type)
      throws ModelFileException {
    if (w <= 0 || h <= 0 || frames <= 0) {
      throw new ModelFileException(file, "sizes must be positive, size=" + w + "x" + h + "x" + frames);
    }
    long bytes = (long) w * h * frames * type.bytes();
    if (bytes > MAX_PIXEL_BYTES) {
      throw new ModelFileException(file, "pixel data too large, bytes=" + bytes + ", max=" + MAX_PIXEL_BYTES);
    }
    return bytes;
  }

  private static byte[] inflate(Path file, byte[] all, int off, int len, long expected)
      throws ModelFileException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(all, off, len);
      byte[] out = new byte[(int) expected];
      int n = 0;
      while (n < out.length) {
        int got = inflater.inflate(out, n, out.length - n);
        if (got == 0) {
          if (inflater.finished() || inflater.needsInput()) {
            break;
          }
          if (inflater.needsDictionary()) {
            throw new ModelFileException(file, "zlib stream needs a preset dictionary");
          }
        }
        n += got;
      }
      if (n != out.length) {
        throw new ModelFileException(file, "compressed pixel data too short, expected=" + expected
            + ", inflated=" + n);
      }
      return out;
    } catch (DataFormatException e) {
      throw new ModelFileException(file, "corrupt zlib pixel data: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  private static byte[] gunzip(Path file, byte[] all, int off, long expected) throws ModelFileException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(all, off, all.length - off))) {
      byte[] out = in.readNBytes((int) expected);
      if (out.length != expected) {
        throw new ModelFileException(file, "gzip pixel data too short, expected=" + expected + ", got="
            + out.length);
      }
      return out;
    } catch (ModelFileException e) {
      throw e;
    } catch (IOException e) {
      throw new ModelFileException(file, "corrupt gzip pixel data: " + e.getMessage(), e);
    }
  }

  private static int lineEnd(byte[] all, int from) {
    for (int i = from; i < all.length; i++) {
      if (all[i] == '\n') {
        return i;
      }
    }
    return all.length;
  }

  private static int[] ints(Path file, Map<String, String> h, String key) throws ModelFileException {
    String v = h.get(key);
    if (v == null) {
      throw new ModelFileException(file, "missing header field " + key);
    }
    String[] p = v.trim().split("\\s+");
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      try {
        out[i] = Integer.parseInt(p[i]);
      } catch (NumberFormatException e) {
        throw new ModelFileException(file, "field " + key + " is not a list of integers, value=" + abbreviate(v));
      }
    }
    return out;
  }

  private static double[] doubles(Path file, Map<String, String> h, String key) throws ModelFileException {
    String[] p = h.get(key).trim().split("\\s+");
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = parse(file, p[i], key);
    }
    return out;
  }

  private static double parse(Path file, String s, String field) throws ModelFileException {
    try {
      double d = Double.parseDouble(s);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException("not finite");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ModelFileException(file, "field " + field + " has a bad number, value=" + abbreviate(s));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
