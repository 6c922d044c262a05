package cathnav.sim.cli;

import cathnav.core.geometry.CArmGeometry;
import cathnav.gpu.Attenuation;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import cathnav.gpu.ProviderStatus;
import cathnav.sim.AcquisitionState;
import cathnav.sim.FluoroscopySimulator;
import cathnav.sim.SimulatedFrame;
import cathnav.sim.SimulatorOptions;
import cathnav.sim.render.AnatomyScene;
import cathnav.sim.render.CtSceneLoader;
import cathnav.sim.render.HeartRendering;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav bench sim}: synthetic frames per second from a real CT, per backend and detector size, in three
 * modes: the steady state of a fixed view (static anatomy cached, heart warped when the fit allows, devices and
 * noise every frame), the heart ray-cast every frame, and a new C-arm view every frame (nothing cached).
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Synthetic fluoroscopy frames/s per backend and detector size, from the real CT.")
public final class BenchSimCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--ct", paramLabel = "FILE", description = "CT volume (default: the shared thorax CTA).")
  Path ct;

  @Option(names = "--heart-mask", paramLabel = "FILE", description = "Heart mask (default: the shared one).")
  Path heartMask;

  @Option(names = "--frames", defaultValue = "60", description = "Timed frames per steady-state row"
      + " (default: ${DEFAULT-VALUE}); the slower rows time a sixth of that.")
  int frames;

  @Option(names = "--sizes", defaultValue = "512,1024", split = ",", description = "Detector sizes, pixels"
      + " (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--backends", split = ",", description = "Backends to measure (default: every available one).")
  List<String> backends;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  private record Row(String backend, String device, int size, String mode, int frames, double fps, double p50Ms,
      double p99Ms, double cpuMsPerFrame, double rayCastsPerFrame, double warpedFraction) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (frames < 6 || sizes.stream().anyMatch(s -> s < 16 || s > 4096)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--frames >= 6 and sizes in [16, 4096]");
    }
    try {
      Path data = sharedData();
      Path ctFile = ct != null ? ct : data.resolve("ct/thorax_cta_heart_cropped_1p5mm.nii.gz");
      Path maskFile = heartMask != null ? heartMask : ct != null ? null : data.resolve("ct/heart_mask_1p5mm.nii.gz");
      AnatomyScene scene = CtSceneLoader.load(ctFile, maskFile, Attenuation.DEFAULT);
      List<String> names = new ArrayList<>();
      if (backends != null) {
        names.addAll(backends);
      } else {
        for (ProviderStatus s : ComputeBackends.probeAll()) {
          if (s.available()) {
            names.add(s.name());
          } else {
            err.println("cathnav: skipping backend " + s);
          }
        }
      }
      List<Row> rows = new ArrayList<>();
      for (String name : names) {
        try (ComputeBackend backend = ComputeBackends.select(name, FallbackPolicy.FAIL).backend()) {
          for (int size : sizes) {
            rows.add(measure(backend, scene, size, "steady", frames, err));
            rows.add(measure(backend, scene, size, "exact-heart", Math.max(6, frames / 6), err));
            rows.add(measure(backend, scene, size, "new-view", Math.max(6, frames / 6), err));
          }
        }
      }
      out.printf(Locale.ROOT, "CathNav bench sim: %s, heart mask %s, %d cores, JVM %s%n", ctFile.getFileName(),
          maskFile == null ? "none" : maskFile.getFileName(), Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      out.printf(Locale.ROOT, "load average at the end: %.2f (a shared machine inflates wall times; CPU ms/frame is"
          + " the process CPU time, all threads)%n", java.lang.management.ManagementFactory
          .getOperatingSystemMXBean().getSystemLoadAverage());
      out.println("| backend | size | mode | frames | frames/s | p50 ms | p99 ms | CPU ms/frame | ray casts/frame"
          + " | warped |");
      out.println("|---|---|---|---|---|---|---|---|---|---|");
      for (Row r : rows) {
        out.printf(Locale.ROOT, "| %s | %dx%d | %s | %d | %.1f | %.1f | %.1f | %.1f | %.2f | %.0f%% |%n",
            r.backend(), r.size(), r.size(), r.mode(), r.frames(), r.fps(), r.p50Ms(), r.p99Ms(),
            r.cpuMsPerFrame(), r.rayCastsPerFrame(), 100 * r.warpedFraction());
      }
      out.println("modes: steady = fixed view, static anatomy cached, heart warped when its affine fit is within"
          + " 0.5 px (else ray-cast), devices + noise every frame; exact-heart = heart ray-cast every frame;"
          + " new-view = C-arm moves 0.5 deg every frame (static and heart ray-cast every frame)");
      out.flush();
      if (json != null) {
        JsonArray a = new JsonArray();
        for (Row r : rows) {
          a.add(new JsonObject().put("backend", r.backend()).put("device", r.device()).put("size", r.size())
              .put("mode", r.mode()).put("frames", r.frames()).put("fps", r.fps()).put("p50Ms", r.p50Ms())
              .put("p99Ms", r.p99Ms()).put("cpuMsPerFrame", r.cpuMsPerFrame()).put("rayCastsPerFrame", r.rayCastsPerFrame())
              .put("warpedFraction", r.warpedFraction()));
        }
        Files.writeString(json, new JsonObject().put("bench", "sim").put("ct", ctFile.toString())
            .put("cores", Runtime.getRuntime().availableProcessors()).put("rows", a).encodePrettily(),
            StandardCharsets.UTF_8);
      }
      return ExitCodes.OK;
    } catch (Exception e) {
      return ExitCodes.report(e, err);
    }
  }

  private static Row measure(ComputeBackend backend, AnatomyScene scene, int size, String mode, int n,
      PrintWriter err) {
    double spacing = 0.6 * 512 / size; // same field of view at every size
    boolean exact = mode.equals("exact-heart");
    SimulatorOptions options = SimulatorOptions.DEFAULT.withWarp(!exact, 0.5);
    Histogram h = new Histogram(3_600_000_000_000L, 3);
    int warped = 0;
    long casts0;
    long start;
    try (FluoroscopySimulator sim = new FluoroscopySimulator(backend, scene, options)) {
      CArmGeometry carm = new CArmGeometry(30, 10, 1100, 750, size, size, spacing, spacing, (size - 1) / 2.0,
          (size - 1) / 2.0, scene.heartCentre());
      AcquisitionState state = AcquisitionState.of(carm, 30).withLeadInsertion(200).withCsCatheterInsertion(180);
      double dt = 1.0 / 15;
      for (int i = 0; i < 3; i++) { // warm up: JIT, caches for the fixed view
        sim.next(state, dt);
      }
      casts0 = sim.rayCasts();
      long cpu0 = processCpuNanos();
      start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        AcquisitionState s = state.withLeadInsertion(200 + i * 0.5);
        if (mode.equals("new-view")) {
          s = s.withCArm(carm.withAngles(30 + 0.5 * (i + 1), 10));
        }
        long t0 = System.nanoTime();
        SimulatedFrame f = sim.next(s, dt);
        h.recordValue(System.nanoTime() - t0);
        if (f.truth().heartRendering() == HeartRendering.WARPED) {
          warped++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuMs = (processCpuNanos() - cpu0) / 1e6 / n;
      Row r = new Row(backend.name(), backend.deviceDescription(), size, mode, n, n / seconds,
          h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, cpuMs,
          (sim.rayCasts() - casts0) / (double) n, warped / (double) n);
      err.printf(Locale.ROOT, "cathnav: %s %d %s: %.1f frames/s%n", r.backend(), size, mode, r.fps());
      err.flush();
      return r;
    }
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  /** {@code cathnav.shared.data}, else {@code ../shared/data} beside the folder holding the launcher. */
  static Path sharedData() {
    String prop = System.getProperty("cathnav.shared.data");
    if (prop != null) {
      return Path.of(prop);
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("cathnav")) && Files.isDirectory(p.resolve("simulator"))) {
        return p.resolve("../shared/data").normalize();
      }
    }
    return dir.resolve("../shared/data").normalize();
  }
}
