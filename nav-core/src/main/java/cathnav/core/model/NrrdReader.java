package cathnav.core.model;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads NRRD volumes ({@code NRRD0001..5}): attached ({@code .nrrd}) and detached ({@code .nhdr} with a
 * {@code data file}), encodings raw, gzip and ascii, either byte order.
 *
 * <p>Voxel to RAS: {@code space directions} (one column per axis) and {@code space origin}; without them
 * {@code spacings} on the diagonal (else unit spacing). Spaces {@code left-posterior-superior} (LPS, as DICOM and
 * Slicer write) and {@code left-anterior-superior} are converted to RAS by negating the left/posterior rows;
 * {@code right-anterior-superior} is taken as is, as are spaces without anatomical meaning (with a warning).
 * 2D images become volumes with {@code nz = 1}; a 3D stack of 2D frames (no space information, for example the
 * XA cine) keeps its frames along k. Non-spatial axes of size 1 are dropped; other multi-component images are
 * refused. Stateless and thread-safe.
 */
public final class NrrdReader {

  private static final Logger LOG = LoggerFactory.getLogger(NrrdReader.class);

  private NrrdReader() {}

  /** Reads a NRRD volume; throws {@link ModelFileException} naming the file and the problem. */
  public static Volume read(Path file) throws ModelFileException {
    String magic = HeaderLines.peek(file, 8);
    if (!magic.matches("NRRD000[1-5]")) {
      throw new ModelFileException(file, "not a NRRD file, magic=" + magic.replaceAll("[^\\x20-\\x7e]", "?"));
    }
    HeaderLines header = HeaderLines.read(file, String::isEmpty);
    Map<String, String> f = fields(file, header.lines());
    int dim = intField(file, f, "dimension");
    if (dim < 1 || dim > 4) {
      throw new ModelFileException(file, "unsupported dimension=" + dim + ", expected 1..4");
    }
    long[] sizes = longs(file, "sizes", require(file, f, "sizes"), dim);
    SampleType type = sampleType(file, require(file, f, "type"));
    String encoding = require(file, f, "encoding").toLowerCase(Locale.ROOT);
    ByteOrder order = byteOrder(file, f, type, encoding);

    NrrdSpace space = NrrdSpace.parse(file, f, sizes);
    long voxels = VoxelPayload.checkedVoxelCount(file, sizes);

    Path dataFile = file;
    long offset = header.dataOffset();
    String detached = f.containsKey("data file") ? f.get("data file") : f.get("datafile");
    if (detached != null) {
      dataFile = detachedDataFile(file, detached.trim());
      offset = 0;
    } else if (header.lines().isEmpty() || !header.lines().get(header.lines().size() - 1).isEmpty()) {
      throw new ModelFileException(file, "header has no blank line before the data and no 'data file' field");
    }
    long lineSkip = f.containsKey("line skip") ? longValue(file, "line skip", f.get("line skip"))
        : f.containsKey("lineskip") ? longValue(file, "lineskip", f.get("lineskip")) : 0;
    long byteSkip = f.containsKey("byte skip") ? longValue(file, "byte skip", f.get("byte skip"))
        : f.containsKey("byteskip") ? longValue(file, "byteskip", f.get("byteskip")) : 0;
    if (lineSkip > 0) {
      offset = skipLines(dataFile, offset, lineSkip);
    }

    VoxelPayload.Voxels v;
    switch (encoding) {
      case "raw":
        if (byteSkip == -1) {
          offset = fileSize(dataFile) - voxels * type.bytes();
        } else if (byteSkip < 0) {
          throw new ModelFileException(file, "invalid byte skip=" + byteSkip);
        } else {
          offset += byteSkip;
        }
        v = VoxelPayload.read(dataFile, offset, voxels, type, order, VoxelPayload.Compression.RAW, 1, 0);
        break;
      case "gzip":
      case "gz":
        if (byteSkip != 0) {
          throw new ModelFileException(file, "byte skip with gzip encoding is not supported, byteSkip=" + byteSkip);
        }
        v = VoxelPayload.read(dataFile, offset, voxels, type, order, VoxelPayload.Compression.GZIP, 1, 0);
        break;
      case "ascii":
      case "text":
      case "txt":
        v = AsciiVoxels.read(dataFile, offset, voxels, type);
        break;
      default:
        throw new ModelFileException(
            file, "unsupported encoding=" + encoding + " (supported: raw, gzip, ascii)");
    }
    Volume vol = new Volume(space.nx(), space.ny(), space.nz(), space.voxelToRas(), v.int16(), v.float32());
    LOG.debug("volume read, format=nrrd, file={}, dataFile={}, volume={}", file, dataFile, vol);
    return vol;
  }

