package cathnav.core.cli;

import cathnav.core.model.ModelFileException;
import cathnav.core.preop.fit.FittedHeartModel;
import cathnav.core.preop.fit.FitQuality;
import cathnav.core.preop.fit.FourChamberMeshFolder;
import cathnav.core.preop.fit.MeshFit;
import cathnav.core.preop.fit.MeshFitOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav fit-meshes}: places another patient's four-chamber meshes in this patient's CT by a similarity fit
 * to the CT's whole-heart mask, and writes {@code mesh-fit.json} (transform, quality) and {@code model.json} (a
 * patient model for {@code serve --model}) to the output folder.
 *
 * <p>Exit codes: 0 written; 1 the fit is poorer than the limits (nothing written) or the output cannot be written;
 * 2 usage; 3 a missing or unreadable input file.
 */
@Command(
    name = "fit-meshes",
    mixinStandardHelpOptions = true,
    description = "Fits four-chamber heart meshes (another patient's) into a CT by its whole-heart mask: rotation,"
        + " translation, isotropic scale. Writes OUT/mesh-fit.json and OUT/model.json (demonstration models only:"
        + " the meshes are not this patient's heart).")
public final class FitMeshesCommand implements Callable<Integer> {

  @Option(names = "--ct", required = true, paramLabel = "FILE", description = "the CT volume (HU)")
  Path ct;

  @Option(names = "--mask", required = true, paramLabel = "FILE",
      description = "the CT's whole-heart mask (any grid in the CT's RAS frame, non-zero inside)")
  Path mask;

  @Option(names = "--meshes", required = true, paramLabel = "DIR",
      description = "four-chamber mesh folder (Strocchi 2020 layout: closed_volume_*.stl, extracted_regions_*.vtk,"
          + " caps_Left_ventricle.stl)")
  Path meshes;

  @Option(names = "--mesh-frame", defaultValue = "LPS", paramLabel = "LPS|RAS",
      description = "frame of the mesh files (default: ${DEFAULT-VALUE}, as the Strocchi cohort)")
  String meshFrame;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
  Path out;

  @Option(names = "--target", defaultValue = "11", paramLabel = "SEGMENT",
      description = "AHA target segment written to model.json, 1..17, 0 for none (default: ${DEFAULT-VALUE})")
  int target;

  @Option(names = "--max-mean-mm", defaultValue = "8", paramLabel = "MM",
      description = "largest acceptable mean surface distance, mm (default: ${DEFAULT-VALUE})")
  double maxMeanMm;

  @Option(names = "--min-dice", defaultValue = "0.7", paramLabel = "D",
      description = "smallest acceptable Dice overlap with the mask (default: ${DEFAULT-VALUE})")
  double minDice;

  @Override
  public Integer call() {
    String frame = meshFrame.toUpperCase(Locale.ROOT);
    if (!frame.equals("LPS") && !frame.equals("RAS")) {
      System.err.println("fit-meshes: --mesh-frame must be LPS or RAS, value=" + meshFrame);
      return 2;
    }
    if (target < 0 || target > 17) {
      System.err.println("fit-meshes: --target must be an AHA segment 1..17 or 0, value=" + target);
      return 2;
    }
    FittedHeartModel.Inputs in =
        new FittedHeartModel.Inputs(ct, mask, new FourChamberMeshFolder(meshes), frame.equals("LPS"));
    Path scratch = out.resolveSibling(out.getFileName() + ".fitting");
    FittedHeartModel.Prepared prepared;
    try {
      prepared = FittedHeartModel.prepare(in, scratch, target, MeshFitOptions.DEFAULT, false);
    } catch (ModelFileException e) {
      System.err.println("fit-meshes: " + e.getMessage());
      return 3;
    } catch (IllegalArgumentException e) {
      System.err.println("fit-meshes: cannot fit: " + e.getMessage());
      return 3;
    } catch (IOException e) {
      System.err.println("fit-meshes: cannot write output, dir=" + scratch + ", reason=" + e);
      return 1;
    }
    MeshFit fit = prepared.fit();
    FitQuality q = fit.quality();
    System.out.printf(Locale.ROOT, "fit-meshes: %s%nfit-meshes: mean surface distance %.2f mm, 95th percentile %.2f mm,"
        + " Dice %.3f (meshes %.0f ml, mask %.0f ml), start %s, %d iterations%n", fit.transform(), q.meanSurfaceMm(),
        q.p95SurfaceMm(), q.dice(), q.meshVolumeMm3() / 1000, q.maskVolumeMm3() / 1000, fit.start(), fit.iterations());
    try {
      if (!(q.meanSurfaceMm() <= maxMeanMm && q.dice() >= minDice)) {
        System.err.printf(Locale.ROOT, "fit-meshes: fit too poor, meanSurfaceMm=%.2f (max %.2f), dice=%.3f (min %.3f);"
            + " nothing written%n", q.meanSurfaceMm(), maxMeanMm, q.dice(), minDice);
        return 1;
      }
      OutputFolder.replace(scratch, out);
    } catch (IOException e) {
      System.err.println("fit-meshes: cannot write output, dir=" + out + ", reason=" + e);
      return 1;
    } finally {
      OutputFolder.deleteQuietly(scratch);
    }
    System.out.println("fit-meshes: wrote " + out.resolve(FittedHeartModel.FIT_FILE) + " and "
        + out.resolve(FittedHeartModel.MODEL_FILE));
    return 0;
  }
}
