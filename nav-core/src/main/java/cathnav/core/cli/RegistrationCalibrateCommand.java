package cathnav.core.cli;

import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.ConfidenceFeature;
import cathnav.core.registration.IsotonicTable;
import cathnav.core.registration.bench.BenchCase;
import cathnav.core.registration.bench.CalibrationStudy;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cathnav bench registration calibrate}: fits the confidence model from the cases of earlier
 * {@code bench registration --json} runs (which record each case's evidence and imaging conditions), checks it on
 * held-out cases against the similarity-only table shipped before it, prints reliability tables and Brier scores,
 * and writes the model with how it was made (the resource {@code confidence.json}); with {@code --check} it fits
 * nothing and checks a model on every case given (new seeds, other imaging conditions). Exit codes: 0 ok, 1 cannot
 * write, 2 usage, 3 bad input file.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = "Fits the registration confidence model from 'bench registration --json' runs; prints held-out "
        + "reliability tables and Brier scores, old against new.")
public final class RegistrationCalibrateCommand implements Callable<Integer> {

  /** The similarity-only table shipped before the evidence-based model, kept for the comparison. */
  static final String BASELINE_RESOURCE = "/cathnav/core/registration/bench/similarity-only-table.json";

  /** The shipped model's features. */
  static final String DEFAULT_FEATURES =
      "meanSquareRelativeSimilarity,meanSquareCeiling,relativeSharpness,relativeAscent";

  @Spec
  CommandSpec spec;

  @Option(names = "--from", required = true, description = "a bench JSON file with evidence (repeatable)")
  List<Path> from;

  @Option(names = "--features", split = ",", defaultValue = DEFAULT_FEATURES,
      description = "features of the model (default ${DEFAULT-VALUE})")
  List<String> features;

  @Option(names = "--holdout-every", defaultValue = "3",
      description = "hold every n-th case out of the fit to check it (default ${DEFAULT-VALUE})")
  int holdoutEvery;

  @Option(names = "--baseline", description = "similarity-only table to compare with (default: the one shipped "
      + "before this model)")
  Path baseline;

  @Option(names = "--check", description = "fit nothing: check the shipped model (or --model) on every case of the "
      + "inputs, against the baseline")
  boolean check;

  @Option(names = "--model", description = "with --check: the model file to check (default: the shipped one)")
  Path model;

  @Option(names = "--out", description = "write the fitted model here (the resource is "
      + "nav-core/src/main/resources/cathnav/core/registration/confidence.json)")
  Path out;

  @Option(names = "--json", description = "write the report as JSON")
  Path json;

  @Override
  public Integer call() {
    List<ConfidenceFeature> fs = new ArrayList<>();
    IsotonicTable base;
    try {
      for (String f : features) {
        fs.add(ConfidenceFeature.byKey(f.trim()));
      }
      if (holdoutEvery < 2) {
        throw new IllegalArgumentException("--holdout-every must be at least 2, holdoutEvery=" + holdoutEvery);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("bench registration calibrate: " + e.getMessage());
      return 2;
    }
    try {
      base = IsotonicTable.fromJson(baseline != null ? new JsonObject(Files.readString(baseline)) : baselineResource());
    } catch (IOException | DecodeException | IllegalArgumentException | NullPointerException e) {
      System.err.println("bench registration calibrate: cannot read the baseline table, file="
          + (baseline != null ? baseline : BASELINE_RESOURCE) + ": " + e.getMessage());
      return 3;
    }
    List<BenchCase> cases = new ArrayList<>();
    JsonArray sources = new JsonArray();
    for (Path f : from) {
      try {
        JsonObject o = new JsonObject(Files.readString(f));
        JsonArray arr = o.getJsonArray("cases");
        if (arr == null) {
          System.err.println("bench registration calibrate: no \"cases\" array, file=" + f);
          return 3;
        }
        for (int i = 0; i < arr.size(); i++) {
          cases.add(BenchCase.fromJson(arr.getJsonObject(i)));
        }
        sources.add(new JsonObject().put("file", f.getFileName().toString()).put("cases", arr.size())
            .put("seed", o.getValue("seed")).put("commandLine", o.getString("commandLine", ""))
            .put("backend", o.getString("backend", "")).put("device", o.getString("device", "")));
      } catch (IOException | DecodeException | ClassCastException | NullPointerException e) {
        System.err.println("bench registration calibrate: cannot read bench JSON, file=" + f + ": " + e);
        return 3;
      }
    }
    long successes = cases.stream().filter(BenchCase::success).count();
    String description = String.format(java.util.Locale.ROOT,
        "P(mTRE < 2 mm) of a registration or tracking update (RegistrationOptions.DEFAULT / TRACKING), logistic in "
            + "%s measured at RegistrationOptions.calibratedStage(); fitted on simulated frames of the real CT at "
            + "several noise levels and detector gains, with and without a lead (%d cases, %d successes). "
            + "Simulated frames only: refit on clinical data before clinical use.",
        fs.stream().map(ConfidenceFeature::key).toList(), cases.size(), successes);
    JsonObject provenance = new JsonObject()
        .put("commandLine", "cathnav "
            + String.join(" ", spec.commandLine().getParseResult().originalArgs()))
        .put("sources", sources)
        .put("cases", cases.size())
        .put("successes", successes)
        .put("fittedAt", Instant.now().toString());
    CalibrationStudy study;
    try {
      if (check) {
        ConfidenceCalibration checked;
        try {
          checked = model != null
              ? ConfidenceCalibration.fromJson(new JsonObject(Files.readString(model)), model.toString())
              : ConfidenceCalibration.load();
        } catch (IOException | DecodeException e) {
          System.err.println("bench registration calibrate: cannot read the model, file=" + model + ": " + e);
          return 3;
        }
        study = CalibrationStudy.check(cases, checked, base);
      } else {
        study = CalibrationStudy.run(cases, holdoutEvery, fs, base, description, provenance);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("bench registration calibrate: " + e.getMessage());
      return 3;
    }
    System.out.print(study.report());
    try {
      if (out != null && !check) {
        RegisterCommand.writeAtomically(out, study.model().toJson().encodePrettily() + "\n");
        System.out.println("model: " + out.toAbsolutePath());
      }
      if (json != null) {
        RegisterCommand.writeAtomically(json, study.toJson().encodePrettily());
        System.out.println("json: " + json.toAbsolutePath());
      }
    } catch (IOException e) {
      System.err.println("bench registration calibrate: cannot write output: " + e);
      return 1;
    }
    return 0;
  }

  private static JsonObject baselineResource() throws IOException {
    try (InputStream in = RegistrationCalibrateCommand.class.getResourceAsStream(BASELINE_RESOURCE)) {
      if (in == null) {
        throw new IOException("resource missing, resource=" + BASELINE_RESOURCE);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
