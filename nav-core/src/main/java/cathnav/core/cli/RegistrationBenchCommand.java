package cathnav.core.cli;

import cathnav.core.model.ModelFileException;
import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.RegistrationOptions;
import cathnav.core.registration.bench.BenchCase;
import cathnav.core.registration.bench.BenchConfig;
import cathnav.core.registration.bench.BenchSummary;
import cathnav.core.registration.bench.ErrorPlot;
import cathnav.core.registration.bench.RegistrationBenchmark;
import cathnav.gpu.BackendSelection;
import cathnav.gpu.BackendUnavailableException;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cathnav bench registration}: accuracy and speed of full registration on frames rendered from the real CT
 * (see {@link RegistrationBenchmark}); prints a table, writes JSON and a PNG error plot, and optionally the fitted
 * confidence table. Exit codes: 0 ok, 1 runtime failure, 3 bad input file, 5 requested backend unavailable.
 */
@Command(
    name = "registration",
    mixinStandardHelpOptions = true,
    subcommands = {RegistrationBenchSummaryCommand.class, RegistrationCalibrateCommand.class},
    description = "2D/3D registration accuracy (mTRE over the heart mask, projection error, success rate, capture "
        + "range) and time per registration on simulated frames from the real CT.")
public final class RegistrationBenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--cases", defaultValue = "100", description = "number of cases (default 100)")
  int cases;

  @Option(names = "--backend", defaultValue = "auto", description = "auto, java, opencl or cuda (default auto)")
  String backend;

  @Option(names = "--json", description = "write per-case results and the summary as JSON")
  Path json;

  @Option(names = "--plot", defaultValue = "registration-bench.png", description = "PNG error plot (default ${DEFAULT-VALUE})")
  Path plot;

  @Option(names = "--seed", defaultValue = "20261127", description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--ct", description = "CT (default <shared data>/ct/thorax_cta_heart_cropped_1p5mm.nii.gz)")
  Path ct;

  @Option(names = "--mask", description = "heart mask (default <shared data>/ct/heart_mask_1p5mm.nii.gz)")
  Path mask;

  @Option(names = "--detector", defaultValue = "256", description = "detector size, pixels (default 256)")
  int detector;

  @Option(names = "--pixel-spacing", defaultValue = "1.2", description = "detector pixel spacing, mm (default 1.2)")
  double pixelSpacing;

  @Option(names = "--counts", defaultValue = "1000",
      description = "mean counts of an unattenuated pixel, sets quantum noise (default 1000: about the simulator's "
          + "30 nGy at this pixel size); with --counts-max the lower end of a range")
  double counts;

  @Option(names = "--counts-max",
      description = "draw each case's counts log-uniformly between --counts and this (default: --counts only)")
  Double countsMax;

  @Option(names = "--gain", defaultValue = "1",
      description = "detector output per counted quantum, rounded and clipped to 16 bits (default 1)")
  double gain;

  @Option(names = "--gain-max",
      description = "draw each case's gain log-uniformly between --gain and this (default: --gain only)")
  Double gainMax;

  @Option(names = "--lead-probability", defaultValue = "1",
      description = "probability that a case's frame has a pacing lead drawn in (default 1)")
  double leadProbability;

  @Option(names = "--tracking-probability", defaultValue = "0",
      description = "probability that a case is a bounded tracking update (RegistrationOptions.TRACKING) from a "
          + "start 0.2 times as far, instead of a full registration (default 0)")
  double trackingProbability;

  @Option(names = "--max-start-mm", defaultValue = "15",
      description = "starts up to this far from the truth, mm (default 15; larger for calibration runs)")
  double maxStartMm;

  @Option(names = "--max-start-deg", defaultValue = "10", description = "and rotated up to this much, degrees (default 10)")
  double maxStartDeg;

  @Option(names = "--no-lead", description = "do not draw a pacing lead into the frames")
  boolean noLead;

  @Override
  public Integer call() {
    Path data = SharedData.folder();
    BenchConfig config;
    try {
      config = new BenchConfig(
          ct != null ? ct : data.resolve("ct/thorax_cta_heart_cropped_1p5mm.nii.gz"),
          mask != null ? mask : data.resolve("ct/heart_mask_1p5mm.nii.gz"),
          cases, backend, seed, detector, pixelSpacing, 1100, 750, counts, countsMax != null ? countsMax : counts,
          gain, gainMax != null ? gainMax : gain, noLead ? 0 : leadProbability, trackingProbability,
          maxStartMm, maxStartDeg);
    } catch (IllegalArgumentException e) {
      System.err.println("bench registration: " + e.getMessage());
      return 2;
    }
    BackendSelection selection;
    try {
      selection = ComputeBackends.select(backend, FallbackPolicy.FAIL);
    } catch (BackendUnavailableException e) {
      System.err.println("bench registration: " + e.getMessage());
      return 5;
    } catch (IllegalArgumentException e) {
      System.err.println("bench registration: " + e.getMessage());
      return 2;
    }
    List<BenchCase> results;
    String device;
    JsonObject record;
    JsonArray perCase = new JsonArray();
    try (ComputeBackend be = selection.backend()) {
      device = be.deviceDescription();
      record = new JsonObject()
          .put("bench", "registration")
          .put("commandLine", "cathnav " + String.join(" ",
              spec.commandLine().getParseResult().originalArgs()))
          .put("backend", selection.backend().name())
          .put("device", device)
          .put("seed", seed)
          .put("detector", detector)
          .put("pixelSpacingMm", pixelSpacing)
          .put("counts", counts)
          .put("countsMax", config.countsMax())
          .put("gain", config.gainMin())
          .put("gainMax", config.gainMax())
          .put("leadProbability", config.leadProbability())
          .put("trackingProbability", config.trackingProbability())
          .put("maxStartMm", maxStartMm)
          .put("maxStartDeg", maxStartDeg)
          .put("complete", false)
          .put("cases", perCase);
      RegistrationBenchmark bench =
          new RegistrationBenchmark(config, RegistrationOptions.DEFAULT, ConfidenceCalibration.load());
      results = bench.run(be, c -> {
        printCase(c);
        perCase.add(c.toJson());
        if (json != null) {
          // rewritten after every case: a long run that is stopped keeps the cases it finished
          try {
            RegisterCommand.writeAtomically(json, record.encodePrettily());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      });
    } catch (ModelFileException e) {
      System.err.println("bench registration: " + e.getMessage());
      return 3;
    } catch (UncheckedIOException e) {
      System.err.println("bench registration: cannot write output, file=" + json + ": " + e.getCause());
      return 1;
    }
    BenchSummary summary = BenchSummary.of(results);
    System.out.print(summary.table(selection.backend().name(), device));
    try {
      try {
        ErrorPlot.write(results, String.format(Locale.ROOT,
            "registration bench: %d cases, backend %s, success %.1f %%, median mTRE %.3f mm", results.size(),
            selection.backend().name(), 100 * summary.successRate(), summary.medianMtreMm()), plot);
        System.out.println("plot: " + plot.toAbsolutePath());
      } catch (LinkageError | java.awt.AWTError e) {
        // a headless machine without the font libraries Java's text rendering loads (libharfbuzz, fontconfig)
        System.err.println("bench registration: plot not written, this Java cannot draw text here: " + e);
      }
      if (json != null) {
        record.put("complete", true).put("summary", summary.toJson());
        RegisterCommand.writeAtomically(json, record.encodePrettily());
        System.out.println("json: " + json.toAbsolutePath());
      }
    } catch (IOException e) {
      System.err.println("bench registration: cannot write output: " + e);
      return 1;
    }
    return 0;
  }

  private static void printCase(BenchCase c) {
    System.out.printf(Locale.ROOT,
        "case %3d %s view=(%6.1f,%6.1f) counts=%6.0f gain=%5.2f lead=%-5s start=%6.2f mm -> mTRE=%7.3f mm "
            + "pde=%6.3f mm sim=%.4f ceiling=%.4f conf=%.2f %5.0f ms%n",
        c.index(), c.trackingUpdate() ? "track" : "full ", c.primaryAngleDeg(), c.secondaryAngleDeg(),
        c.unattenuatedCounts(), c.gain(), c.lead(), c.startMtreMm(), c.finalMtreMm(), c.projectionErrorMm(),
        c.similarity(), c.evidence().gradientCeiling(), c.confidence(), c.timeMs());
  }
}
