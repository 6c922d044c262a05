package cathnav.sim.scenario;

import cathnav.core.geometry.Vec3;
import cathnav.sim.detector.BitDepth;
import cathnav.sim.motion.CardiacMotion;
import cathnav.sim.motion.RespiratoryMotion;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a scenario JSON file. Every problem is reported as a {@link ScenarioFormatException} naming the file and the
 * field ({@code events[2].atS}); paths inside the file are relative to its folder. An example:
 *
 * <pre>{@code
 * {"name": "lv-lead", "durationS": 10, "fps": 15, "doseNGy": 30, "bits": 12, "noise": true, "seed": 1,
 *  "anatomy": {"ct": "thorax.nii.gz", "heartMask": "heart_mask.nii.gz"},     // or {"phantom": {"spacingMm": 1.5}}
 *  "detector": {"width": 512, "height": 512, "pixelSpacingMm": 0.6, "sidMm": 1100, "sodMm": 750},
 *  "carm": {"primaryAngle": 30, "secondaryAngle": 0},                      // "isocenter": [x, y, z] optional
 *  "respiration": {"amplitudeMm": 12, "periodS": 4, "direction": [0, 0.3, -0.95]},     // direction: RAS, any length
 *  "cardiac": {"heartRateBpm": 72, "amplitudeMm": 6},
 *  "leadInsertionMm": 150, "csCatheterInsertionMm": 0,
 *  "events": [
 *    {"type": "carm", "atS": 2, "durationS": 1.5, "primaryAngle": -30, "secondaryAngle": 10},
 *    {"type": "table", "atS": 4, "durationS": 1, "offsetMm": [0, 0, 20]},
 *    {"type": "lead", "atS": 1, "durationS": 8, "insertionMm": 320},
 *    {"type": "csCatheter", "atS": 0, "durationS": 2, "insertionMm": 200},
 *    {"type": "contrast", "atS": 5, "durationS": 3, "peak": 1.0},
 *    {"type": "fps", "atS": 6, "fps": 7.5}, {"type": "heartRate", "atS": 5, "bpm": 90},
 *    {"type": "dose", "atS": 7, "doseNGy": 60}, {"type": "breathHold", "atS": 8, "hold": true}]}
 * }</pre>
 */
public final class ScenarioReader {

  private static final Set<String> EVENT_TYPES =
      Set.of("carm", "table", "lead", "csCatheter", "contrast", "fps", "heartRate", "dose", "breathHold");

  private ScenarioReader() {}

