package cathnav.core.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads legacy VTK POLYDATA files ({@code # vtk DataFile Version 2.0 .. 5.1}), ASCII or BINARY (big-endian, as
 * the format prescribes).
 *
 * <p>Cells: VERTICES, LINES, POLYGONS and TRIANGLE_STRIPS in both layouts, the classic one ({@code POLYGONS n size}
 * followed by {@code count id id ...} per cell) and the VTK 5.1 one ({@code POLYGONS nOffsets nConnectivity}
 * followed by {@code OFFSETS type} and {@code CONNECTIVITY type} arrays). Polygons are fan-triangulated and strips
 * unrolled; each triangle takes the cell data of the cell it came from (cells are numbered verts, lines, polygons,
 * strips, as VTK does). Attributes: SCALARS (with or without LOOKUP_TABLE), COLOR_SCALARS, VECTORS, NORMALS,
 * TEXTURE_COORDINATES, TENSORS, GLOBAL_IDS, PEDIGREE_IDS and FIELD arrays in POINT_DATA and CELL_DATA; METADATA
 * blocks are skipped. In binary files {@code vtkIdType} data is 4 bytes wide, as the legacy writer stores it.
 * Stateless and thread-safe.
 */
public final class VtkPolyDataReader {

  private static final Logger LOG = LoggerFactory.getLogger(VtkPolyDataReader.class);

  private VtkPolyDataReader() {}

  /** Reads the file's surface (polygons and strips) with its point and cell arrays. */
  public static TriangleMesh read(Path file) throws ModelFileException {
    return readPolyData(file).mesh();
  }

  /** Reads the file's surface and its polylines. */
  public static VtkPolyData readPolyData(Path file) throws ModelFileException {
    VtkPolyData p = new Parser(file, MeshFiles.readAll(file)).parse();
    LOG.debug("mesh read, format=vtk, file={}, mesh={}, polylines={}", file, p.mesh(), p.polylines().size());
    return p;
  }

  /** One block of cells: {@code offsets} (cells + 1 entries) into {@code connectivity}. */
  private record Cells(long[] offsets, int[] connectivity) {
    int count() {
      return offsets.length - 1;
    }
  }

  private static final class Parser {
    private final Path file;
    private final AsciiTokens tok;
    private final ByteBuffer buf;
    private boolean binary;
    private float[] points;
    private final Map<String, Cells> cells = new LinkedHashMap<>();
    private final Map<String, MeshArray> pointArrays = new LinkedHashMap<>();
    private final Map<String, MeshArray> cellArrays = new LinkedHashMap<>();

    Parser(Path file, byte[] data) {
      this.file = file;
      this.tok = new AsciiTokens(file, data);
      this.buf = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
    }

    VtkPolyData parse() throws ModelFileException {
      String magic = tok.restOfLine();
      if (!magic.startsWith("# vtk DataFile")) {
        throw new ModelFileException(file, "not a legacy VTK file, firstLine=" + NrrdReader.abbreviate(magic));
      }
      tok.restOfLine(); // title
      String mode = required("ASCII or BINARY").toUpperCase(Locale.ROOT);
      if (!mode.equals("ASCII") && !mode.equals("BINARY")) {
        throw new ModelFileException(file, "expected ASCII or BINARY, found=" + NrrdReader.abbreviate(mode));
      }
      binary = mode.equals("BINARY");
      String[] ds = required("DATASET").split("\\s+");
      if (ds.length < 2 || !ds[0].equalsIgnoreCase("DATASET")) {
        throw new ModelFileException(file, "expected DATASET line, found=" + NrrdReader.abbreviate(String.join(" ", ds)));
      }
      if (!ds[1].equalsIgnoreCase("POLYDATA")) {
        throw new ModelFileException(file, "unsupported DATASET=" + ds[1] + ", only POLYDATA is read");
      }
      Map<String, MeshArray> target = null;
      long targetCount = 0;
      String line;
      while ((line = tok.nextLine()) != null) {
        String[] t = line.split("\\s+");
        String key = t[0].toUpperCase(Locale.ROOT);
        switch (key) {
          case "POINTS":
            points = toFloats(numbers(arg(t, 2, "POINTS type"), 3 * count(t, 1, "POINTS"), "POINTS"));
            break;
          case "VERTICES":
          case "LINES":
          case "POLYGONS":
          case "TRIANGLE_STRIPS":
            cells.put(key, readCells(key, count(t, 1, key), count(t, 2, key)));
            break;
          case "POINT_DATA":
            target = pointArrays;
            targetCount = count(t, 1, key);
            break;
          case "CELL_DATA":
            target = cellArrays;
            targetCount = count(t, 1, key);
            break;
          case "FIELD":
            readField(target, targetCount, count(t, 2, "FIELD"));
            break;
          case "METADATA":
            skipMetadata();
            break;
          default:
            if (target == null) {
              throw new ModelFileException(file, "unexpected keyword='" + NrrdReader.abbreviate(t[0]) + "', line="
                  + tok.line());
            }
            readAttribute(key, t, target, targetCount);
        }
      }
      if (points == null) {
        throw new ModelFileException(file, "no POINTS section");
      }
      return assemble();
    }

    private String required(String what) throws ModelFileException {
      String l = tok.nextLine();
      if (l == null) {
        throw new ModelFileException(file, "unexpected end of file (truncated?), expected=" + what);
      }
      return l;
    }

    private String arg(String[] t, int i, String what) throws ModelFileException {
      if (t.length <= i) {
        throw new ModelFileException(file, "missing value, field=" + what + ", line=" + tok.line());
      }
      return t[i];
    }

    private long count(String[] t, int i, String what) throws ModelFileException {
      String s = arg(t, i, what);
      long v;
      try {
        v = Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new ModelFileException(file, "not an integer, field=" + what + ", value=" + NrrdReader.abbreviate(s));
      }
      if (v < 0) {
        throw new ModelFileException(file, "negative count, field=" + what + ", value=" + v);
      }
      return v;
    }

    private Cells readCells(String kind, long a, long b) throws ModelFileException {
      int mark = tok.position();
      String next = tok.nextLine();
      if (next != null && next.toUpperCase(Locale.ROOT).startsWith("OFFSETS")) {
        String[] ot = next.split("\\s+");
        long[] offsets = toLongs(numbers(arg(ot, 1, "OFFSETS type"), a, kind + " OFFSETS"), kind);
        String[] ct = required("CONNECTIVITY").split("\\s+");
        if (!ct[0].equalsIgnoreCase("CONNECTIVITY")) {
          throw new ModelFileException(file, "expected CONNECTIVITY after OFFSETS, found=" + NrrdReader.abbreviate(ct[0]));
        }
        int[] conn = toIndices(numbers(arg(ct, 1, "CONNECTIVITY type"), b, kind + " CONNECTIVITY"), kind);
        if (a == 0) {
          return new Cells(new long[] {0}, conn);
        }
        for (int c = 0; c < offsets.length; c++) {
          boolean ok = offsets[c] >= 0 && offsets[c] <= conn.length && (c == 0 || offsets[c] >= offsets[c - 1]);
          if (!ok || (c == offsets.length - 1 && offsets[c] != conn.length) || (c == 0 && offsets[0] != 0)) {
            throw new ModelFileException(file, "inconsistent " + kind + " offsets, cell=" + c + ", offset=" + offsets[c]
                + ", connectivity=" + conn.length);
          }
        }
        return new Cells(offsets, conn);
      }
      tok.position(mark);
      int[] flat = toIndices(numbers(binary ? "int" : "ascii-int", b, kind), kind);
      long[] offsets = new long[(int) Math.min(a + 1, flat.length + 1L)];
      int[] conn = new int[(int) Math.max(0, b - a)];
      int p = 0;
      int q = 0;
      for (int c = 0; c < a; c++) {
        if (p >= flat.length) {
          throw new ModelFileException(file, "inconsistent " + kind + " sizes, cells=" + a + ", size=" + b);
        }
        int n = flat[p++];
        if (n < 0 || p + n > flat.length || q + n > conn.length) {
          throw new ModelFileException(file, "inconsistent " + kind + " sizes, cell=" + c + ", count=" + n);
        }
        System.arraycopy(flat, p, conn, q, n);
        p += n;
        q += n;
        offsets[c + 1] = q;
      }
      if (p != flat.length) {
        throw new ModelFileException(file, "inconsistent " + kind + " sizes, cells=" + a + ", size=" + b + ", used=" + p);
      }
      return new Cells(offsets, conn);
    }

    private void readAttribute(String key, String[] t, Map<String, MeshArray> target, long n)
        throws ModelFileException {
      switch (key) {
        case "SCALARS": {
          String name = arg(t, 1, "SCALARS name");
          String type = arg(t, 2, "SCALARS type");
          int nc = t.length > 3 ? (int) count(t, 3, "SCALARS components") : 1;
          checkComponents(nc, name);
          int mark = tok.position();
          String lut = tok.nextLine();
          if (lut == null || !lut.toUpperCase(Locale.ROOT).startsWith("LOOKUP_TABLE")) {
            tok.position(mark);
          }
          put(target, name, nc, numbers(type, n * nc, name));
          break;
        }
        case "COLOR_SCALARS": {
          String name = arg(t, 1, "COLOR_SCALARS name");
          int nc = (int) count(t, 2, "COLOR_SCALARS components");
          checkComponents(nc, name);
          double[] v = numbers(binary ? "unsigned_char" : "float", n * nc, name);
          if (binary) {
            for (int i = 0; i < v.length; i++) {
              v[i] /= 255.0;
            }
          }
          put(target, name, nc, v);
          break;
        }
        case "LOOKUP_TABLE": {
          long size = count(t, 2, "LOOKUP_TABLE size");
          numbers(binary ? "unsigned_char" : "float", size * 4, "LOOKUP_TABLE");
          break;
        }
        case "VECTORS":
        case "NORMALS":
          put(target, arg(t, 1, key + " name"), 3, numbers(arg(t, 2, key + " type"), n * 3, key));
          break;
        case "TEXTURE_COORDINATES": {
          int dim = (int) count(t, 2, "TEXTURE_COORDINATES dim");
          checkComponents(dim, t[1]);
          put(target, t[1], dim, numbers(arg(t, 3, "TEXTURE_COORDINATES type"), n * dim, key));
          break;
        }
        case "TENSORS":
        case "TENSORS6": {
          int nc = key.equals("TENSORS") ? 9 : 6;
          put(target, arg(t, 1, key + " name"), nc, numbers(arg(t, 2, key + " type"), n * nc, key));
          break;
        }
        case "GLOBAL_IDS":
        case "PEDIGREE_IDS":
          put(target, arg(t, 1, key + " name"), 1, numbers(arg(t, 2, key + " type"), n, key));
          break;
        default:
          throw new ModelFileException(file, "unsupported keyword='" + NrrdReader.abbreviate(t[0]) + "', line=" + tok.line());
      }
    }

    private void readField(Map<String, MeshArray> target, long n, long arrays) throws ModelFileException {
      for (long a = 0; a < arrays; a++) {
        String[] t = required("FIELD array").split("\\s+");
        if (t[0].equalsIgnoreCase("METADATA")) {
          skipMetadata();
          a--;
          continue;
        }
        if (t[0].equals("NULL_ARRAY")) {
          continue;
        }
        int nc = (int) count(t, 1, "FIELD components");
        checkComponents(nc, t[0]);
        long tuples = count(t, 2, "FIELD tuples");
        double[] v = numbers(arg(t, 3, "FIELD type"), tuples * nc, t[0]);
        if (target != null && tuples == n) {
          put(target, t[0], nc, v);
        } else if (target != null) {
          throw new ModelFileException(file, "FIELD array size mismatch, name=" + t[0] + ", tuples=" + tuples
              + ", expected=" + n);
        }
      }
    }

    private void skipMetadata() {
      while (tok.remaining() > 0) {
        if (tok.restOfLine().trim().isEmpty()) {
          return;
        }
      }
    }

    private void checkComponents(int nc, String name) throws ModelFileException {
      if (nc < 1 || nc > 64) {
        throw new ModelFileException(file, "invalid component count, array=" + name + ", components=" + nc);
      }
    }

    private void put(Map<String, MeshArray> target, String name, int nc, double[] v) {
      target.put(name, new MeshArray(name, nc, v));
    }

    /** Reads {@code count} numbers of VTK {@code type}, checking the count against the bytes left first. */
    private double[] numbers(String type, long count, String what) throws ModelFileException {
      if (count > MeshFiles.MAX_BYTES) {
        throw new ModelFileException(file, "absurd element count, field=" + what + ", count=" + count);
      }
      if (!binary || type.equals("ascii-int")) {
        if (count > (tok.remaining() + 1L) / 2) {
          throw new ModelFileException(file, "data truncated, field=" + what + ", values=" + count + ", bytesLeft="
              + tok.remaining());
        }
        double[] out = new double[(int) count];
        for (int i = 0; i < count; i++) {
          out[i] = tok.nextDouble(what);
        }
        return out;
      }
      int size = typeSize(type, what);
      int pos = tok.position();
      if (count * size > tok.data().length - pos) {
        throw new ModelFileException(file, "data truncated, field=" + what + ", expectedBytes=" + count * size
            + ", bytesLeft=" + (tok.data().length - pos));
      }
      double[] out = new double[(int) count];
      String ty = type.toLowerCase(Locale.ROOT);
      for (int i = 0; i < count; i++, pos += size) {
        switch (ty) {
          case "unsigned_char": case "vtktypeuint8": out[i] = buf.get(pos) & 0xff; break;
          case "char": case "signed_char": case "vtktypeint8": out[i] = buf.get(pos); break;
          case "unsigned_short": case "vtktypeuint16": out[i] = buf.getShort(pos) & 0xffff; break;
          case "short": case "vtktypeint16": out[i] = buf.getShort(pos); break;
          case "unsigned_int": case "vtktypeuint32": out[i] = buf.getInt(pos) & 0xffffffffL; break;
          case "int": case "vtkidtype": case "vtktypeint32": out[i] = buf.getInt(pos); break;
          case "unsigned_long": case "vtktypeuint64": case "long": case "vtktypeint64": out[i] = buf.getLong(pos); break;
          case "float": case "vtktypefloat32": out[i] = buf.getFloat(pos); break;
          case "double": case "vtktypefloat64": out[i] = buf.getDouble(pos); break;
          default: throw new IllegalStateException(ty);
        }
      }
      tok.position(pos);
      return out;
    }

    private int typeSize(String type, String what) throws ModelFileException {
      switch (type.toLowerCase(Locale.ROOT)) {
        case "unsigned_char": case "char": case "signed_char": case "vtktypeuint8": case "vtktypeint8":
          return 1;
        case "unsigned_short": case "short": case "vtktypeuint16": case "vtktypeint16":
          return 2;
        case "unsigned_int": case "int": case "vtkidtype": case "vtktypeint32": case "vtktypeuint32": case "float":
        case "vtktypefloat32":
          return 4;
        case "unsigned_long": case "long": case "vtktypeint64": case "vtktypeuint64": case "double":
        case "vtktypefloat64":
          return 8;
        default:
          throw new ModelFileException(file, "unsupported data type=" + NrrdReader.abbreviate(type) + ", field=" + what);
      }
    }

    private float[] toFloats(double[] v) throws ModelFileException {
      float[] out = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = (float) v[i];
        if (!Float.isFinite(out[i])) {
          throw new ModelFileException(file, "non-finite point coordinate, index=" + i);
        }
      }
      return out;
    }

    private long[] toLongs(double[] v, String what) {
      long[] out = new long[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = (long) v[i];
      }
      return out;
    }

    private int[] toIndices(double[] v, String what) throws ModelFileException {
      int[] out = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE || v[i] != Math.rint(v[i])) {
          throw new ModelFileException(file, "invalid index in " + what + ", value=" + v[i]);
        }
        out[i] = (int) v[i];
      }
      return out;
    }

    private VtkPolyData assemble() throws ModelFileException {
      int nPoints = points.length / 3;
      GrowableArrays.Ints tris = new GrowableArrays.Ints();
      GrowableArrays.Ints source = new GrowableArrays.Ints();
      List<int[]> polylines = new ArrayList<>();
      int cellBase = 0;
      for (String kind : new String[] {"VERTICES", "LINES", "POLYGONS", "TRIANGLE_STRIPS"}) {
        Cells c = cells.get(kind);
        if (c == null) {
          continue;
        }
        for (int v : c.connectivity()) {
          if (v < 0 || v >= nPoints) {
            throw new ModelFileException(file, kind + " refers to a missing point, index=" + v + ", points=" + nPoints);
          }
        }
        for (int cell = 0; cell < c.count(); cell++) {
          int start = (int) c.offsets()[cell];
          int n = (int) (c.offsets()[cell + 1] - start);
          int[] ids = c.connectivity();
          if (kind.equals("LINES")) {
            polylines.add(java.util.Arrays.copyOfRange(ids, start, start + n));
          } else if (kind.equals("POLYGONS")) {
            for (int k = 1; k + 1 < n; k++) {
              addTriangle(tris, source, ids[start], ids[start + k], ids[start + k + 1], cellBase + cell);
            }
          } else if (kind.equals("TRIANGLE_STRIPS")) {
            for (int k = 0; k + 2 < n; k++) {
              int a = ids[start + k];
              int b = ids[start + k + 1];
              int d = ids[start + k + 2];
              if (k % 2 == 0) {
                addTriangle(tris, source, a, b, d, cellBase + cell);
              } else {
                addTriangle(tris, source, b, a, d, cellBase + cell);
              }
            }
          }
        }
        cellBase += c.count();
      }
      int totalCells = cellBase;
      for (MeshArray a : pointArrays.values()) {
        if (a.tuples() != nPoints) {
          throw new ModelFileException(file, "POINT_DATA size mismatch, array=" + a.name() + ", tuples=" + a.tuples()
              + ", points=" + nPoints);
        }
      }
      int[] src = source.toArray();
      Map<String, MeshArray> triArrays = new LinkedHashMap<>();
      for (MeshArray a : cellArrays.values()) {
        if (a.tuples() != totalCells) {
          throw new ModelFileException(file, "CELL_DATA size mismatch, array=" + a.name() + ", tuples=" + a.tuples()
              + ", cells=" + totalCells);
        }
        triArrays.put(a.name(), a.select(src));
      }
      TriangleMesh mesh = new TriangleMesh(points, tris.toArray(), pointArrays, triArrays);
      return new VtkPolyData(mesh, polylines);
    }

    private static void addTriangle(GrowableArrays.Ints tris, GrowableArrays.Ints source, int a, int b, int c, int cell) {
      tris.add(a);
      tris.add(b);
      tris.add(c);
      source.add(cell);
    }
  }
}
