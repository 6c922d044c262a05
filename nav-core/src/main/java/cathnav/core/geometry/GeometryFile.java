package cathnav.core.geometry;

import cathnav.gpu.Projection;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code *.geom.json} format (DESIGN.md):
 *
 * <pre>
 * {"width": W, "height": H, "pixelSpacing": [su, sv],          required (pixels, mm)
 *  "P": [[4 values], [4 values], [4 values]],                  when present it rules
 *  "primaryAngle": a, "secondaryAngle": b,                     degrees, LAO+ / CRAN+
 *  "sid": mm, "sod": mm, "isocenter": [x, y, z],               RAS mm (isocenter defaults to the origin)
 *  "principalPoint": [u, v]}                                   pixels (defaults to the detector centre)
 * </pre>
 *
 * Without {@code P}, the four C-arm fields {@code primaryAngle, secondaryAngle, sid, sod} are required and
 * {@code P} is computed from them ({@link CArmGeometry}). Unknown fields are ignored. Stateless and thread-safe.
 */
public final class GeometryFile {

  private GeometryFile() {}

  /** Reads and validates a geometry file; errors name the file and the field. */
  public static FrameGeometry read(Path file) throws GeometryFormatException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GeometryFormatException("cannot read geometry file, file=" + file + ", reason=" + e, e);
    }
    return parse(text, file.toString());
  }

  /** Parses geometry JSON text; {@code source} names it in errors (a file name, a peer, a message field). */
  public static FrameGeometry parse(String json, String source) throws GeometryFormatException {
    JsonObject o;
    try {
      o = new JsonObject(json);
    } catch (DecodeException e) {
      throw new GeometryFormatException("geometry is not a JSON object, source=" + source + ", reason="
          + e.getMessage(), e);
    }
    return fromJson(o, source);
  }

  /** Builds the geometry from a parsed JSON object. */
  public static FrameGeometry fromJson(JsonObject o, String source) throws GeometryFormatException {
    Fields f = new Fields(o, source);
    int width = f.positiveInt("width");
    int height = f.positiveInt("height");
    double[] spacing = f.numbers("pixelSpacing", 2, true);
    if (!(spacing[0] > 0) || !(spacing[1] > 0)) {
      throw f.error("pixelSpacing", "must be two positive numbers");
    }
    Double alpha = f.optionalNumber("primaryAngle");
    Double beta = f.optionalNumber("secondaryAngle");
    Double sid = f.optionalNumber("sid");
    Double sod = f.optionalNumber("sod");
    double[] iso = f.numbers("isocenter", 3, false);
    double[] principal = f.numbers("principalPoint", 2, false);

    CArmGeometry carm = null;
    List<String> missing = new ArrayList<>();
    if (alpha == null) missing.add("primaryAngle");
    if (beta == null) missing.add("secondaryAngle");
    if (sid == null) missing.add("sid");
    if (sod == null) missing.add("sod");
    if (missing.isEmpty()) {
      try {
        carm = new CArmGeometry(alpha, beta, sid, sod, width, height, spacing[0], spacing[1],
            principal != null ? principal[0] : (width - 1) / 2.0,
            principal != null ? principal[1] : (height - 1) / 2.0,
            iso != null ? Vec3.of(iso) : Vec3.ZERO);
      } catch (IllegalArgumentException e) {
        throw new GeometryFormatException("invalid C-arm fields, source=" + source + ", reason=" + e.getMessage(), e);
      }
    }

    Projection projection;
    if (o.containsKey("P")) {
      double[] p = f.matrix3x4("P");
      projection = new Projection(width, height, p);
      try {
        new ProjectionGeometry(projection);
      } catch (IllegalArgumentException e) {
        throw f.error("P", "is not a projection matrix (" + e.getMessage() + ")");
      }
    } else if (carm != null) {
      projection = carm.toProjection();
    } else {
      throw new GeometryFormatException("geometry has no P and lacks C-arm fields to compute it, source=" + source
          + ", missing=" + missing);
    }
    return new FrameGeometry(projection, spacing[0], spacing[1], carm);
  }

  /** The JSON form: always width, height, pixelSpacing and P; the C-arm fields when known. */
  public static JsonObject toJson(FrameGeometry g) {
    JsonObject o = new JsonObject()
        .put("width", g.width())
        .put("height", g.height())
        .put("pixelSpacing", new JsonArray().add(g.pixelSpacingU()).add(g.pixelSpacingV()));
    JsonArray rows = new JsonArray();
    for (int r = 0; r < 3; r++) {
      JsonArray row = new JsonArray();
      for (int c = 0; c < 4; c++) {
        row.add(g.projection().get(r, c));
      }
      rows.add(row);
    }
    o.put("P", rows);
    g.knownCArm().ifPresent(c -> o
        .put("primaryAngle", c.primaryAngleDeg())
        .put("secondaryAngle", c.secondaryAngleDeg())
        .put("sid", c.sidMm())
        .put("sod", c.sodMm())
        .put("isocenter", new JsonArray().add(c.isocenter().x()).add(c.isocenter().y()).add(c.isocenter().z()))
        .put("principalPoint", new JsonArray().add(c.principalU()).add(c.principalV())));
    return o;
  }

  /** Writes {@code g} to {@code file} through a temporary sibling, so a failed write leaves no partial file. */
  public static void write(FrameGeometry g, Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, toJson(g).encodePrettily(), StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Typed field access with errors that name the source and field. */
  private record Fields(JsonObject o, String source) {

    GeometryFormatException error(String field, String what) {
      return new GeometryFormatException("bad geometry field, source=" + source + ", field=" + field + ": " + what
          + ", value=" + o.getValue(field));
    }

    int positiveInt(String field) throws GeometryFormatException {
      Object v = o.getValue(field);
      if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1
          || n.doubleValue() > Integer.MAX_VALUE) {
        throw error(field, v == null ? "is required (a positive integer)" : "must be a positive integer");
      }
      return n.intValue();
    }

    Double optionalNumber(String field) throws GeometryFormatException {
      Object v = o.getValue(field);
      if (v == null) {
        return null;
      }
      if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw error(field, "must be a finite number");
      }
      return n.doubleValue();
    }

    double[] numbers(String field, int count, boolean required) throws GeometryFormatException {
      Object v = o.getValue(field);
      if (v == null) {
        if (required) {
          throw error(field, "is required (an array of " + count + " numbers)");
        }
        return null;
      }
      if (!(v instanceof JsonArray a) || a.size() != count) {
        throw error(field, "must be an array of " + count + " numbers");
      }
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        if (!(a.getValue(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
          throw error(field, "element " + i + " must be a finite number");
        }
        out[i] = n.doubleValue();
      }
      return out;
    }

    double[] matrix3x4(String field) throws GeometryFormatException {
      Object v = o.getValue(field);
      if (!(v instanceof JsonArray rows) || rows.size() != 3) {
        throw error(field, "must be 3 rows of 4 numbers");
      }
      double[] p = new double[12];
      for (int r = 0; r < 3; r++) {
        if (!(rows.getValue(r) instanceof JsonArray row) || row.size() != 4) {
          throw error(field, "row " + r + " must have 4 numbers");
        }
        for (int c = 0; c < 4; c++) {
          if (!(row.getValue(c) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw error(field, "element [" + r + "][" + c + "] must be a finite number");
          }
          p[r * 4 + c] = n.doubleValue();
        }
      }
      return p;
    }
  }
}
