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
 * Reads PLY surfaces in {@code ascii}, {@code binary_little_endian} and {@code binary_big_endian} format.
 *
 * <p>The {@code vertex} element must have {@code x, y, z}; its other scalar properties become point arrays. The
 * {@code face} element's {@code vertex_indices} (or {@code vertex_index}) list is fan-triangulated; its other scalar
 * properties become cell arrays, repeated on each triangle of a polygon. Other elements are skipped. Stateless and
 * thread-safe.
 */
public final class PlyReader {

  private static final Logger LOG = LoggerFactory.getLogger(PlyReader.class);

  private PlyReader() {}

  private record Property(String name, String type, String listCountType) {
    boolean isList() {
      return listCountType != null;
    }
  }

  private record Element(String name, long count, List<Property> properties) {}

  public static TriangleMesh read(Path file) throws ModelFileException {
    byte[] d = MeshFiles.readAll(file);
    AsciiTokens tok = new AsciiTokens(file, d);
    if (!"ply".equals(tok.restOfLine().trim())) {
      throw new ModelFileException(file, "not a PLY file (first line is not 'ply')");
    }
    String format = null;
    List<Element> elements = new ArrayList<>();
    while (true) {
      if (tok.remaining() <= 0) {
        throw new ModelFileException(file, "PLY header has no end_header (truncated?)");
      }
      String[] t = tok.restOfLine().trim().split("\\s+");
      switch (t[0]) {
        case "format":
          format = t.length > 1 ? t[1] : "";
          break;
        case "element":
          if (t.length < 3) {
            throw new ModelFileException(file, "malformed element line, line=" + (tok.line() - 1));
          }
          long count = NrrdReader.longValue(file, "element " + t[1], t[2]);
          if (count < 0) {
            throw new ModelFileException(file, "negative element count, element=" + t[1] + ", count=" + count);
          }
          elements.add(new Element(t[1], count, new ArrayList<>()));
          break;
        case "property":
          if (elements.isEmpty() || t.length < 3 || (t[1].equals("list") && t.length < 5)) {
            throw new ModelFileException(file, "malformed property line, line=" + (tok.line() - 1));
          }
          Property p = t[1].equals("list") ? new Property(t[4], t[3], t[2]) : new Property(t[2], t[1], null);
          size(file, p.type());
          if (p.isList()) {
            size(file, p.listCountType());
          }
          elements.get(elements.size() - 1).properties().add(p);
          break;
        case "end_header":
          return parseBody(file, tok, format, elements);
        case "comment":
        case "obj_info":
        case "":
          break;
        default:
          throw new ModelFileException(file, "unexpected PLY header line '" + NrrdReader.abbreviate(t[0]) + "', line="
              + (tok.line() - 1));
      }
    }
  }

