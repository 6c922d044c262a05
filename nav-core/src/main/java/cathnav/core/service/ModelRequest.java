package cathnav.core.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where to load a patient model from: a pre-operative model description ({@code model.json} or its folder, read
 * by {@link PreopModelAdapter}), or the plain files.
 *
 * @param description the model description, or null to load {@code ct}, {@code leftVentricle} and {@code veins}
 * @param ct the CT volume (NIfTI, NRRD, MetaImage), or null to load the meshes only (no registration data)
 * @param leftVentricle the LV surface mesh (STL, PLY, VTK, OBJ)
 * @param veins vein centreline files, may be empty
 * @param targetSegment the target AHA segment, 1..17, or 0 for none
 */
public record ModelRequest(Path description, Path ct, Path leftVentricle, List<Path> veins, int targetSegment) {

  public ModelRequest {
    if (description == null) {
      Objects.requireNonNull(leftVentricle, "leftVentricle");
    }
    veins = List.copyOf(veins);
    if (targetSegment < 0 || targetSegment > 17) {
      throw new IllegalArgumentException("target segment must be 1..17 (0 none), target=" + targetSegment);
    }
  }

  /**
   * Reads {@code {"model": "case/model.json"}} (a pre-operative model description, with an optional
   * {@code "target"}) or {@code {"ct": "...", "lv": "...", "veins": ["..."], "target": 12}} ({@code lv} required).
   *
   * @throws IllegalArgumentException naming the key that is missing or wrong
   */
  public static ModelRequest fromJson(JsonObject json) {
    Object description = json.getValue("model");
    if (description != null) {
      if (!(description instanceof String d) || d.isBlank()) {
        throw new IllegalArgumentException("\"model\" must be a model description file or folder, got "
            + description);
      }
      return new ModelRequest(Path.of(d), null, null, List.of(), target(json));
    }
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
    return new ModelRequest(null, ct == null ? null : Path.of((String) ct), Path.of(s), veins, target(json));
  }

  private static int target(JsonObject json) {
    Object target = json.getValue("target", 0);
    if (!(target instanceof Number n) || n.doubleValue() != n.intValue()) {
      throw new IllegalArgumentException("\"target\" must be an AHA segment number 1..17, got target=" + target);
    }
    return n.intValue();
  }
}
