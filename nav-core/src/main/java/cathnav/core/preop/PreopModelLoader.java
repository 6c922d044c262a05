package cathnav.core.preop;

import cathnav.core.anatomy.AhaFrame;
import cathnav.core.anatomy.AhaSegment;
import cathnav.core.anatomy.AhaSegmentation;
import cathnav.core.anatomy.LvLandmarks;
import cathnav.core.anatomy.ValvePlanes;
import cathnav.core.geometry.Vec3;
import cathnav.core.model.MeshArray;
import cathnav.core.model.Meshes;
import cathnav.core.model.ModelFileException;
import cathnav.core.model.TriangleMesh;
import cathnav.core.model.Volume;
import cathnav.core.model.Volumes;
import cathnav.core.model.VtkPolyDataReader;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@link PreopModel} from a model description ({@code model.json}, or a directory holding one). Paths are
 * relative to the description's folder. Blocking: call it on a worker thread.
 *
 * <pre>
 * {
 *   "name": "case01",                          (default: the folder name)
 *   "frame": "RAS" | "LPS",                    frame of the mesh and centreline files (volumes carry their own)
 *   "meshTransform": [16 numbers],             optional row-major 4x4 affine applied (after the frame conversion) to
 *                                              every mesh, valve cap, mitral point and vein: places meshes from
 *                                              another frame in the CT's RAS frame (see cathnav.core.preop.fit)
 *   "ct": "ct.nii.gz",                         optional
 *   "heartMask": "heart_mask.nii.gz",          optional, with the CT: the whole heart (non-zero inside)
 *   "heartBackgroundHu": -400,                 optional: what fills the space the heart leaves when it moves
 *   "lvEndocardium": MESH, "lvEpicardium": MESH,   at least one
 *   "rv": MESH,                                the RV free wall or myocardium (for the RV insertions)
 *   "mitralValve": "caps.stl" | [x, y, z],     valve caps (largest disc is mitral) or the mitral centre
 *   "anteriorHint": [0, 1, 1],                 RAS direction separating the anterior from the inferior insertion
 *   "ahaLandmarks": {"apex": [..], "mitralCentre": [..], "anteriorInsertion": [..], "inferiorInsertion": [..]},
 *                                              instead of rv/mitralValve detection (RAS, the CT's frame: not moved by
 *                                              meshTransform; the septum is the shorter arc between the insertions)
 *   "apicalCap": 0.1, "contactMm": 1.5,        optional detection settings
 *   "veins": [{"name": "CS", "file": "cs.vtk"} | {"name": "CS", "points": [[x, y, z], ...]}],
 *   "target": 11                               optional AHA segment 1..17
 * }
 * MESH = "file" | {"file": "file", "select": {"pointArray": "name", "equals": value}}
 * </pre>
 *
 * A {@code select} keeps the triangles whose three vertices carry that value (for example the endocardium of a
 * myocardium mesh by its transmural coordinate). Vein files are legacy VTK polylines (LINES cells). Every problem
 * is a {@link ModelFileException} naming the description (or the file it points to) and the field.
 */
public final class PreopModelLoader {

  private static final Logger LOG = LoggerFactory.getLogger(PreopModelLoader.class);

  /** The description's name when a directory is given. */
  public static final String DESCRIPTION = "model.json";

  private PreopModelLoader() {}

