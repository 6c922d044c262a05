package cathnav.core.preop.fit;

import cathnav.core.model.AtomicFileWrite;
import cathnav.core.model.ModelFileException;
import cathnav.core.model.Volume;
import cathnav.core.model.Volumes;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A patient model made of four-chamber meshes from another patient placed in this patient's CT by
 * {@link MeshToMaskFit}: writes {@value #FIT_FILE} (the transform, its quality and the inputs' fingerprints) and a
 * {@code model.json} for {@link cathnav.core.preop.PreopModelLoader} (the CT, the LV endocardium and epicardium
 * selected from the LV myocardium by {@code uvc_transmural}, the RV myocardium, the LV valve caps, the fitted
 * {@code meshTransform}, the heart mask and the target segment). Such a model shows a plausible heart in the right
 * place, not this patient's heart: for demonstrations and tests only.
 *
 * <p>Blocking (reads files, about a second of fitting): call on a worker thread. Stateless.
 */
public final class FittedHeartModel {

  /** The fit record's file name in the output folder. */
  public static final String FIT_FILE = "mesh-fit.json";
  /** The model description's file name in the output folder. */
  public static final String MODEL_FILE = "model.json";
  /** Bumped when the fit changes, so that cached records of older fits are recomputed. */
  static final int FIT_VERSION = 3;

  private static final Logger LOG = LoggerFactory.getLogger(FittedHeartModel.class);

  private FittedHeartModel() {}

  /**
   * What a fitted model is made from.
   *
   * @param ct this patient's CT (HU)
   * @param heartMask this patient's whole-heart mask (any grid in the CT's RAS frame, non-zero inside)
   * @param meshes the other patient's four-chamber folder
   * @param meshesInLps whether the mesh files are LPS (true for the Strocchi cohort)
   */
  public record Inputs(Path ct, Path heartMask, FourChamberMeshFolder meshes, boolean meshesInLps) {

    /** A JSON fingerprint of the input files (absolute path, size, modification time) for cache checks. */
    JsonObject fingerprint() throws IOException {
      JsonObject o = new JsonObject().put("version", FIT_VERSION).put("meshesInLps", meshesInLps)
          .put("ct", file(ct)).put("heartMask", file(heartMask));
      JsonObject m = new JsonObject();
      for (String f : FourChamberMeshFolder.REQUIRED) {
        m.put(f, file(meshes.file(f)));
      }
      return o.put("meshes", m);
    }

    private static JsonObject file(Path p) throws IOException {
      return new JsonObject().put("path", p.toAbsolutePath().normalize().toString()).put("bytes", Files.size(p))
          .put("modifiedMs", Files.getLastModifiedTime(p).toMillis());
    }
  }

  /**
   * The outcome.
   *
   * @param description the written {@code model.json}
   * @param fit the transform and its quality
   * @param reused whether an earlier fit of the same inputs was reused rather than computed
   */
  public record Prepared(Path description, MeshFit fit, boolean reused) {}

  /**
   * Fits the meshes to the mask (or reuses the record in {@code outDir} when {@code reuse} and the inputs are
   * unchanged) and writes {@value #FIT_FILE} and {@value #MODEL_FILE} to {@code outDir}.
   *
   * @param target the AHA target segment written to the description, 1..17, or 0 for none
   * @throws ModelFileException an input is missing or unreadable (named), or the mask is empty
   * @throws IOException the output cannot be written
   */
  public static Prepared prepare(Inputs in, Path outDir, int target, MeshFitOptions options, boolean reuse)
      throws IOException {
    if (target < 0 || target > 17) {
      throw new IllegalArgumentException("target must be an AHA segment 1..17 or 0, target=" + target);
    }
    List<Path> missing = in.meshes().missing();
    if (!missing.isEmpty()) {
      throw new ModelFileException(missing.get(0), "four-chamber mesh file missing, missing=" + missing.size());
    }
    for (Path p : List.of(in.ct(), in.heartMask())) {
      if (!Files.isRegularFile(p)) {
        throw new ModelFileException(p, "file not found");
      }
    }
    JsonObject fingerprint = in.fingerprint();
    Path fitFile = outDir.resolve(FIT_FILE);
    Path modelFile = outDir.resolve(MODEL_FILE);
    if (reuse) {
      Optional<MeshFit> cached = cached(fitFile, fingerprint);
      if (cached.isPresent() && Files.isRegularFile(modelFile)) {
        LOG.info("mesh fit reused, file={}, transform={}, {}", fitFile, cached.get().transform(),
            cached.get().quality());
        return new Prepared(modelFile, cached.get(), true);
      }
    }
    Volume maskVolume = Volumes.read(in.heartMask());
    BinaryMask mask = BinaryMask.of(maskVolume);
    if (mask.count() == 0) {
      throw new ModelFileException(in.heartMask(), "heart mask is empty (no voxel above 0)");
    }
    MeshFit fit = MeshToMaskFit.fit(in.meshes().readFitSurfaces(in.meshesInLps()), mask, options);
    Files.createDirectories(outDir);
    writeAtomically(fitFile, fitRecord(fit, fingerprint).encodePrettily());
    writeAtomically(modelFile, description(in, fit, target).encodePrettily());
    return new Prepared(modelFile, fit, false);
  }

  /** The model description for {@link cathnav.core.preop.PreopModelLoader}. */
  static JsonObject description(Inputs in, MeshFit fit, int target) {
    String myo = abs(in.meshes().file(FourChamberMeshFolder.LV_MYOCARDIUM));
    JsonObject d = new JsonObject()
        .put("name", in.meshes().dir().getFileName() + " fitted to " + in.ct().getFileName())
        .put("note", "the meshes are another patient's heart placed in this CT by a similarity fit to its heart mask"
            + " (demonstration only)")
        .put("frame", in.meshesInLps() ? "LPS" : "RAS")
        .put("meshTransform", array(fit.transform().matrix()))
        .put("ct", abs(in.ct()))
        .put("heartMask", abs(in.heartMask()))
        .put("lvEndocardium", select(myo, 0))
        .put("lvEpicardium", select(myo, 1))
        .put("rv", abs(in.meshes().file(FourChamberMeshFolder.RV_MYOCARDIUM)))
        .put("mitralValve", abs(in.meshes().file(FourChamberMeshFolder.LV_CAPS)));
    if (target > 0) {
      d.put("target", target);
    }
    return d;
  }

  private static JsonObject select(String file, int transmural) {
    return new JsonObject().put("file", file)
        .put("select", new JsonObject().put("pointArray", "uvc_transmural").put("equals", transmural));
  }

  static JsonObject fitRecord(MeshFit fit, JsonObject fingerprint) {
    SimilarityTransform t = fit.transform();
    FitQuality q = fit.quality();
    return new JsonObject()
        .put("transform", array(t.matrix()))
        .put("scale", t.scale())
        .put("rotationDegrees", t.rotationAngleDegrees())
        .put("translationMm", array(t.translation()))
        .put("start", fit.start()).put("iterations", fit.iterations()).put("startsTried", fit.startsTried())
        .put("quality", new JsonObject()
            .put("meanSurfaceMm", q.meanSurfaceMm()).put("p95SurfaceMm", q.p95SurfaceMm())
            .put("meshToMaskMeanMm", q.meshToMaskMeanMm()).put("maskToMeshMeanMm", q.maskToMeshMeanMm())
            .put("dice", q.dice()).put("meshVolumeMm3", q.meshVolumeMm3()).put("maskVolumeMm3", q.maskVolumeMm3()))
        .put("inputs", fingerprint);
  }

  /** The fit recorded in {@code fitFile} when it exists, parses and was made from exactly these inputs. */
  static Optional<MeshFit> cached(Path fitFile, JsonObject fingerprint) {
    if (!Files.isRegularFile(fitFile)) {
      return Optional.empty();
    }
    try {
      JsonObject o = new JsonObject(Files.readString(fitFile));
      if (!fingerprint.equals(o.getJsonObject("inputs"))) {
        LOG.info("mesh fit cache stale, file={}", fitFile);
        return Optional.empty();
      }
      JsonArray m = o.getJsonArray("transform");
      double[] matrix = new double[16];
      for (int i = 0; i < 16; i++) {
        matrix[i] = m.getDouble(i);
      }
      JsonObject q = o.getJsonObject("quality");
      FitQuality quality = new FitQuality(q.getDouble("meanSurfaceMm"), q.getDouble("p95SurfaceMm"),
          q.getDouble("meshToMaskMeanMm"), q.getDouble("maskToMeshMeanMm"), q.getDouble("dice"),
          q.getDouble("meshVolumeMm3"), q.getDouble("maskVolumeMm3"));
      return Optional.of(new MeshFit(SimilarityTransform.ofMatrix(matrix), quality, o.getString("start"),
          o.getInteger("iterations"), o.getInteger("startsTried")));
    } catch (IOException | DecodeException | ClassCastException | NullPointerException
        | IndexOutOfBoundsException | IllegalArgumentException e) {
      LOG.warn("mesh fit cache unreadable, recomputing, file={}, reason={}", fitFile, e.toString());
      return Optional.empty();
    }
  }

  /** Writes all or nothing; a failure is an output problem (IOException), not a bad input file. */
  private static void writeAtomically(Path file, String text) throws IOException {
    try {
      AtomicFileWrite.writeString(file, text);
    } catch (ModelFileException e) {
      throw new IOException("cannot write " + file + ", " + e.getMessage(), e);
    }
  }

  private static String abs(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }

  private static JsonArray array(double[] v) {
    JsonArray a = new JsonArray();
    for (double x : v) {
      a.add(x);
    }
    return a;
  }
}
