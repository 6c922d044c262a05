package cathnav.core.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads STL surfaces, binary (80-byte header, uint32 triangle count, 50 bytes per triangle, little-endian) or ASCII
 * ({@code solid ... facet normal ... outer loop vertex x y z ... endsolid}, several solids allowed). Corners with
 * identical coordinates are welded into shared vertices; stored facet normals are ignored (the winding rules).
 * Binary is recognised by its size matching {@code 84 + 50 * count}, since binary files may also begin with
 * "solid". Stateless and thread-safe.
 */
public final class StlReader {

  private static final Logger LOG = LoggerFactory.getLogger(StlReader.class);

  private StlReader() {}

  public static TriangleMesh read(Path file) throws ModelFileException {
    byte[] data = MeshFiles.readAll(file);
    TriangleMesh mesh;
    if (isBinary(data)) {
      mesh = readBinary(file, data);
    } else if (startsWithSolid(data)) {
      mesh = readAscii(file, data);
    } else if (data.length >= 84) {
      long count = ByteBuffer.wrap(data, 80, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
      throw new ModelFileException(file, "binary STL size mismatch (truncated?), triangles=" + count
          + ", expectedBytes=" + (84 + 50 * count) + ", fileBytes=" + data.length);
    } else {
      throw new ModelFileException(file, "not an STL file, fileBytes=" + data.length);
    }
    LOG.debug("mesh read, format=stl, file={}, mesh={}", file, mesh);
    return mesh;
  }

  private static boolean isBinary(byte[] d) {
    if (d.length < 84) {
      return false;
    }
    long count = ByteBuffer.wrap(d, 80, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
    return 84 + 50 * count == d.length;
  }

  private static boolean startsWithSolid(byte[] d) {
    int p = 0;
    while (p < d.length && Character.isWhitespace(d[p])) {
      p++;
    }
    return d.length - p >= 5 && new String(d, p, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("solid");
  }

  private static TriangleMesh readBinary(Path file, byte[] d) {
    ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
    int count = b.getInt(80);
    GrowableArrays.WeldedVertices verts = new GrowableArrays.WeldedVertices();
    int[] tris = new int[count * 3];
    int pos = 84;
    for (int t = 0; t < count; t++) {
      pos += 12; // facet normal
      for (int k = 0; k < 3; k++) {
        tris[3 * t + k] = verts.add(b.getFloat(pos), b.getFloat(pos + 4), b.getFloat(pos + 8));
        pos += 12;
      }
      pos += 2; // attribute byte count
    }
    return TriangleMesh.of(verts.toArray(), tris);
  }

  private static TriangleMesh readAscii(Path file, byte[] d) throws ModelFileException {
    AsciiTokens tok = new AsciiTokens(file, d);
    GrowableArrays.WeldedVertices verts = new GrowableArrays.WeldedVertices();
    GrowableArrays.Ints tris = new GrowableArrays.Ints();
    int corners = 0;
    String t;
    while ((t = tok.next()) != null) {
      switch (t) {
        case "solid":
          tok.skipLine();
          break;
        case "vertex":
          float x = (float) tok.nextDouble("vertex x");
          float y = (float) tok.nextDouble("vertex y");
          float z = (float) tok.nextDouble("vertex z");
          tris.add(verts.add(x, y, z));
          corners++;
          break;
        case "endloop":
          if (corners != 3) {
            throw new ModelFileException(file, "STL facet with " + corners + " vertices, line=" + tok.line()
                + " (only triangles are allowed)");
          }
          corners = 0;
          break;
        case "facet":
        case "endsolid":
          tok.skipLine();
          break;
        case "outer":
          tok.expect("loop");
          break;
        case "endfacet":
          break;
        default:
          throw new ModelFileException(file, "unexpected STL token='" + NrrdReader.abbreviate(t) + "', line=" + tok.line());
      }
    }
    if (corners != 0) {
      throw new ModelFileException(file, "STL ends inside a facet (truncated?), line=" + tok.line());
    }
    if (tris.size() == 0) {
      throw new ModelFileException(file, "STL holds no triangles");
    }
    return TriangleMesh.of(verts.toArray(), tris.toArray());
  }


}