  private static TriangleMesh parseBody(Path file, AsciiTokens tok, String format, List<Element> elements)
      throws ModelFileException {
    ByteOrder order;
    if ("ascii".equals(format)) {
      order = null;
    } else if ("binary_little_endian".equals(format)) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if ("binary_big_endian".equals(format)) {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw new ModelFileException(file, "unsupported PLY format=" + NrrdReader.abbreviate(String.valueOf(format)));
    }
    Values in = new Values(file, tok, order);
    float[] vertices = null;
    Map<String, MeshArray> pointArrays = new LinkedHashMap<>();
    Map<String, MeshArray> cellArrays = new LinkedHashMap<>();
    GrowableArrays.Ints tris = new GrowableArrays.Ints();
    GrowableArrays.Ints source = new GrowableArrays.Ints();
    for (Element e : elements) {
      long minBytes = 0;
      for (Property p : e.properties()) {
        minBytes += order == null ? 2 : size(file, p.isList() ? p.listCountType() : p.type());
      }
      if (e.count() > 0 && minBytes > 0 && e.count() > in.remaining() / minBytes) {
        throw new ModelFileException(file, "data truncated or absurd count, element=" + e.name() + ", count=" + e.count()
            + ", bytesLeft=" + in.remaining());
      }
      int n = (int) e.count();
      if (e.name().equals("vertex")) {
        int[] xyz = {index(e, "x"), index(e, "y"), index(e, "z")};
        if (xyz[0] < 0 || xyz[1] < 0 || xyz[2] < 0) {
          throw new ModelFileException(file, "PLY vertex element lacks x, y or z");
        }
        vertices = new float[n * 3];
        double[][] extra = new double[e.properties().size()][];
        for (int v = 0; v < n; v++) {
          for (int q = 0; q < e.properties().size(); q++) {
            Property p = e.properties().get(q);
            if (p.isList()) {
              in.skipList(p);
              continue;
            }
            double val = in.next(p.type());
            int axis = q == xyz[0] ? 0 : q == xyz[1] ? 1 : q == xyz[2] ? 2 : -1;
            if (axis >= 0) {
              vertices[3 * v + axis] = (float) val;
            } else {
              if (extra[q] == null) {
                extra[q] = new double[n];
              }
              extra[q][v] = val;
            }
          }
        }
        for (int q = 0; q < extra.length; q++) {
          if (extra[q] != null) {
            String name = e.properties().get(q).name();
            pointArrays.put(name, new MeshArray(name, 1, extra[q]));
          }
        }
      } else if (e.name().equals("face")) {
        int li = index(e, "vertex_indices");
        if (li < 0) {
          li = index(e, "vertex_index");
        }
        if (li < 0 || !e.properties().get(li).isList()) {
          throw new ModelFileException(file, "PLY face element lacks a vertex_indices list");
        }
        double[][] extra = new double[e.properties().size()][];
        for (int f = 0; f < n; f++) {
          for (int q = 0; q < e.properties().size(); q++) {
            Property p = e.properties().get(q);
            if (q == li) {
              int count = (int) in.next(p.listCountType());
              if (count < 0 || count > in.remaining()) {
                throw new ModelFileException(file, "invalid face vertex count, face=" + f + ", count=" + count);
              }
              int[] ids = new int[count];
              for (int k = 0; k < count; k++) {
                ids[k] = (int) in.next(p.type());
              }
              for (int k = 1; k + 1 < count; k++) {
                tris.add(ids[0]);
                tris.add(ids[k]);
                tris.add(ids[k + 1]);
                source.add(f);
              }
            } else if (p.isList()) {
              in.skipList(p);
            } else {
              if (extra[q] == null) {
                extra[q] = new double[n];
              }
              extra[q][f] = in.next(p.type());
            }
          }
        }
        int[] src = source.toArray();
        for (int q = 0; q < extra.length; q++) {
          if (extra[q] != null) {
            String name = e.properties().get(q).name();
            cellArrays.put(name, new MeshArray(name, 1, extra[q]).select(src));
          }
        }
      } else {
        for (long r = 0; r < e.count(); r++) {
          for (Property p : e.properties()) {
            if (p.isList()) {
              in.skipList(p);
            } else {
              in.next(p.type());
            }
          }
        }
      }
    }
    if (vertices == null) {
      throw new ModelFileException(file, "PLY has no vertex element");
    }
    int[] t = tris.toArray();
    int nv = vertices.length / 3;
    for (int i : t) {
      if (i < 0 || i >= nv) {
        throw new ModelFileException(file, "face refers to a missing vertex, index=" + i + ", vertices=" + nv);
      }
    }
    TriangleMesh mesh = new TriangleMesh(vertices, t, pointArrays, cellArrays);
    LOG.debug("mesh read, format=ply, file={}, mesh={}", file, mesh);
    return mesh;
  }

  private static int index(Element e, String name) {
    for (int q = 0; q < e.properties().size(); q++) {
      if (e.properties().get(q).name().equals(name)) {
        return q;
      }
    }
    return -1;
  }

  static int size(Path file, String type) throws ModelFileException {
    switch (type.toLowerCase(Locale.ROOT)) {
      case "char": case "int8": case "uchar": case "uint8":
        return 1;
      case "short": case "int16": case "ushort": case "uint16":
        return 2;
      case "int": case "int32": case "uint": case "uint32": case "float": case "float32":
        return 4;
      case "double": case "float64":
        return 8;
      default:
        throw new ModelFileException(file, "unsupported PLY property type=" + NrrdReader.abbreviate(type));
    }
  }

  /** Reads typed values from the body, ASCII tokens or binary in the given byte order. */
  private static final class Values {
    private final Path file;
    private final AsciiTokens tok;
    private final ByteBuffer buf;

    Values(Path file, AsciiTokens tok, ByteOrder order) {
      this.file = file;
      this.tok = tok;
      this.buf = order == null ? null : ByteBuffer.wrap(tok.data()).order(order);
    }

    long remaining() {
      return tok.remaining();
    }

    double next(String type) throws ModelFileException {
      if (buf == null) {
        return tok.nextDouble(type);
      }
      int size = size(file, type);
      int pos = tok.position();
      if (pos + size > tok.data().length) {
        throw new ModelFileException(file, "PLY data truncated, offset=" + pos);
      }
      tok.position(pos + size);
      switch (type.toLowerCase(Locale.ROOT)) {
        case "char": case "int8": return buf.get(pos);
        case "uchar": case "uint8": return buf.get(pos) & 0xff;
        case "short": case "int16": return buf.getShort(pos);
        case "ushort": case "uint16": return buf.getShort(pos) & 0xffff;
        case "int": case "int32": return buf.getInt(pos);
        case "uint": case "uint32": return buf.getInt(pos) & 0xffffffffL;
        case "float": case "float32": return buf.getFloat(pos);
        default: return buf.getDouble(pos);
      }
    }

    void skipList(Property p) throws ModelFileException {
      long count = (long) next(p.listCountType());
      if (count < 0 || count > remaining()) {
        throw new ModelFileException(file, "invalid list length, property=" + p.name() + ", count=" + count);
      }
      for (long k = 0; k < count; k++) {
        next(p.type());
      }
    }
  }
}
