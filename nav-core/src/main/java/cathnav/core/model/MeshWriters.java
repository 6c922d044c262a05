package cathnav.core.model;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes triangle meshes as binary STL (geometry only) and legacy VTK POLYDATA (version 4.2 layout, ASCII or
 * big-endian BINARY, point and cell arrays as FIELD data), the formats Slicer and ParaView open directly.
 *
 * <p>Files are written to a temporary sibling and moved into place, so a failed write leaves no partial output.
 * Stateless and thread-safe.
 */
public final class MeshWriters {

  private MeshWriters() {}

  /** Writes {@code mesh} as binary STL (facet normals from the winding, little-endian). */
  public static void writeStl(TriangleMesh mesh, Path file) throws ModelFileException {
    AtomicFileWrite.write(file, out -> {
      ByteBuffer b = ByteBuffer.allocate(84).order(ByteOrder.LITTLE_ENDIAN);
      byte[] title = "CathNav binary STL".getBytes(StandardCharsets.US_ASCII);
      b.put(title).position(80);
      b.putInt(mesh.triangleCount());
      out.write(b.array());
      ByteBuffer f = ByteBuffer.allocate(50).order(ByteOrder.LITTLE_ENDIAN);
      float[] v = mesh.vertices();
      int[] t = mesh.triangles();
      for (int tri = 0; tri < mesh.triangleCount(); tri++) {
        f.clear();
        double[] n = mesh.triangleCross(tri);
        double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        for (int a = 0; a < 3; a++) {
          f.putFloat(len > 0 ? (float) (n[a] / len) : 0f);
        }
        for (int k = 0; k < 3; k++) {
          int p = 3 * t[3 * tri + k];
          f.putFloat(v[p]).putFloat(v[p + 1]).putFloat(v[p + 2]);
        }
        f.putShort((short) 0);
        out.write(f.array());
      }
    });
  }

  /** Writes {@code mesh} as legacy VTK POLYDATA; {@code binary} selects BINARY (big-endian) over ASCII. */
  public static void writeVtk(TriangleMesh mesh, Path file, boolean binary) throws ModelFileException {
    AtomicFileWrite.write(file, raw -> {
      DataOutputStream out = new DataOutputStream(raw); // big-endian, as legacy VTK BINARY requires
      StringBuilder h = new StringBuilder("# vtk DataFile Version 4.2\nCathNav mesh\n");
      h.append(binary ? "BINARY\n" : "ASCII\n").append("DATASET POLYDATA\n");
      h.append("POINTS ").append(mesh.vertexCount()).append(" float\n");
      out.write(ascii(h));
      float[] v = mesh.vertices();
      if (binary) {
        for (float c : v) {
          out.writeFloat(c);
        }
      } else {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i += 3) {
          s.append(v[i]).append(' ').append(v[i + 1]).append(' ').append(v[i + 2]).append('\n');
        }
        out.write(ascii(s));
      }
      int nt = mesh.triangleCount();
      out.write(ascii(new StringBuilder("\nPOLYGONS ").append(nt).append(' ').append(4L * nt).append('\n')));
      int[] t = mesh.triangles();
      if (binary) {
        for (int tri = 0; tri < nt; tri++) {
          out.writeInt(3);
          out.writeInt(t[3 * tri]);
          out.writeInt(t[3 * tri + 1]);
          out.writeInt(t[3 * tri + 2]);
        }
      } else {
        StringBuilder s = new StringBuilder();
        for (int tri = 0; tri < nt; tri++) {
          s.append("3 ").append(t[3 * tri]).append(' ').append(t[3 * tri + 1]).append(' ').append(t[3 * tri + 2]).append('\n');
        }
        out.write(ascii(s));
      }
      writeField(out, "POINT_DATA", mesh.vertexCount(), mesh.pointArrays(), binary);
      writeField(out, "CELL_DATA", nt, mesh.cellArrays(), binary);
      out.flush();
    });
  }

  private static void writeField(DataOutputStream out, String section, int tuples, Map<String, MeshArray> arrays,
      boolean binary) throws IOException {
    if (arrays.isEmpty()) {
      return;
    }
    out.write(ascii(new StringBuilder("\n").append(section).append(' ').append(tuples).append('\n')
        .append("FIELD FieldData ").append(arrays.size()).append('\n')));
    for (MeshArray a : arrays.values()) {
      String name = a.name().replaceAll("\\s", "_");
      out.write(ascii(new StringBuilder(name).append(' ').append(a.components()).append(' ').append(a.tuples())
          .append(" double\n")));
      if (binary) {
        for (double d : a.values()) {
          out.writeDouble(d);
        }
        out.write('\n');
      } else {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < a.values().length; i++) {
          s.append(String.format(Locale.ROOT, "%.17g", a.values()[i])).append((i + 1) % 9 == 0 ? '\n' : ' ');
        }
        out.write(ascii(s.append('\n')));
      }
    }
  }

  private static byte[] ascii(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
