package cathnav.core.geometry;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pose files: a JSON object whose {@code "T"} is a rigid 4x4 (RAS to RAS) as 4 rows of 4, other fields free
 * ({@code register} writes {@code similarity}, {@code confidence}, {@code timeMs} beside it). Stateless.
 */
public final class TransformFile {

  private TransformFile() {}

  /** Reads {@code "T"} from a pose file and checks that it is rigid; errors name the file. */
  public static RigidTransform read(Path file) throws GeometryFormatException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GeometryFormatException("cannot read pose file, file=" + file + ", reason=" + e, e);
    }
    JsonObject o;
    try {
      o = new JsonObject(text);
    } catch (DecodeException e) {
      throw new GeometryFormatException("pose file is not a JSON object, file=" + file + ", reason=" + e.getMessage(), e);
    }
    return fromJson(o, file.toString());
  }

  /** Reads {@code "T"} from a parsed object; {@code source} names it in errors. */
  public static RigidTransform fromJson(JsonObject o, String source) throws GeometryFormatException {
    Object v = o.getValue("T");
    if (!(v instanceof JsonArray rows) || rows.size() != 4) {
      throw new GeometryFormatException("pose needs \"T\" as 4 rows of 4 numbers, source=" + source + ", T=" + v);
    }
    double[][] m = new double[4][4];
    for (int r = 0; r < 4; r++) {
      if (!(rows.getValue(r) instanceof JsonArray row) || row.size() != 4) {
        throw new GeometryFormatException("pose row " + r + " must have 4 numbers, source=" + source);
      }
      for (int c = 0; c < 4; c++) {
        if (!(row.getValue(c) instanceof Number n)) {
          throw new GeometryFormatException("pose element [" + r + "][" + c + "] must be a number, source=" + source);
        }
        m[r][c] = n.doubleValue();
      }
    }
    try {
      return RigidTransform.ofRows(m).checkedRigid();
    } catch (IllegalArgumentException e) {
      throw new GeometryFormatException("pose is not rigid, source=" + source + ", reason=" + e.getMessage(), e);
    }
  }

  /** {@code T} as 4 rows of 4. */
  public static JsonArray toJson(RigidTransform t) {
    JsonArray rows = new JsonArray();
    for (double[] r : t.rows()) {
      JsonArray row = new JsonArray();
      for (double x : r) {
        row.add(x);
      }
      rows.add(row);
    }
    return rows;
  }
}