  static Map<String, String> fields(Path file, List<String> lines) throws ModelFileException {
    Map<String, String> f = new HashMap<>();
    for (int n = 1; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int kv = line.indexOf(":=");
      int colon = line.indexOf(": ");
      if (kv >= 0 && (colon < 0 || kv < colon)) {
        continue; // key:=value pairs carry free-form metadata
      }
      if (colon < 0) {
        throw new ModelFileException(file, "malformed header line " + (n + 1) + ": '" + abbreviate(line) + "'");
      }
      f.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 2).trim());
    }
    return f;
  }

  static String require(Path file, Map<String, String> f, String key) throws ModelFileException {
    String v = f.get(key);
    if (v == null) {
      throw new ModelFileException(file, "required header field missing, field=" + key);
    }
    return v;
  }

  private static int intField(Path file, Map<String, String> f, String key) throws ModelFileException {
    long v = longValue(file, key, require(file, f, key));
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new ModelFileException(file, "field out of range, " + key + "=" + v);
    }
    return (int) v;
  }

  static long longValue(Path file, String key, String value) throws ModelFileException {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ModelFileException(file, "not an integer, field=" + key + ", value=" + abbreviate(value));
    }
  }

  static long[] longs(Path file, String key, String value, int count) throws ModelFileException {
    String[] parts = value.trim().split("\\s+");
    if (parts.length != count) {
      throw new ModelFileException(
          file, "wrong number of values, field=" + key + ", expected=" + count + ", actual=" + parts.length);
    }
    long[] out = new long[count];
    for (int n = 0; n < count; n++) {
      out[n] = longValue(file, key, parts[n]);
    }
    return out;
  }

  static SampleType sampleType(Path file, String name) throws ModelFileException {
    String t = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    switch (t) {
      case "signed char": case "int8": case "int8_t":
        return SampleType.INT8;
      case "uchar": case "unsigned char": case "uint8": case "uint8_t":
        return SampleType.UINT8;
      case "short": case "short int": case "signed short": case "signed short int": case "int16": case "int16_t":
        return SampleType.INT16;
      case "ushort": case "unsigned short": case "unsigned short int": case "uint16": case "uint16_t":
        return SampleType.UINT16;
      case "int": case "signed int": case "int32": case "int32_t":
        return SampleType.INT32;
      case "uint": case "unsigned int": case "uint32": case "uint32_t":
        return SampleType.UINT32;
      case "longlong": case "long long": case "long long int": case "signed long long": case "signed long long int":
      case "int64": case "int64_t":
        return SampleType.INT64;
      case "ulonglong": case "unsigned long long": case "unsigned long long int": case "uint64": case "uint64_t":
        return SampleType.UINT64;
      case "float":
        return SampleType.FLOAT32;
      case "double":
        return SampleType.FLOAT64;
      default:
        throw new ModelFileException(file, "unsupported type=" + abbreviate(name));
    }
  }

  private static ByteOrder byteOrder(Path file, Map<String, String> f, SampleType type, String encoding)
      throws ModelFileException {
    String e = f.get("endian");
    if (e == null) {
      if (type.bytes() > 1 && !encoding.equals("ascii") && !encoding.equals("text") && !encoding.equals("txt")) {
        throw new ModelFileException(file, "required header field missing, field=endian (type has "
            + type.bytes() + " bytes)");
      }
      return ByteOrder.LITTLE_ENDIAN;
    }
    switch (e.trim().toLowerCase(Locale.ROOT)) {
      case "little":
        return ByteOrder.LITTLE_ENDIAN;
      case "big":
        return ByteOrder.BIG_ENDIAN;
      default:
        throw new ModelFileException(file, "invalid endian=" + abbreviate(e));
    }
  }

  private static Path detachedDataFile(Path header, String name) throws ModelFileException {
    if (name.startsWith("LIST") || name.contains("%")) {
      throw new ModelFileException(header, "multi-file data is not supported, data file=" + abbreviate(name));
    }
    Path p = Path.of(name);
    Path resolved = p.isAbsolute() ? p : header.toAbsolutePath().resolveSibling(name);
    if (!Files.isRegularFile(resolved)) {
      throw new ModelFileException(header, "detached data file missing, dataFile=" + resolved);
    }
    return resolved;
  }

  private static long skipLines(Path file, long offset, long lines) throws ModelFileException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      in.skipNBytes(offset);
      long seen = 0;
      long pos = offset;
      while (seen < lines) {
        int b = in.read();
        if (b < 0) {
          throw new ModelFileException(file, "data file shorter than line skip=" + lines);
        }
        pos++;
        if (b == '\n') {
          seen++;
        }
      }
      return pos;
    } catch (ModelFileException e) {
      throw e;
    } catch (IOException e) {
      throw new ModelFileException(file, "read failed, " + e, e);
    }
  }

  private static long fileSize(Path file) throws ModelFileException {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new ModelFileException(file, "read failed, " + e, e);
    }
  }

  static String abbreviate(String s) {
    String p = s.replaceAll("[^\\x20-\\x7e]", "?");
    return p.length() > 80 ? p.substring(0, 80) + "..." : p;
  }

  /** Parses NRRD space fields into a 3D grid size and voxel-to-RAS affine. */
  record NrrdSpace(int nx, int ny, int nz, double[] voxelToRas) {

    static NrrdSpace parse(Path file, Map<String, String> f, long[] sizes) throws ModelFileException {
      int dim = sizes.length;
      String spaceName = f.get("space");
      int spaceDim = 0;
      double[] flip = {1, 1, 1};
      if (spaceName != null) {
        String s = spaceName.trim().toLowerCase(Locale.ROOT);
        switch (s) {
          case "left-posterior-superior": case "lps": case "left-posterior-superior-time": case "lpst":
            flip = new double[] {-1, -1, 1};
            spaceDim = 3;
            break;
          case "left-anterior-superior": case "las": case "left-anterior-superior-time": case "last":
            flip = new double[] {-1, 1, 1};
            spaceDim = 3;
            break;
          case "right-anterior-superior": case "ras": case "right-anterior-superior-time": case "rast":
            spaceDim = 3;
            break;
          case "scanner-xyz": case "scanner-xyz-time": case "3d-right-handed": case "3d-left-handed":
          case "3d-right-handed-time": case "3d-left-handed-time":
            spaceDim = 3;
            LOG.warn("nrrd space without anatomical meaning taken as RAS, file={}, space={}", file, spaceName);
            break;
          default:
            throw new ModelFileException(file, "unsupported space=" + abbreviate(spaceName));
        }
      } else if (f.containsKey("space dimension")) {
        spaceDim = (int) longValue(file, "space dimension", f.get("space dimension"));
        if (spaceDim < 1 || spaceDim > 3) {
          throw new ModelFileException(file, "unsupported space dimension=" + spaceDim + ", expected 1..3");
        }
      }
      double[][] dirs = new double[dim][];
      double[] origin = new double[3];
      List<Integer> spatial = new ArrayList<>();
      String sd = f.get("space directions");
      if (spaceDim > 0 && sd != null) {
        List<String> vecs = vectorsOrNone(file, "space directions", sd);
        if (vecs.size() != dim) {
          throw new ModelFileException(file, "wrong number of space directions, expected=" + dim + ", actual=" + vecs.size());
        }
        for (int a = 0; a < dim; a++) {
          if (!vecs.get(a).equals("none")) {
            dirs[a] = vector(file, "space directions", vecs.get(a), spaceDim);
            spatial.add(a);
          }
        }
        String so = f.get("space origin");
        if (so != null) {
          double[] o = vector(file, "space origin", so.trim(), spaceDim);
          System.arraycopy(o, 0, origin, 0, spaceDim);
        }
      } else {
        double[] spacings = new double[dim];
        java.util.Arrays.fill(spacings, 1.0);
        String sp = f.get("spacings");
        if (sp != null) {
          String[] parts = sp.trim().split("\\s+");
          if (parts.length != dim) {
            throw new ModelFileException(file, "wrong number of spacings, expected=" + dim + ", actual=" + parts.length);
          }
          for (int a = 0; a < dim; a++) {
            double v = parseDouble(file, "spacings", parts[a]);
            spacings[a] = Double.isFinite(v) && v != 0 ? v : 1.0;
          }
        }
        for (int a = 0; a < dim; a++) {
          if (dim <= 3 || sizes[a] > 1) {
            spatial.add(a);
          }
        }
        if (spatial.size() > 3) {
          throw new ModelFileException(file, "more than 3 axes of size > 1 are not supported, sizes="
              + java.util.Arrays.toString(sizes));
        }
        for (int s = 0; s < spatial.size(); s++) {
          double[] d = new double[3];
          d[s] = spacings[spatial.get(s)];
          dirs[spatial.get(s)] = d;
        }
      }
      for (int a = 0; a < dim; a++) {
        if (dirs[a] == null && sizes[a] != 1) {
          throw new ModelFileException(file, "multi-component images are not supported, axis=" + a + ", size="
              + sizes[a] + " (a non-spatial axis must have size 1)");
        }
      }
      if (spatial.size() > 3 || spatial.isEmpty()) {
        throw new ModelFileException(file, "expected 1 to 3 spatial axes, spatialAxes=" + spatial.size());
      }
      int[] n = {1, 1, 1};
      double[] m = new double[16];
      m[15] = 1;
      for (int s = 0; s < 3; s++) {
        double[] col;
        if (s < spatial.size()) {
          n[s] = (int) sizes[spatial.get(s)];
          col = dirs[spatial.get(s)];
        } else {
          col = new double[3];
          col[s] = 1.0;
        }
        for (int r = 0; r < 3; r++) {
          m[r * 4 + s] = col[r] * flip[r];
        }
      }
      for (int r = 0; r < 3; r++) {
        m[r * 4 + 3] = origin[r] * flip[r];
      }
      return new NrrdSpace(n[0], n[1], n[2], m);
    }

    private static List<String> vectorsOrNone(Path file, String key, String value) throws ModelFileException {
      List<String> out = new ArrayList<>();
      String s = value.trim();
      int pos = 0;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (Character.isWhitespace(c)) {
          pos++;
        } else if (c == '(') {
          int end = s.indexOf(')', pos);
          if (end < 0) {
            throw new ModelFileException(file, "unclosed vector, field=" + key);
          }
          out.add(s.substring(pos, end + 1));
          pos = end + 1;
        } else if (s.startsWith("none", pos)) {
          out.add("none");
          pos += 4;
        } else {
          throw new ModelFileException(file, "malformed vector list, field=" + key + ", value=" + abbreviate(value));
        }
      }
      return out;
    }

    static double[] vector(Path file, String key, String text, int count) throws ModelFileException {
      String t = text.trim();
      if (!t.startsWith("(") || !t.endsWith(")")) {
        throw new ModelFileException(file, "malformed vector, field=" + key + ", value=" + abbreviate(text));
      }
      String[] parts = t.substring(1, t.length() - 1).split(",");
      if (parts.length != count) {
        throw new ModelFileException(
            file, "wrong vector length, field=" + key + ", expected=" + count + ", actual=" + parts.length);
      }
      double[] out = new double[3];
      for (int c = 0; c < count; c++) {
        out[c] = parseDouble(file, key, parts[c]);
        if (!Double.isFinite(out[c])) {
          throw new ModelFileException(file, "non-finite value, field=" + key + ", value=" + abbreviate(text));
        }
      }
      return out;
    }

    static double parseDouble(Path file, String key, String v) throws ModelFileException {
      try {
        return Double.parseDouble(v.trim());
      } catch (NumberFormatException e) {
        throw new ModelFileException(file, "not a number, field=" + key + ", value=" + abbreviate(v));
      }
    }
  }
}