  public static PreopModel load(Path descriptionOrDirectory) throws ModelFileException {
    Path file = Files.isDirectory(descriptionOrDirectory)
        ? descriptionOrDirectory.resolve(DESCRIPTION) : descriptionOrDirectory;
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(file));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ModelFileException(file, "model description not found", e);
    } catch (IOException e) {
      throw new ModelFileException(file, "read failed, " + e, e);
    } catch (DecodeException e) {
      throw new ModelFileException(file, "not valid JSON, " + e.getMessage(), e);
    }
    try {
      return build(file, json);
    } catch (ClassCastException e) {
      throw new ModelFileException(file, "a field has the wrong JSON type, " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(file, e.getMessage(), e);
    }
  }

  private static PreopModel build(Path file, JsonObject json) throws ModelFileException {
    Path dir = file.toAbsolutePath().getParent();
    String name = json.getString("name", dir.getFileName() == null ? "model" : dir.getFileName().toString());
    String frame = json.getString("frame", "RAS").toUpperCase(Locale.ROOT);
    if (!frame.equals("RAS") && !frame.equals("LPS")) {
      throw new ModelFileException(file, "field=frame must be RAS or LPS, value=" + frame);
    }
    double[] place = meshTransform(file, json, frame.equals("LPS"));
    Volume ct = json.containsKey("ct") ? Volumes.read(dir.resolve(json.getString("ct"))) : null;
    TriangleMesh endo = mesh(file, dir, json, "lvEndocardium", place);
    TriangleMesh epi = mesh(file, dir, json, "lvEpicardium", place);
    if (endo == null && epi == null) {
      throw new ModelFileException(file, "field=lvEndocardium or lvEpicardium is required");
    }
    TriangleMesh rv = mesh(file, dir, json, "rv", place);
    TriangleMesh surface = epi != null ? epi : endo;
    double apicalCap = json.getDouble("apicalCap", AhaFrame.DEFAULT_APICAL_CAP);

    AhaFrame ahaFrame;
    if (json.containsKey("ahaLandmarks")) {
      JsonObject l = json.getJsonObject("ahaLandmarks");
      ahaFrame = frameFromLandmarks(point(file, l, "apex"), point(file, l, "mitralCentre"),
          point(file, l, "anteriorInsertion"), point(file, l, "inferiorInsertion"), apicalCap);
    } else {
      if (rv == null) {
        throw new ModelFileException(file, "field=rv is required to find the RV insertions (or give ahaLandmarks)");
      }
      Vec3 mitral = mitralCentre(file, dir, json, place);
      Vec3 hint = json.containsKey("anteriorHint") ? point(file, json, "anteriorHint") : new Vec3(0, 1, 1);
      double contact = json.getDouble("contactMm", LvLandmarks.DEFAULT_CONTACT_MM);
      ahaFrame = LvLandmarks.detect(surface, mitral, rv, hint, contact, apicalCap).frame();
    }
    AhaSegmentation segments = AhaSegmentation.of(surface, ahaFrame);
    List<Centreline> veins = veins(file, dir, json, place);
    AhaSegment target = null;
    if (json.containsKey("target")) {
      int t = json.getInteger("target");
      if (t < 1 || t > 17) {
        throw new ModelFileException(file, "field=target must be an AHA segment 1..17, value=" + t);
      }
      target = AhaSegment.of(t);
    }
    HeartRegion heart = heartRegion(file, dir, json, ct);
    PreopModel model = new PreopModel(name, ct, endo, epi, rv, ahaFrame, segments, veins, target, heart);
    LOG.info("pre-op model loaded, name={}, file={}, ct={}, heartMask={}, lvTriangles={}, veins={}, target={}", name,
        file, ct, heart == null ? "none" : heart.mask(), surface.triangleCount(), veins.size(), target);
    return model;
  }

  private static HeartRegion heartRegion(Path file, Path dir, JsonObject json, Volume ct) throws ModelFileException {
    if (!json.containsKey("heartMask")) {
      return null;
    }
    if (ct == null) {
      throw new ModelFileException(file, "field=heartMask needs field=ct (the mask is the CT's heart region)");
    }
    double background = json.getDouble("heartBackgroundHu", HeartRegion.DEFAULT_BACKGROUND_HU);
    if (!(background >= -1000 && background <= 3000)) {
      throw new ModelFileException(file, "field=heartBackgroundHu must be in [-1000, 3000], value=" + background);
    }
    return new HeartRegion(Volumes.read(dir.resolve(json.getString("heartMask"))), background);
  }

  private static TriangleMesh mesh(Path file, Path dir, JsonObject json, String field, double[] place)
      throws ModelFileException {
    Object spec = json.getValue(field);
    if (spec == null) {
      return null;
    }
    TriangleMesh m;
    if (spec instanceof String s) {
      m = Meshes.read(dir.resolve(s));
    } else if (spec instanceof JsonObject o) {
      String f = o.getString("file");
      if (f == null) {
        throw new ModelFileException(file, "field=" + field + ".file is required");
      }
      m = Meshes.read(dir.resolve(f));
      JsonObject sel = o.getJsonObject("select");
      if (sel != null) {
        m = select(file, field, m, sel);
      }
    } else {
      throw new ModelFileException(file, "field=" + field + " must be a file name or an object with a file");
    }
    return place == null ? m : m.transformed(place);
  }

  /**
   * The affine from file coordinates to RAS: the LPS conversion when {@code lps}, then {@code meshTransform} when
   * given; null when both are the identity.
   */
  private static double[] meshTransform(Path file, JsonObject json, boolean lps) throws ModelFileException {
    double[] frame = lps ? new double[] {-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1} : null;
    JsonArray a = json.getJsonArray("meshTransform");
    if (a == null) {
      return frame;
    }
    if (a.size() != 16) {
      throw new ModelFileException(file, "field=meshTransform must hold 16 numbers (row-major 4x4), size=" + a.size());
    }
    double[] m = new double[16];
    for (int i = 0; i < 16; i++) {
      m[i] = a.getDouble(i);
      if (!Double.isFinite(m[i])) {
        throw new ModelFileException(file, "field=meshTransform[" + i + "] must be finite");
      }
    }
    if (m[12] != 0 || m[13] != 0 || m[14] != 0 || m[15] != 1) {
      throw new ModelFileException(file, "field=meshTransform bottom row must be 0 0 0 1");
    }
    if (frame == null) {
      return m;
    }
    double[] c = new double[16];
    for (int r = 0; r < 4; r++) {
      for (int col = 0; col < 4; col++) {
        for (int k = 0; k < 4; k++) {
          c[4 * r + col] += m[4 * r + k] * frame[4 * k + col];
        }
      }
    }
    return c;
  }

  private static float[] placePoints(float[] xyz, double[] place) {
    if (place == null) {
      return xyz;
    }
    float[] out = new float[xyz.length];
    for (int i = 0; i < xyz.length; i += 3) {
      double x = xyz[i];
      double y = xyz[i + 1];
      double z = xyz[i + 2];
      for (int r = 0; r < 3; r++) {
        out[i + r] = (float) (place[4 * r] * x + place[4 * r + 1] * y + place[4 * r + 2] * z + place[4 * r + 3]);
      }
    }
    return out;
  }

  private static TriangleMesh select(Path file, String field, TriangleMesh m, JsonObject sel) throws ModelFileException {
    String arrayName = sel.getString("pointArray");
    Double equals = sel.getDouble("equals");
    if (arrayName == null || equals == null) {
      throw new ModelFileException(file, "field=" + field + ".select needs pointArray and equals");
    }
    MeshArray a = m.pointArrays().get(arrayName);
    if (a == null) {
      throw new ModelFileException(file, "field=" + field + ".select.pointArray not in the mesh, name=" + arrayName
          + ", arrays=" + m.pointArrays().keySet());
    }
    boolean[] keep = new boolean[m.triangleCount()];
    int kept = 0;
    int[] t = m.triangles();
    for (int i = 0; i < keep.length; i++) {
      keep[i] = a.value(t[3 * i], 0) == equals && a.value(t[3 * i + 1], 0) == equals
          && a.value(t[3 * i + 2], 0) == equals;
      kept += keep[i] ? 1 : 0;
    }
    if (kept == 0) {
      throw new ModelFileException(file, "field=" + field + ".select keeps no triangle, pointArray=" + arrayName
          + ", equals=" + equals);
    }
    return m.subset(keep);
  }

  private static Vec3 mitralCentre(Path file, Path dir, JsonObject json, double[] place) throws ModelFileException {
    Object v = json.getValue("mitralValve");
    if (v instanceof String s) {
      TriangleMesh caps = Meshes.read(dir.resolve(s));
      return ValvePlanes.fromCaps(place == null ? caps : caps.transformed(place)).mitralCentre();
    }
    if (v instanceof JsonArray) {
      Vec3 p = point(file, json, "mitralValve");
      if (place == null) {
        return p;
      }
      double[] q = new double[3];
      for (int r = 0; r < 3; r++) {
        q[r] = place[4 * r] * p.x() + place[4 * r + 1] * p.y() + place[4 * r + 2] * p.z() + place[4 * r + 3];
      }
      return new Vec3(q[0], q[1], q[2]);
    }
    throw new ModelFileException(file, "field=mitralValve is required: a valve caps file or the mitral centre [x, y, z]");
  }

  private static List<Centreline> veins(Path file, Path dir, JsonObject json, double[] place)
      throws ModelFileException {
    List<Centreline> out = new ArrayList<>();
    JsonArray veins = json.getJsonArray("veins");
    if (veins == null) {
      return out;
    }
    for (int i = 0; i < veins.size(); i++) {
      JsonObject v = veins.getJsonObject(i);
      String name = v.getString("name", "vein " + (i + 1));
      if (v.containsKey("file")) {
        Path f = dir.resolve(v.getString("file"));
        var pd = VtkPolyDataReader.readPolyData(f);
        if (pd.polylines().isEmpty()) {
          throw new ModelFileException(f, "vein file holds no LINES polyline, vein=" + name);
        }
        float[] verts = pd.mesh().vertices();
        int n = 0;
        for (int[] line : pd.polylines()) {
          if (line.length < 2) {
            continue;
          }
          float[] pts = new float[line.length * 3];
          for (int k = 0; k < line.length; k++) {
            pts[3 * k] = verts[3 * line[k]];
            pts[3 * k + 1] = verts[3 * line[k] + 1];
            pts[3 * k + 2] = verts[3 * line[k] + 2];
          }
          out.add(new Centreline(pd.polylines().size() == 1 ? name : name + " " + (++n), placePoints(pts, place)));
        }
      } else if (v.containsKey("points")) {
        JsonArray pts = v.getJsonArray("points");
        float[] p = new float[pts.size() * 3];
        for (int k = 0; k < pts.size(); k++) {
          JsonArray xyz = pts.getJsonArray(k);
          if (xyz.size() != 3) {
            throw new ModelFileException(file, "field=veins[" + i + "].points[" + k + "] must be [x, y, z]");
          }
          p[3 * k] = xyz.getDouble(0).floatValue();
          p[3 * k + 1] = xyz.getDouble(1).floatValue();
          p[3 * k + 2] = xyz.getDouble(2).floatValue();
        }
        out.add(new Centreline(name, placePoints(p, place)));
      } else {
        throw new ModelFileException(file, "field=veins[" + i + "] needs a file or points");
      }
    }
    return out;
  }

  private static Vec3 point(Path file, JsonObject o, String field) throws ModelFileException {
    JsonArray a = o.getJsonArray(field);
    if (a == null || a.size() != 3) {
      throw new ModelFileException(file, "field=" + field + " must be [x, y, z]");
    }
    Vec3 p = new Vec3(a.getDouble(0), a.getDouble(1), a.getDouble(2));
    if (!Double.isFinite(p.x() + p.y() + p.z())) {
      throw new ModelFileException(file, "field=" + field + " must be finite");
    }
    return p;
  }

  /**
   * An AHA frame from explicit landmarks (RAS): the septum is taken as the shorter arc between the insertions.
   */
  static AhaFrame frameFromLandmarks(Vec3 apex, Vec3 mitral, Vec3 anteriorInsertion, Vec3 inferiorInsertion,
      double apicalCap) {
    Vec3 u = mitral.minus(apex).normalized();
    Vec3 a = perp(anteriorInsertion.minus(apex), u);
    Vec3 i = perp(inferiorInsertion.minus(apex), u);
    Vec3 septal = u.cross(a);
    if (i.dot(septal) < 0) {
      septal = septal.times(-1);
    }
    double arc = Math.toDegrees(Math.atan2(i.dot(septal), i.dot(a)));
    return new AhaFrame(apex, mitral, a, septal, arc, apicalCap);
  }

  private static Vec3 perp(Vec3 v, Vec3 u) {
    Vec3 p = v.minus(u.times(v.dot(u)));
    if (!(p.norm() > 1e-6)) {
      throw new IllegalArgumentException("RV insertion lies on the LV long axis, point offset=" + v);
    }
    return p.normalized();
  }
}
