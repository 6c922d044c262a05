package cathnav.gpu.bench;

import cathnav.gpu.Attenuation;
import cathnav.gpu.BackendUnavailableException;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.FallbackPolicy;
import cathnav.gpu.PreparedTarget;
import cathnav.gpu.ProviderStatus;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.SimilarityMetric;
import cathnav.gpu.VolumeGrid;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav bench drr}: DRR rendering and batched pose scoring speed per backend, volume size and detector size,
 * on a deterministic chest phantom ({@link ChestPhantom}) seen from a fixed oblique C-arm view
 * ({@link BenchGeometry}). Each case: upload, warm-up, then timed repetitions of single renders (ms per DRR, DRRs/s,
 * G samples/s; also the process CPU time per DRR, which stays meaningful on a shared machine) and of
 * {@code scorePoses} batches (pose scores/s). Prints a table and optionally writes JSON.
 *
 * <p>Also runnable on its own ({@link #main}) where the launcher is absent, e.g. on the GPU machine:
 * {@code bash .device/run.sh main cathnav.gpu.bench.DrrBench --backend cuda}.
 *
 * <p>Exit codes: 0 done; 1 runtime failure (e.g. JSON not writable); 2 usage; 5 requested backend unavailable.
 */
@Command(
    name = "drr",
    mixinStandardHelpOptions = true,
    description = "DRR rendering and pose scoring speed per compute backend (table, optional JSON).")
public final class DrrBench implements Callable<Integer> {

  @Option(
      names = "--backend",
      defaultValue = "all",
      description = "java, opencl, cuda, auto, or all (every backend that probes). Default: ${DEFAULT-VALUE}.")
  String backend;

  @Option(names = "--volume", split = ",", defaultValue = "128,256", description = "Volume edge lengths (n for n^3 voxels). Default: ${DEFAULT-VALUE}.")
  List<Integer> volumes;

  @Option(names = "--detector", split = ",", defaultValue = "256,512", description = "Detector edge lengths, pixels. Default: ${DEFAULT-VALUE}.")
  List<Integer> detectors;

  @Option(names = "--batch", defaultValue = "16", description = "Poses per scorePoses call. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--metric", defaultValue = "NCC", description = "NCC or GRADIENT_CORRELATION. Default: ${DEFAULT-VALUE}.")
  SimilarityMetric metric;

  @Option(names = "--voxel-mm", defaultValue = "1.0", description = "Phantom voxel size, mm. Default: ${DEFAULT-VALUE}.")
  double voxelMm;

  @Option(names = "--step-mm", defaultValue = "1.0", description = "Ray sampling step, mm. Default: ${DEFAULT-VALUE}.")
  double stepMm;

  @Option(names = "--warmup", defaultValue = "5", description = "Untimed repetitions per case (JIT warm-up for java). Default: ${DEFAULT-VALUE}.")
  int warmup;

  @Option(names = "--repetitions", defaultValue = "10", description = "Timed repetitions per case. Default: ${DEFAULT-VALUE}.")
  int repetitions;

  @Option(names = "--json", description = "Also write the results as JSON to this file.")
  Path json;

  @Option(names = "--list", description = "List the installed backends with their probe results, then exit.")
  boolean list;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** One measured case. */
  record Result(
      String backend,
      String device,
      int volume,
      int width,
      int height,
      int batch,
      double msPerDrr,
      double cpuMsPerDrr,
      double drrsPerSecond,
      double gigaSamplesPerSecond,
      double poseScoresPerSecond,
      double msPerPoseScore,
      double cpuMsPerPoseScore,
      long samplesPerDrr) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new DrrBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (list) {
      ComputeBackends.probeAll().forEach(s -> out.println(s));
      out.flush();
      return 0;
    }
    validate();
    List<String> names = backendNames();
    if (names.isEmpty()) {
      err.println("no compute backend available: " + ComputeBackends.probeAll());
      err.flush();
      return 5;
    }
    List<Result> results = new ArrayList<>();
    for (String name : names) {
      ComputeBackend b;
      try {
        b = ComputeBackends.select(name, FallbackPolicy.FAIL).backend();
      } catch (BackendUnavailableException e) {
        err.println("cathnav bench drr: " + e.getMessage());
        err.flush();
        return 5;
      }
      try (ComputeBackend opened = b) {
        for (int n : volumes) {
          VolumeGrid grid = ChestPhantom.of(n, voxelMm);
          try (DeviceVolume volume = opened.uploadVolume(grid, Attenuation.DEFAULT)) {
            for (int d : detectors) {
              Result r = measure(opened, volume, n, d, d);
              if (results.isEmpty()) {
                out.println(header());
              }
              results.add(r);
              out.println(row(r));
              out.flush();
            }
          }
        }
      }
    }
    if (json != null) {
      try {
        writeJson(results);
      } catch (IOException e) {
        err.println("cathnav bench drr: cannot write JSON, file=" + json + ", error=" + e.getMessage());
        err.flush();
        return 1;
      }
      out.println("written " + json);
    }
    out.flush();
    return 0;
  }

  private void validate() {
    List<String> problems = new ArrayList<>();
    if (batch < 1) {
      problems.add("--batch must be >= 1, batch=" + batch);
    }
    if (repetitions < 1 || warmup < 0) {
      problems.add("--repetitions must be >= 1 and --warmup >= 0, repetitions=" + repetitions + ", warmup=" + warmup);
    }
    if (!(voxelMm > 0) || !(stepMm > 0)) {
      problems.add("--voxel-mm and --step-mm must be positive, voxelMm=" + voxelMm + ", stepMm=" + stepMm);
    }
    volumes.stream().filter(n -> n < 2 || n > 1024).forEach(n -> problems.add("--volume out of [2, 1024], volume=" + n));
    detectors.stream().filter(n -> n < 2 || n > 8192).forEach(n -> problems.add("--detector out of [2, 8192], detector=" + n));
    if (!problems.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
    }
  }

  private List<String> backendNames() {
    String wanted = backend.trim().toLowerCase(Locale.ROOT);
    if (!wanted.equals("all")) {
      if (!wanted.equals(ComputeBackends.AUTO) && !ComputeBackends.NAMES.contains(wanted)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "unknown --backend, backend=" + backend + ", expected java, opencl, cuda, auto or all");
      }
      return List.of(wanted);
    }
    return ComputeBackends.probeAll().stream().filter(ProviderStatus::available).map(ProviderStatus::name).toList();
  }

  private Result measure(ComputeBackend b, DeviceVolume volume, int n, int width, int height) {
    double extent = n * voxelMm;
    Projection projection = BenchGeometry.projection(width, height, extent);
    RenderOptions options = new RenderOptions(stepMm);
    double[] identity = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    long samples = BenchGeometry.samplesPerDrr(projection, n, voxelMm, stepMm);
    double msPerDrr;
    double cpuMsPerDrr;
    double msPerScore;
    double cpuMsPerScore;
    try (DeviceImage image = b.createImage(width, height)) {
      for (int i = 0; i < warmup; i++) {
        b.render(volume, projection, identity, options, image);
      }
      b.sumAndSumOfSquares(image); // waits for queued work on asynchronous devices
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      for (int i = 0; i < repetitions; i++) {
        b.render(volume, projection, identity, options, image);
      }
      b.sumAndSumOfSquares(image);
      msPerDrr = (System.nanoTime() - t0) / 1e6 / repetitions;
      long cpu1 = processCpuNanos();
      cpuMsPerDrr = cpu0 < 0 || cpu1 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e6 / repetitions;

      // target: the DRR of a slightly moved phantom; candidate poses scattered around the identity
      b.render(volume, projection, pose(0.02, 2.0, 0.5), options, image);
      double[] poses = new double[16 * batch];
      for (int i = 0; i < batch; i++) {
        System.arraycopy(pose(0.01 * (i % 5), 1.0 * (i % 3), 0.3 * i), 0, poses, 16 * i, 16);
      }
      float[] scores = new float[batch];
      try (PreparedTarget target = b.prepareTarget(image, metric, null)) {
        for (int i = 0; i < Math.max(1, warmup); i++) {
          b.scorePoses(volume, projection, target, poses, batch, options, scores);
        }
        long cpu2 = processCpuNanos();
        long t1 = System.nanoTime();
        for (int i = 0; i < repetitions; i++) {
          b.scorePoses(volume, projection, target, poses, batch, options, scores);
        }
        msPerScore = (System.nanoTime() - t1) / 1e6 / repetitions / batch;
        long cpu3 = processCpuNanos();
        cpuMsPerScore = cpu2 < 0 || cpu3 < 0 ? Double.NaN : (cpu3 - cpu2) / 1e6 / repetitions / batch;
      }
    }
    return new Result(
        b.name(),
        b.deviceDescription(),
        n,
        width,
        height,
        batch,
        msPerDrr,
        cpuMsPerDrr,
        1000.0 / msPerDrr,
        samples / (msPerDrr * 1e6),
        1000.0 / msPerScore,
        msPerScore,
        cpuMsPerScore,
        samples);
  }

  /**
   * CPU time of the whole process (all threads, native ones such as PoCL's included), ns, or -1 where the JVM does
   * not tell; its resolution is coarse (10 ms on Linux), so use enough repetitions. On a shared machine it shows
   * the work a DRR takes even when the wall clock includes waiting for a core.
   */
  private static long processCpuNanos() {
    try {
      if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        return os.getProcessCpuTime();
      }
    } catch (LinkageError e) {
      // jdk.management absent from a trimmed runtime
    }
    return -1;
  }

  /** A rigid pose: rotation {@code radians} about z through the origin, then a shift of {@code mm} along x and y. */
  private static double[] pose(double radians, double mm, double phase) {
    double c = Math.cos(radians);
    double s = Math.sin(radians);
    double dx = mm * Math.cos(phase);
    double dy = mm * Math.sin(phase);
    return new double[] {c, -s, 0, dx, s, c, 0, dy, 0, 0, 1, 0, 0, 0, 0, 1};
  }

  private static String header() {
    return String.format(
        Locale.ROOT,
        "%-7s %-44s %8s %9s %6s %9s %10s %9s %10s %12s %9s %12s",
        "backend", "device", "volume", "detector", "batch", "ms/DRR", "cpu ms/DRR", "DRRs/s", "Gsample/s", "scores/s",
        "ms/score", "cpu ms/score");
  }

  private static String row(Result r) {
    String device = r.device().length() > 44 ? r.device().substring(0, 44) : r.device();
    return String.format(
        Locale.ROOT,
        "%-7s %-44s %8s %9s %6d %9.3f %10.3f %9.1f %10.3f %12.1f %9.3f %12.3f",
        r.backend(), device, r.volume() + "^3", r.width() + "x" + r.height(), r.batch(), r.msPerDrr(),
        r.cpuMsPerDrr(), r.drrsPerSecond(), r.gigaSamplesPerSecond(), r.poseScoresPerSecond(), r.msPerPoseScore(),
        r.cpuMsPerPoseScore());
  }

  private void writeJson(List<Result> results) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"bench\":\"drr\",\"metric\":\"").append(metric).append("\",\"stepMm\":").append(stepMm)
        .append(",\"voxelMm\":").append(voxelMm).append(",\"repetitions\":").append(repetitions)
        .append(",\"results\":[");
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      sb.append(i == 0 ? "\n" : ",\n")
          .append(String.format(
              Locale.ROOT,
              "{\"backend\":\"%s\",\"device\":\"%s\",\"volume\":%d,\"width\":%d,\"height\":%d,\"batch\":%d,"
                  + "\"msPerDrr\":%.6f,\"cpuMsPerDrr\":%.6f,\"drrsPerSecond\":%.3f,\"gigaSamplesPerSecond\":%.6f,"
                  + "\"poseScoresPerSecond\":%.3f,\"msPerPoseScore\":%.6f,\"cpuMsPerPoseScore\":%.6f,"
                  + "\"samplesPerDrr\":%d}",
              escape(r.backend()), escape(r.device()), r.volume(), r.width(), r.height(), r.batch(), r.msPerDrr(),
              Double.isNaN(r.cpuMsPerDrr()) ? -1.0 : r.cpuMsPerDrr(), r.drrsPerSecond(), r.gigaSamplesPerSecond(), r.poseScoresPerSecond(), r.msPerPoseScore(),
              Double.isNaN(r.cpuMsPerPoseScore()) ? -1.0 : r.cpuMsPerPoseScore(), r.samplesPerDrr()));
    }
    sb.append("\n]}\n");
    Path parent = json.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = Files.createTempFile(parent, ".drr-bench", ".json");
    try {
      Files.writeString(tmp, sb.toString());
      Files.move(tmp, json, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        sb.append('\\').append(ch);
      } else if (ch < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }
}
