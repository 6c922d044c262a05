package cathnav.core.registration.bench;

import cathnav.core.registration.RegistrationEvidence;
import io.vertx.core.json.JsonObject;

/**
 * One registration bench case and its outcome.
 *
 * @param index case number
 * @param primaryAngleDeg view, LAO positive
 * @param secondaryAngleDeg view, CRAN positive
 * @param startTranslationMm size of the start's translation offset from the truth (at the model centre), mm
 * @param startRotationDeg size of the start's rotation offset, degrees
 * @param startMtreMm mean target registration error of the start over the heart points, mm
 * @param finalMtreMm mTRE of the result, mm
 * @param projectionErrorMm mean 2D distance between the heart points projected with the result and with the
 *     truth, in mm at the isocentre
 * @param similarity the result's final similarity
 * @param confidence the result's calibrated confidence
 * @param timeMs registration wall time, ms
 * @param evaluations poses scored
 * @param unattenuatedCounts the frame's mean count of an unattenuated pixel (its noise level); NaN in JSON from
 *     before it was recorded
 * @param gain the frame's detector gain; NaN when not recorded
 * @param lead whether a pacing lead was drawn into the frame
 * @param trackingUpdate whether the case ran the bounded tracking update instead of a full registration
 * @param evidence what the frame says about the result ({@link RegistrationEvidence}); {@code null} when not
 *     recorded
 */
public record BenchCase(
    int index,
    double primaryAngleDeg,
    double secondaryAngleDeg,
    double startTranslationMm,
    double startRotationDeg,
    double startMtreMm,
    double finalMtreMm,
    double projectionErrorMm,
    double similarity,
    double confidence,
    double timeMs,
    int evaluations,
    double unattenuatedCounts,
    double gain,
    boolean lead,
    boolean trackingUpdate,
    RegistrationEvidence evidence) {

  /** Success threshold on the final mTRE, mm. */
  public static final double SUCCESS_MTRE_MM = 2.0;

  public boolean success() {
    return finalMtreMm < SUCCESS_MTRE_MM;
  }

  /** Reads a case written by {@link #toJson()}. */
  public static BenchCase fromJson(JsonObject o) {
    return new BenchCase(o.getInteger("index"), o.getDouble("primaryAngle"), o.getDouble("secondaryAngle"),
        o.getDouble("startTranslationMm"), o.getDouble("startRotationDeg"), o.getDouble("startMtreMm"),
        o.getDouble("finalMtreMm"), o.getDouble("projectionErrorMm"), o.getDouble("similarity"),
        o.getDouble("confidence"), o.getDouble("timeMs"), o.getInteger("evaluations"),
        o.getDouble("unattenuatedCounts", Double.NaN), o.getDouble("gain", Double.NaN), o.getBoolean("lead", true),
        o.getBoolean("trackingUpdate", false),
        o.getJsonObject("evidence") == null ? null : RegistrationEvidence.fromJson(o.getJsonObject("evidence")));
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject()
        .put("index", index)
        .put("primaryAngle", primaryAngleDeg)
        .put("secondaryAngle", secondaryAngleDeg)
        .put("startTranslationMm", startTranslationMm)
        .put("startRotationDeg", startRotationDeg)
        .put("startMtreMm", startMtreMm)
        .put("finalMtreMm", finalMtreMm)
        .put("projectionErrorMm", projectionErrorMm)
        .put("similarity", similarity)
        .put("confidence", confidence)
        .put("timeMs", timeMs)
        .put("evaluations", evaluations)
        .put("success", success())
        .put("unattenuatedCounts", unattenuatedCounts)
        .put("gain", gain)
        .put("lead", lead)
        .put("trackingUpdate", trackingUpdate);
    if (evidence != null) {
      o.put("evidence", evidence.toJson());
    }
    return o;
  }
}
