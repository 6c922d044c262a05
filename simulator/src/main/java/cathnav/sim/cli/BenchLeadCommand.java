package cathnav.sim.cli;

import cathnav.core.lead.LeadDetection;
import cathnav.core.lead.LeadDetector;
import cathnav.core.lead.LeadDetectorOptions;
import cathnav.core.model.Volume;
import cathnav.core.model.Volumes;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import cathnav.sim.FluoroscopySimulator;
import cathnav.sim.SimulatedFrame;
import cathnav.sim.SimulatorOptions;
import cathnav.sim.demo.DemoLeadBench;
import cathnav.sim.demo.DemoModels;
import cathnav.sim.demo.SimulatedProcedure;
import cathnav.sim.detector.NoiseMode;
import cathnav.sim.scenario.Scenario;
import cathnav.sim.scenario.ScenarioReader;
import cathnav.sim.scenario.ScenarioTimeline;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav bench lead}: the wire detector's tip accuracy and time per frame, on the demo phantom's simulated
 * frames (AP, 512 x 512 at 0.6 mm, SID 1100, SOD 750, 12 bit, noise, breathing; the lead advancing 1 mm a frame from
 * 175 mm, pacing-lead profile, tracked) against the simulator's truth, and on the real catheter cine in
 * {@code xray/} (12 frames, tracked, any-wire profile; no truth: found frames and the largest tip step). Each source
 * is also timed with the detector reset before every frame (whole-frame search, no tracking). Detection time only
 * (not rendering), after a warm-up pass.
 *
 * <p>With {@code --scenario demo}: the demo's procedure instead ({@link DemoLeadBench}: the demo's anatomy, lead path
 * 120 to 320 mm and C-arm move AP to LAO 30, sped up to {@code --duration} seconds; frames binned as the service bins
 * them, the detector reset when the projection changes), with found and confirmed tips counted apart.
 */
@Command(
    name = "lead",
    mixinStandardHelpOptions = true,
    description = "Lead tip detection: tip error against the simulator's truth and ms per frame.")
public final class BenchLeadCommand implements Callable<Integer> {

