package cathnav.sim.demo;

import cathnav.core.preop.fit.FitQuality;
import cathnav.core.preop.fit.FittedHeartModel;
import cathnav.core.preop.fit.FourChamberMeshFolder;
import cathnav.core.preop.fit.MeshFitOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses what the demo plays: the real thorax CTA with another patient's four-chamber meshes fitted to its heart
 * mask ({@link RealCtProcedure}) when the shared data folder holds them and the fit is good enough, else the
 * generated phantom ({@link SimulatedProcedure}), always with one log line saying which and why.
 *
 * <p>The fit is cached in the cache folder ({@code mesh-fit.json}, {@code model.json}) and reused while the input
 * files are unchanged, so later demo starts skip it. Blocking; stateless.
 */
public final class DemoModels {

  /** The real CT, relative to the shared data folder. */
  public static final String CT = "ct/thorax_cta_heart_cropped_1p5mm.nii.gz";
  /** Its whole-heart mask. */
  public static final String HEART_MASK = "ct/heart_mask_1p5mm.nii.gz";
  /** The four-chamber meshes (another patient, LPS). */
  public static final String MESHES = "meshes/strocchi2020_case01";
  /** Poorest accepted fit: mean surface distance, mm. */
  public static final double MAX_MEAN_SURFACE_MM = 8;
  /** Poorest accepted fit: Dice with the heart mask. */
  public static final double MIN_DICE = 0.7;

  private static final Logger LOG = LoggerFactory.getLogger(DemoModels.class);

  private DemoModels() {}

  /**
   * What was chosen.
   *
   * @param procedure what the demo plays
   * @param realData whether it is the real CT
   * @param reason why (for the console and the log)
   */
  public record Choice(DemoProcedure procedure, boolean realData, String reason) {}

  /**
   * Chooses the procedure.
   *
   * @param dataDir the shared data folder
   * @param cacheDir where the fit is cached
   * @param phantom force the phantom
   */
  public static Choice choose(Path dataDir, Path cacheDir, boolean phantom) {
    if (phantom) {
      return phantom("phantom requested (--phantom)");
    }
    FittedHeartModel.Inputs in = new FittedHeartModel.Inputs(dataDir.resolve(CT), dataDir.resolve(HEART_MASK),
        new FourChamberMeshFolder(dataDir.resolve(MESHES)), true);
    List<Path> missing = new ArrayList<>();
    for (Path p : List.of(in.ct(), in.heartMask())) {
      if (!Files.isRegularFile(p)) {
        missing.add(p);
      }
    }
    missing.addAll(in.meshes().missing());
    if (!missing.isEmpty()) {
      return phantom("real data not found, dataDir=" + dataDir + ", missing=" + missing.get(0)
          + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : ""));
    }
    try {
      FittedHeartModel.Prepared fitted = FittedHeartModel.prepare(in, cacheDir, SimulatedProcedure.TARGET,
          MeshFitOptions.DEFAULT, true);
      FitQuality q = fitted.fit().quality();
      if (!(q.meanSurfaceMm() <= MAX_MEAN_SURFACE_MM && q.dice() >= MIN_DICE)) {
        return phantom(String.format(Locale.ROOT, "the meshes do not fit the real CT's heart mask well enough,"
            + " meanSurfaceMm=%.2f (max %.1f), dice=%.3f (min %.2f)", q.meanSurfaceMm(), MAX_MEAN_SURFACE_MM,
            q.dice(), MIN_DICE));
      }
      RealCtProcedure real = RealCtProcedure.of(fitted, in);
      LOG.info("demo model, source=real-ct, {}", real.description());
      return new Choice(real, true, real.description());
    } catch (IOException | RuntimeException e) {
      LOG.warn("demo model, real data unusable, dataDir={}", dataDir, e);
      return phantom("real data unusable, reason=" + e);
    }
  }

  private static Choice phantom(String why) {
    LOG.info("demo model, source=phantom, reason={}", why);
    return new Choice(SimulatedProcedure.standard(2.0), false, "generated phantom: " + why);
  }

  /**
   * The shared data folder: system property {@code cathnav.shared.data}, else {@code ../shared/data} beside the
   * checkout (the folder holding the {@code cathnav} launcher, found by walking up from the working directory).
   */
  public static Path defaultDataDir() {
    String prop = System.getProperty("cathnav.shared.data");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    return checkoutRoot().resolveSibling("shared").resolve("data");
  }

  /** Where the demo caches its fit: {@code target/demo-model} in the checkout. */
  public static Path defaultCacheDir() {
    return checkoutRoot().resolve("target").resolve("demo-model");
  }

  private static Path checkoutRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("cathnav"))) {
        return d;
      }
    }
    return dir;
  }
}
