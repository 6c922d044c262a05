package cathnav.core.model;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Wavefront OBJ surfaces: {@code v x y z [w]} vertices and {@code f} faces ({@code i}, {@code i/t},
 * {@code i//n}, {@code i/t/n}; 1-based, negative indices count back from the last vertex), fan-triangulated.
 * Texture coordinates, normals, groups, materials and other statements are ignored. Stateless and thread-safe.
 */
public final class ObjReader {

  private static final Logger LOG = LoggerFactory.getLogger(ObjReader.class);

  private ObjReader() {}

  public static TriangleMesh read(Path file) throws ModelFileException {
    AsciiTokens tok = new AsciiTokens(file, MeshFiles.readAll(file));
    GrowableArrays.Floats verts = new GrowableArrays.Floats();
    GrowableArrays.Ints tris = new GrowableArrays.Ints();
    int lineNo = 0;
    while (tok.remaining() > 0) {
      lineNo++;
      String line = tok.restOfLine();
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      String[] t = line.trim().split("\\s+");
      if (t[0].equals("v")) {
        if (t.length < 4) {
          throw new ModelFileException(file, "vertex needs 3 coordinates, line=" + lineNo);
        }
        for (int a = 1; a <= 3; a++) {
          float c = (float) NrrdReader.NrrdSpace.parseDouble(file, "v (line " + lineNo + ")", t[a]);
          if (!Float.isFinite(c)) {
            throw new ModelFileException(file, "non-finite vertex coordinate, line=" + lineNo);
          }
          verts.add(c);
        }
      } else if (t[0].equals("f")) {
        if (t.length < 4) {
          throw new ModelFileException(file, "face needs at least 3 vertices, line=" + lineNo);
        }
        int nv = verts.size() / 3;
        int[] ids = new int[t.length - 1];
        for (int k = 1; k < t.length; k++) {
          String idx = t[k];
          int slash = idx.indexOf('/');
          long i = NrrdReader.longValue(file, "f (line " + lineNo + ")", slash >= 0 ? idx.substring(0, slash) : idx);
          long resolved = i > 0 ? i - 1 : nv + i;
          if (i == 0 || resolved < 0 || resolved >= nv) {
            throw new ModelFileException(file, "face refers to a missing vertex, index=" + i + ", vertices=" + nv
                + ", line=" + lineNo);
          }
          ids[k - 1] = (int) resolved;
        }
        for (int k = 1; k + 1 < ids.length; k++) {
          tris.add(ids[0]);
          tris.add(ids[k]);
          tris.add(ids[k + 1]);
        }
      }
    }
    if (tris.size() == 0) {
      throw new ModelFileException(file, "OBJ holds no faces");
    }
    TriangleMesh mesh = TriangleMesh.of(verts.toArray(), tris.toArray());
    LOG.debug("mesh read, format=obj, file={}, mesh={}", file, mesh);
    return mesh;
  }
}