  /** Reads and validates {@code file}. */
  public static Scenario read(Path file) throws ScenarioFormatException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioFormatException("cannot read scenario, file=" + file + ", error=" + e.getMessage(), e);
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), base);
  }

  /** Parses scenario JSON; {@code source} names it in errors, {@code base} resolves relative paths. */
  public static Scenario parse(String json, String source, Path base) throws ScenarioFormatException {
    JsonObject o;
    try {
      o = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw new ScenarioFormatException("scenario is not a JSON object, file=" + source + ", error=" + e.getMessage());
    }
    Fields f = new Fields(source);
    JsonObject anatomy = f.object(o, "anatomy", false);
    Path ct = null;
    Path mask = null;
    double phantomSpacing = 1.5;
    if (anatomy != null && anatomy.containsKey("ct")) {
      ct = base.resolve(f.string(anatomy, "anatomy.ct"));
      if (anatomy.containsKey("heartMask")) {
        mask = base.resolve(f.string(anatomy, "anatomy.heartMask"));
      }
    } else if (anatomy != null && anatomy.containsKey("phantom")) {
      JsonObject p = f.object(anatomy, "phantom", true);
      phantomSpacing = f.number(p, "spacingMm", 1.5, 0.5, 5, "anatomy.phantom.");
    }
    double duration = f.number(o, "durationS", 10, 1e-3, 24 * 3600, "");
    double fps = f.number(o, "fps", 15, 0.1, 1000, "");
    long seed = (long) f.number(o, "seed", 1, -Long.MAX_VALUE, Long.MAX_VALUE, "");
    int bits = (int) f.number(o, "bits", 12, 8, 16, "");
    if (bits != 8 && bits != 12 && bits != 16) {
      throw f.error("bits", "must be 8, 12 or 16, value=" + bits);
    }
    boolean noise = o.getValue("noise") == null || f.bool(o, "noise");
    double dose = f.number(o, "doseNGy", 30, 1e-3, 1e6, "");
    JsonObject det = f.object(o, "detector", false);
    det = det == null ? new JsonObject() : det;
    int width = (int) f.number(det, "width", 512, 16, 4096, "detector.");
    int height = (int) f.number(det, "height", 512, 16, 4096, "detector.");
    double spacing = f.number(det, "pixelSpacingMm", 0.6 * 512 / Math.max(width, height), 0.01, 10, "detector.");
    double sid = f.number(det, "sidMm", 1100, 100, 3000, "detector.");
    double sod = f.number(det, "sodMm", 750, 50, 3000, "detector.");
    if (!(sod < sid)) {
      throw f.error("detector.sodMm", "must be less than sidMm, sodMm=" + sod + ", sidMm=" + sid);
    }
    JsonObject carm = f.object(o, "carm", false);
    carm = carm == null ? new JsonObject() : carm;
    double primary = f.number(carm, "primaryAngle", 0, -180, 180, "carm.");
    double secondary = f.number(carm, "secondaryAngle", 0, -90, 90, "carm.");
    Vec3 iso = carm.containsKey("isocenter") ? f.vec3(carm, "isocenter", "carm.") : null;
    RespiratoryMotion resp = RespiratoryMotion.TYPICAL;
    JsonObject r = f.object(o, "respiration", false);
    if (r != null) {
      double[] direction = resp.direction();
      if (r.containsKey("direction")) {
        Vec3 d = f.vec3(r, "direction", "respiration.");
        if (!(d.norm() > 1e-6)) {
          throw f.error("respiration.direction", "must be a non-zero RAS direction, value=" + d);
        }
        direction = d.toArray();
      }
      resp = new RespiratoryMotion(f.number(r, "amplitudeMm", resp.amplitudeMm(), 0, 50, "respiration."),
          f.number(r, "periodS", resp.periodS(), 0.5, 30, "respiration."), direction);
    }
    CardiacMotion card = CardiacMotion.TYPICAL;
    JsonObject c = f.object(o, "cardiac", false);
    if (c != null) {
      card = new CardiacMotion(f.number(c, "heartRateBpm", card.heartRateBpm(), 20, 250, "cardiac."),
          f.number(c, "amplitudeMm", card.amplitudeMm(), 0, 30, "cardiac."),
          f.number(c, "twistDeg", card.twistDeg(), -20, 20, "cardiac."), card.systoleFraction(), card.direction());
    }
    double lead = f.number(o, "leadInsertionMm", 0, 0, 2000, "");
    double cs = f.number(o, "csCatheterInsertionMm", 0, 0, 2000, "");
    List<ScenarioEvent> events = new ArrayList<>();
    JsonArray ev = o.getValue("events") == null ? new JsonArray() : f.array(o, "events");
    for (int i = 0; i < ev.size(); i++) {
      String at = "events[" + i + "].";
      if (!(ev.getValue(i) instanceof JsonObject e)) {
        throw f.error("events[" + i + "]", "must be an object");
      }
      String type = f.string(e, at + "type", "type");
      if (!EVENT_TYPES.contains(type)) {
        throw f.error(at + "type", "unknown event type, value=" + type + ", expected one of " + EVENT_TYPES);
      }
      double atS = f.required(e, "atS", 0, duration * 10 + 1e6, at);
      double dur = f.number(e, "durationS", 0, 0, 3600, at);
      events.add(switch (type) {
        case "carm" -> new ScenarioEvent.CArmMove(atS, dur, f.required(e, "primaryAngle", -180, 180, at),
            f.required(e, "secondaryAngle", -90, 90, at));
        case "table" -> new ScenarioEvent.TableMove(atS, dur, f.vec3(e, "offsetMm", at).toArray());
        case "lead" -> new ScenarioEvent.LeadAdvance(atS, dur, f.required(e, "insertionMm", 0, 2000, at));
        case "csCatheter" -> new ScenarioEvent.CsCatheterAdvance(atS, dur,
            f.required(e, "insertionMm", 0, 2000, at));
        case "contrast" -> {
          if (!(dur > 0)) {
            throw f.error(at + "durationS", "a contrast injection needs a positive duration");
          }
          yield new ScenarioEvent.ContrastInjection(atS, dur, f.number(e, "peak", 1, 0, 1, at));
        }
        case "fps" -> new ScenarioEvent.FrameRate(atS, f.required(e, "fps", 0.1, 1000, at));
        case "heartRate" -> new ScenarioEvent.HeartRate(atS, f.required(e, "bpm", 20, 250, at));
        case "dose" -> new ScenarioEvent.Dose(atS, f.required(e, "doseNGy", 1e-3, 1e6, at));
        default -> new ScenarioEvent.BreathHold(atS, f.bool(e, "hold"));
      });
    }
    String name = o.getValue("name") == null ? "scenario" : f.string(o, "name", "name");
    return new Scenario(name, ct, mask, phantomSpacing, duration, fps, seed, BitDepth.of(bits), noise, dose, width,
        height, spacing, sid, sod, primary, secondary, iso, resp, card, lead, cs, events);
  }

  /** Typed field access with errors naming the file and the field. */
  private record Fields(String source) {

    ScenarioFormatException error(String field, String problem) {
      return new ScenarioFormatException("bad scenario, file=" + source + ", field=" + field + ": " + problem);
    }

    double number(JsonObject o, String key, double dflt, double min, double max, String prefix)
        throws ScenarioFormatException {
      Object v = o.getValue(key);
      if (v == null) {
        return dflt;
      }
      return check(v, key, min, max, prefix);
    }

    double required(JsonObject o, String key, double min, double max, String prefix) throws ScenarioFormatException {
      Object v = o.getValue(key);
      if (v == null) {
        throw error(prefix + key, "missing");
      }
      return check(v, key, min, max, prefix);
    }

    private double check(Object v, String key, double min, double max, String prefix)
        throws ScenarioFormatException {
      if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw error(prefix + key, "expected a number, value=" + v);
      }
      double d = n.doubleValue();
      if (d < min || d > max) {
        throw error(prefix + key, String.format(Locale.ROOT, "out of range, value=%s, min=%s, max=%s", d, min, max));
      }
      return d;
    }

    boolean bool(JsonObject o, String key) throws ScenarioFormatException {
      if (!(o.getValue(key) instanceof Boolean b)) {
        throw error(key, "expected true or false, value=" + o.getValue(key));
      }
      return b;
    }

    String string(JsonObject o, String field) throws ScenarioFormatException {
      return string(o, field, field.substring(field.lastIndexOf('.') + 1));
    }

    String string(JsonObject o, String field, String key) throws ScenarioFormatException {
      if (!(o.getValue(key) instanceof String s) || s.isBlank()) {
        throw error(field, "expected a non-empty string, value=" + o.getValue(key));
      }
      return s;
    }

    JsonObject object(JsonObject o, String key, boolean required) throws ScenarioFormatException {
      Object v = o.getValue(key);
      if (v == null && !required) {
        return null;
      }
      if (!(v instanceof JsonObject j)) {
        throw error(key, "expected an object, value=" + v);
      }
      return j;
    }

    JsonArray array(JsonObject o, String key) throws ScenarioFormatException {
      if (!(o.getValue(key) instanceof JsonArray a)) {
        throw error(key, "expected an array, value=" + o.getValue(key));
      }
      return a;
    }

    Vec3 vec3(JsonObject o, String key, String prefix) throws ScenarioFormatException {
      Object v = o.getValue(key);
      if (!(v instanceof JsonArray a) || a.size() != 3) {
        throw error(prefix + key, "expected [x, y, z] in mm, value=" + v);
      }
      double[] x = new double[3];
      for (int i = 0; i < 3; i++) {
        if (!(a.getValue(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
          throw error(prefix + key + "[" + i + "]", "expected a number, value=" + a.getValue(i));
        }
        x[i] = n.doubleValue();
      }
      return new Vec3(x[0], x[1], x[2]);
    }
  }
}