  private static final int SIZE = 512;
  private static final double PIXEL_MM = 0.6;
  private static final double SID = 1100;
  private static final double SOD = 750;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--frames", defaultValue = "60", description = "Simulated frames (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--seed", paramLabel = "N", description = "Simulator noise seed (default: 7; with --scenario demo,"
      + " the demo's own).")
  Long seed;

  @Option(names = "--reps", defaultValue = "5", description = "Timed passes over the cine (default: ${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Option(names = "--scenario", defaultValue = "phantom-ap", paramLabel = "NAME",
      description = "phantom-ap: the phantom in AP, lead 175 mm on at 1 mm a frame, and the real cine; demo: the demo's"
          + " procedure sped up (lead 120->320 mm, C-arm AP->LAO 30) (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--duration", defaultValue = "12", paramLabel = "S",
      description = "With --scenario demo: length of the run, s (the demo runs 120; default: ${DEFAULT-VALUE}).")
  double durationS;

  @Option(names = "--size", defaultValue = "512", paramLabel = "PX",
      description = "With --scenario demo: frame size, pixels (binned as the service bins it; default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--phantom", description = "With --scenario demo: the generated phantom even where the demo would use"
      + " the real CT.")
  boolean phantom;

  @Option(names = "--frames-csv", paramLabel = "FILE", description = "With --scenario demo: one line per frame.")
  Path framesCsv;

  private record Row(String source, String mode, int frames, int found, double medianErrMm, double p90ErrMm,
      double maxErrMm, int within15, double maxStepPx, double p50Ms, double p90Ms) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (frames < 6 || frames > 600 || reps < 1 || reps > 100) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--frames in [6, 600], --reps in [1, 100]");
    }
    if (scenario.equals("demo")) {
      if (!(durationS >= 1 && durationS <= 600) || size < 128 || size > 2048) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--duration in [1, 600] s, --size in 128..2048");
      }
      return demo(out);
    }
    if (!scenario.equals("phantom-ap")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--scenario must be phantom-ap or demo, scenario="
          + scenario);
    }
    Path cineFile = BenchSimCommand.sharedData().resolve("xray/xa_catheter_cine_512x512x12_u8.nrrd");
    if (!Files.isRegularFile(cineFile)) {
      spec.commandLine().getErr().println("cathnav bench lead: cine not found, file=" + cineFile);
      return ExitCodes.BAD_INPUT_FILE;
    }
    List<float[]> cine = cineFrames(Volumes.read(cineFile));
    List<SimulatedFrame> sim = renderPhantomSequence();
    List<Row> rows = new ArrayList<>();
    for (boolean tracked : new boolean[] {true, false}) {
      rows.add(phantomRow(sim, tracked));
      rows.add(cineRow(cine, tracked));
    }
    out.printf(Locale.ROOT, "%-14s %-12s %6s %6s %8s %8s %8s %8s %8s %7s %7s%n", "source", "mode", "frames", "found",
        "med mm", "p90 mm", "max mm", "<=1.5mm", "maxStep", "p50 ms", "p90 ms");
    for (Row r : rows) {
      out.printf(Locale.ROOT, "%-14s %-12s %6d %6d %8.2f %8.2f %8.2f %8d %8.1f %7.1f %7.1f%n", r.source(), r.mode(),
          r.frames(), r.found(), r.medianErrMm(), r.p90ErrMm(), r.maxErrMm(), r.within15(), r.maxStepPx(), r.p50Ms(),
          r.p90Ms());
    }
    out.println("errors: tip against GroundTruth.leadTipPixel, mm at the isocentre (pixels x 0.6 x SOD/SID);"
        + " maxStep: largest tip move between consecutive found frames, pixels; ms: detection only, one thread");
    if (json != null) {
      JsonArray a = new JsonArray();
      for (Row r : rows) {
        a.add(new JsonObject().put("source", r.source()).put("mode", r.mode()).put("frames", r.frames())
            .put("found", r.found()).put("medianErrMm", r.medianErrMm()).put("p90ErrMm", r.p90ErrMm())
            .put("maxErrMm", r.maxErrMm()).put("within1p5mm", r.within15()).put("maxStepPx", r.maxStepPx())
            .put("p50Ms", r.p50Ms()).put("p90Ms", r.p90Ms()));
      }
      Files.writeString(json, new JsonObject().put("bench", "lead").put("seed", phantomSeed()).put("rows", a)
          .encodePrettily());
    }
    return ExitCodes.OK;
  }

  private int demo(PrintWriter out) throws Exception {
    DemoModels.Choice choice = DemoModels.choose(DemoModels.defaultDataDir(), DemoModels.defaultCacheDir(), phantom);
    DemoLeadBench bench = new DemoLeadBench(choice.procedure(), durationS, 15, size,
        seed == null ? OptionalLong.empty() : OptionalLong.of(seed));
    out.println(bench.describe());
    List<DemoLeadBench.Outcome> outcomes = bench.run();
    List<DemoLeadBench.Summary> rows = DemoLeadBench.standardRows(outcomes);
    out.printf(Locale.ROOT, "%-7s %6s %6s %6s | %-20s | %-20s | %6s %6s | %6s %6s%n", "frames", "n", "found", "conf",
        "found med/p90/max mm", "conf med/p90/max mm", "f>3mm", "c>3mm", "p50 ms", "p90 ms");
    for (DemoLeadBench.Summary r : rows) {
      out.printf(Locale.ROOT, "%-7s %6d %6d %6d | %-20s | %-20s | %6d %6d | %6.1f %6.1f%n", r.label(), r.frames(),
          r.found(), r.confirmed(), triple(r.foundErrorMm()), triple(r.confirmedErrorMm()), r.foundWrong(),
          r.confirmedWrong(), r.p50Ms(), r.p90Ms());
    }
    out.println("errors: tip against GroundTruth.leadTipPixel, mm at the isocentre; conf: LeadDetection.tipConfirmed;"
        + " f>3mm / c>3mm: found / confirmed tips more than 3 mm off; ms: binning + detection, one thread");
    if (framesCsv != null) {
      StringBuilder csv = new StringBuilder("timeS,phase,insertionMm,truthU,truthV,found,confirmed,confidence,tipU,tipV,"
          + "errorMm,ms\n");
      for (DemoLeadBench.Outcome o : outcomes) {
        csv.append(String.format(Locale.ROOT, "%.3f,%s,%.1f,%.1f,%.1f,%b,%b,%.3f,%.1f,%.1f,%.2f,%.1f%n", o.timeS(),
            o.phase(), o.insertionMm(), o.truthU(), o.truthV(), o.detection().found(), o.detection().tipConfirmed(),
            o.detection().tipConfidence(), o.detection().tipU(), o.detection().tipV(), o.errorMm(), o.ms()));
      }
      Files.writeString(framesCsv, csv);
    }
    if (json != null) {
      JsonArray a = new JsonArray();
      for (DemoLeadBench.Summary r : rows) {
        a.add(new JsonObject().put("frames", r.label()).put("n", r.frames()).put("found", r.found())
            .put("confirmed", r.confirmed()).put("foundErrorMm", jsonTriple(r.foundErrorMm()))
            .put("confirmedErrorMm", jsonTriple(r.confirmedErrorMm())).put("foundOver3mm", r.foundWrong())
            .put("confirmedOver3mm", r.confirmedWrong()).put("p50Ms", r.p50Ms()).put("p90Ms", r.p90Ms()));
      }
      Files.writeString(json, new JsonObject().put("bench", "lead").put("scenario", "demo").put("durationS", durationS)
          .put("size", size).put("anatomy", choice.realData() ? "real-ct" : "phantom")
          .put("noiseSeed", seed).put("rows", a).encodePrettily());
    }
    return ExitCodes.OK;
  }

  private long phantomSeed() {
    return seed == null ? 7 : seed;
  }

  private static String triple(double[] v) {
    return Double.isNaN(v[0]) ? "-" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f", v[0], v[1], v[2]);
  }

  private static JsonObject jsonTriple(double[] v) {
    return Double.isNaN(v[0]) ? new JsonObject()
        : new JsonObject().put("median", v[0]).put("p90", v[1]).put("max", v[2]);
  }

  private static List<float[]> cineFrames(Volume cine) {
    List<float[]> out = new ArrayList<>();
    int n = SIZE * SIZE;
    for (int f = 0; f < cine.nz(); f++) {
      float[] raw = new float[n];
      for (int i = 0; i < n; i++) {
        raw[i] = cine.int16()[f * n + i];
      }
      out.add(raw);
    }
    return out;
  }

  private List<SimulatedFrame> renderPhantomSequence() throws Exception {
    double durationS = frames / 15.0;
    String scenarioJson = String.format(Locale.ROOT, """
        {"name": "bench-lead", "durationS": %f, "fps": 15, "doseNGy": 30, "bits": 12, "noise": true, "seed": %d,
         "anatomy": {"phantom": {"spacingMm": 2.0}},
         "detector": {"width": %d, "height": %d, "pixelSpacingMm": %f, "sidMm": %f, "sodMm": %f},
         "carm": {"primaryAngle": 0, "secondaryAngle": 0},
         "respiration": {"amplitudeMm": 8, "periodS": 4}, "cardiac": {"heartRateBpm": 70, "amplitudeMm": 2},
         "leadInsertionMm": 175, "csCatheterInsertionMm": 0,
         "events": [{"type": "lead", "atS": 0, "durationS": %f, "insertionMm": %f}]}
        """, durationS, phantomSeed(), SIZE, SIZE, PIXEL_MM, SID, SOD, durationS, 175.0 + frames);
    Scenario scenario = ScenarioReader.parse(scenarioJson, "bench lead scenario", null);
    SimulatedProcedure procedure = SimulatedProcedure.standard(2.0);
    SimulatorOptions options = SimulatorOptions.DEFAULT.withBitDepth(scenario.bitDepth()).withNoise(NoiseMode.FULL)
        .withSeed(scenario.seed()).withMotion(scenario.respiration(), scenario.cardiac());
    List<SimulatedFrame> out = new ArrayList<>();
    try (ComputeBackend backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
        FluoroscopySimulator sim = new FluoroscopySimulator(backend, procedure.scene(), options)) {
      ScenarioTimeline timeline = new ScenarioTimeline(scenario, procedure.scene().heartCentre());
      double previous = 0;
      for (double t : timeline.frameTimes()) {
        out.add(sim.next(timeline.stateAt(t), t - previous));
        previous = t;
      }
    }
    return out;
  }

  private Row phantomRow(List<SimulatedFrame> sim, boolean tracked) {
    List<float[]> raws = new ArrayList<>();
    for (SimulatedFrame f : sim) {
      float[] raw = new float[SIZE * SIZE];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = f.pixels()[i] & 0xffff;
      }
      raws.add(raw);
    }
    run(raws, LeadDetectorOptions.PACING_LEAD, tracked); // warm-up
    List<LeadDetection> found = new ArrayList<>();
    List<Double> ms = new ArrayList<>();
    List<LeadDetection> all = run(raws, LeadDetectorOptions.PACING_LEAD, tracked, ms);
    List<Double> errors = new ArrayList<>();
    int within = 0;
    double mmPerPixel = PIXEL_MM * SOD / SID;
    for (int i = 0; i < all.size(); i++) {
      LeadDetection d = all.get(i);
      if (d.found()) {
        double[] truth = sim.get(i).truth().leadTipPixel();
        double e = Math.hypot(d.tipU() - truth[0], d.tipV() - truth[1]) * mmPerPixel;
        errors.add(e);
        within += e <= 1.5 ? 1 : 0;
        found.add(d);
      }
    }
    Collections.sort(errors);
    return new Row("phantom-AP", tracked ? "tracked" : "whole-frame", all.size(), found.size(), quantile(errors, 0.5),
        quantile(errors, 0.9), quantile(errors, 1), within, maxStep(all), quantile(sorted(ms), 0.5),
        quantile(sorted(ms), 0.9));
  }

  private Row cineRow(List<float[]> cine, boolean tracked) {
    run(cine, LeadDetectorOptions.DEFAULTS, tracked); // warm-up
    List<Double> ms = new ArrayList<>();
    List<LeadDetection> last = null;
    for (int r = 0; r < reps; r++) {
      last = run(cine, LeadDetectorOptions.DEFAULTS, tracked, ms);
    }
    int found = (int) last.stream().filter(LeadDetection::found).count();
    return new Row("cine-xray", tracked ? "tracked" : "whole-frame", last.size(), found, Double.NaN, Double.NaN,
        Double.NaN, 0, maxStep(last), quantile(sorted(ms), 0.5), quantile(sorted(ms), 0.9));
  }

  private static List<LeadDetection> run(List<float[]> raws, LeadDetectorOptions options, boolean tracked) {
    return run(raws, options, tracked, new ArrayList<>());
  }

  private static List<LeadDetection> run(List<float[]> raws, LeadDetectorOptions options, boolean tracked,
      List<Double> ms) {
    LeadDetector detector = new LeadDetector(options);
    List<LeadDetection> out = new ArrayList<>();
    for (float[] raw : raws) {
      if (!tracked) {
        detector.reset();
      }
      long t0 = System.nanoTime();
      out.add(detector.detect(raw, SIZE, SIZE));
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    return out;
  }

  private static double maxStep(List<LeadDetection> all) {
    double max = 0;
    for (int i = 1; i < all.size(); i++) {
      LeadDetection a = all.get(i - 1);
      LeadDetection b = all.get(i);
      if (a.found() && b.found()) {
        max = Math.max(max, Math.hypot(b.tipU() - a.tipU(), b.tipV() - a.tipV()));
      }
    }
    return max;
  }

  private static List<Double> sorted(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    return s;
  }

  private static double quantile(List<Double> sorted, double q) {
    return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.round(q * (sorted.size() - 1)));
  }
}
