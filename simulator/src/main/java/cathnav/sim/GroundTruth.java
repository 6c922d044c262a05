package cathnav.sim;

import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.GeometryFile;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.sim.detector.NoiseMode;
import cathnav.sim.render.HeartRendering;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * The exact truth behind one simulated frame, and how it was approximated.
 *
 * @param index frame number in the run, from 0
 * @param timestampNs acquisition time, ns (epoch-based for live runs)
 * @param timeS time since the start of the run, seconds
 * @param geometry the view: {@code P}, detector, pixel spacing, and the C-arm parameters when known
 * @param patientPose {@code T}, model to RAS: static anatomy and fiducials are drawn at {@code P T x}
 * @param heartPose heart-region pose, model to RAS ({@code T} times the heart motion): the heart, its veins and the
 *     devices in them are drawn at {@code P heartPose x}
 * @param leadTipModel pacing-lead tip in the model frame (on its route), or null when there is no lead
 * @param leadTipRas pacing-lead tip as drawn, RAS mm, or null
 * @param leadTipPixel pacing-lead tip as drawn, detector {@code {u, v}}, or null
 * @param csCatheterTipRas CS catheter tip as drawn, RAS mm, or null
 * @param fiducialPixels each fiducial bead's {@code {u, v}} ({@code P T x})
 * @param ecgPhase cardiac phase in [0, 1) from the R wave
 * @param respiratoryPhase respiratory phase in [0, 1) from end-exhale
 * @param heartRateBpm heart rate, beats per minute
 * @param doseNGy detector-entrance dose of this frame, nGy
 * @param quantaPerPixel expected detected quanta per pixel of the unattenuated beam
 * @param contrast coronary-sinus opacification in [0, 1]
 * @param heartRendering how the heart region was rendered
 * @param warpResidualPx for a warped heart, the affine fit's largest residual, pixels (0 otherwise)
 * @param heartRenderScale for a coarse ray-cast heart, the detector coarsening factor (1 otherwise)
 * @param noise which noise the frame carries
 * @param bits stored bits per pixel
 */
public record GroundTruth(
    long index,
    long timestampNs,
    double timeS,
    FrameGeometry geometry,
    RigidTransform patientPose,
    RigidTransform heartPose,
    Vec3 leadTipModel,
    Vec3 leadTipRas,
    double[] leadTipPixel,
    Vec3 csCatheterTipRas,
    List<double[]> fiducialPixels,
    double ecgPhase,
    double respiratoryPhase,
    double heartRateBpm,
    double doseNGy,
    double quantaPerPixel,
    double contrast,
    HeartRendering heartRendering,
    double warpResidualPx,
    int heartRenderScale,
    NoiseMode noise,
    int bits) {

  public GroundTruth {
    Objects.requireNonNull(geometry, "geometry");
    Objects.requireNonNull(patientPose, "patientPose");
    Objects.requireNonNull(heartPose, "heartPose");
    leadTipPixel = leadTipPixel == null ? null : leadTipPixel.clone();
    fiducialPixels = fiducialPixels.stream().map(double[]::clone).toList();
  }

  @Override
  public double[] leadTipPixel() {
    return leadTipPixel == null ? null : leadTipPixel.clone();
  }

  /** The projection matrix {@code P}, row-major 3x4. */
  public double[] projection() {
    return geometry.projection().matrix();
  }

  /** The JSON form used in sidecars and streams: geometry as in {@code *.geom.json} under {@code "geometry"}. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject()
        .put("index", index)
        .put("timestampNs", timestampNs)
        .put("timeS", timeS)
        .put("geometry", GeometryFile.toJson(geometry))
        .put("T", matrix(patientPose))
        .put("heartPose", matrix(heartPose))
        .put("ecgPhase", ecgPhase)
        .put("respiratoryPhase", respiratoryPhase)
        .put("heartRateBpm", heartRateBpm)
        .put("doseNGy", doseNGy)
        .put("quantaPerPixel", quantaPerPixel)
        .put("contrast", contrast)
        .put("heartRendering", heartRendering.name().toLowerCase(java.util.Locale.ROOT))
        .put("warpResidualPx", warpResidualPx)
        .put("heartRenderScale", heartRenderScale)
        .put("noise", noise.name().toLowerCase(java.util.Locale.ROOT))
        .put("bits", bits);
    if (leadTipRas != null) {
      o.put("leadTip", new JsonObject()
          .put("model", vec(leadTipModel))
          .put("ras", vec(leadTipRas))
          .put("pixel", new JsonArray().add(leadTipPixel[0]).add(leadTipPixel[1])));
    }
    if (csCatheterTipRas != null) {
      o.put("csCatheterTip", new JsonObject().put("ras", vec(csCatheterTipRas)));
    }
    JsonArray fid = new JsonArray();
    for (double[] p : fiducialPixels) {
      fid.add(new JsonArray().add(p[0]).add(p[1]));
    }
    o.put("fiducialPixels", fid);
    return o;
  }

  private static JsonArray vec(Vec3 v) {
    return new JsonArray().add(v.x()).add(v.y()).add(v.z());
  }

  private static JsonArray matrix(RigidTransform t) {
    JsonArray rows = new JsonArray();
    for (double[] r : t.rows()) {
      rows.add(new JsonArray().add(r[0]).add(r[1]).add(r[2]).add(r[3]));
    }
    return rows;
  }
}
