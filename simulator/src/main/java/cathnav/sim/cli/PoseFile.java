package cathnav.sim.cli;

import cathnav.core.geometry.RigidTransform;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A pose file: the model pose {@code T} (model to RAS, rigid) as {@code {"T": [[r00, r01, r02, tx], [..], [..],
 * [0, 0, 0, 1]]}} (4 rows of 4, as the simulator's ground truth writes it) or {@code {"T": [16 values, row-major]}}.
 */
final class PoseFile {

  private PoseFile() {}

  static RigidTransform read(Path file) throws ExitCodes.InputFileException {
    try {
      JsonObject o = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      Object t = o.getValue("T");
      if (!(t instanceof JsonArray a)) {
        throw bad(file, "field T is missing or not an array");
      }
      double[] m = new double[16];
      if (a.size() == 4) {
        for (int r = 0; r < 4; r++) {
          if (!(a.getValue(r) instanceof JsonArray row) || row.size() != 4) {
            throw bad(file, "T[" + r + "] must be a row of 4 numbers");
          }
          for (int c = 0; c < 4; c++) {
            m[r * 4 + c] = number(file, row.getValue(c), "T[" + r + "][" + c + "]");
          }
        }
      } else if (a.size() == 16) {
        for (int i = 0; i < 16; i++) {
          m[i] = number(file, a.getValue(i), "T[" + i + "]");
        }
      } else {
        throw bad(file, "T must be 4 rows of 4 or 16 numbers, size=" + a.size());
      }
      try {
        return new RigidTransform(m).checkedRigid();
      } catch (IllegalArgumentException e) {
        throw bad(file, "T is not rigid: " + e.getMessage());
      }
    } catch (DecodeException | ClassCastException e) {
      throw bad(file, "not a JSON object: " + e.getMessage());
    } catch (ExitCodes.InputFileException e) {
      throw e;
    } catch (IOException e) {
      throw bad(file, "cannot read: " + e.getMessage());
    }
  }

  private static double number(Path file, Object v, String field) throws ExitCodes.InputFileException {
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw bad(file, field + " must be a finite number, value=" + v);
    }
    return n.doubleValue();
  }

  private static ExitCodes.InputFileException bad(Path file, String problem) {
    return new ExitCodes.InputFileException("bad pose file, file=" + file + ": " + problem);
  }
}
