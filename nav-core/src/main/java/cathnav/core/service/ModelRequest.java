package cathnav.core.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where to load a patient model from.
 *
 * @param ct the CT volume (NIfTI, NRRD, MetaImage), or null to load the meshes only (no registration data)
 * @param leftVentricle the LV surface mesh (STL, PLY, VTK, OBJ)
 * @param veins vein centreline files, may be empty
 * @param targetSegment the target AHA segment, 1..17, or 0 for none
 */
public record ModelRequest(Path ct, Path leftVentricle, List<Path> veins, int targetSegment) {

  public ModelRequest {
    Objects.requireNonNull(leftVentricle, "leftVentricle");
    veins = List.copyOf(veins);
    if (targetSegment < 0 || targetSegment > 17) {
      throw new IllegalArgumentException("target segment must be 1..17 (0 none), target=" + targetSegment);
    }
  }

  /**
   * Reads {@code {"ct": "...", "lv": "...", "veins": ["..."], "target": 12}}; {@code lv} is required.
   *
   * @throws IllegalArgumentException naming the key that is missing or wrong
   */
  public static ModelRequest fromJson(JsonObject json) {
    Object lv = json.getValue("lv");
    if (!(lv instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException("model request needs \"lv\": the LV mesh file, got lv=" + lv);
    }
    Object ct = json.getValue("ct");
    if (ct != null && !(ct instanceof String)) {
      throw new IllegalArgumentException("\"ct\" must be a file name, got ct=" + ct);
    }
    List<Path> veins = new ArrayList<>();
    Object v = json.getValue("veins");
    if (v instanceof JsonArray a) {
      for (Object o : a) {
        if (!(o instanceof String f)) {
          throw new IllegalArgumentException("\"veins\" must list file names, got " + o);
        }
        veins.add(Path.of(f));
      }
    } else if (v != null) {
      throw new IllegalArgumentException("\"veins\" must be an array of file names, got veins=" + v);
    }
    Object target = json.getValue("target", 0);
    if (!(target instanceof Number n) || n.doubleValue() != n.intValue()) {
      throw new IllegalArgumentException("\"target\" must be an AHA segment number 1..17, got target=" + target);
    }
    return new ModelRequest(ct == null ? null : Path.of((String) ct), Path.of(s), veins, n.intValue());
  }
}
