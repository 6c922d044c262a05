package cathnav.igtl.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav bench igtl}: CathNav's OpenIGTLink receive path against the reference C++ library's, on loopback
 * IMAGE streams of 512 x 512 and 1024 x 1024 uint16, CRC-64 checked and not: frames/s and MB/s with the sender as
 * fast as possible, and latency p50/p99 at 30 fps. Prints a table (and JSON with {@code --json FILE}).
 *
 * <p>Goals: java frames/s at least 1.5x the C++ library's with CRC on; p99 at 30 fps 1024 x 1024 under 5 ms.
 */
@Command(
    name = "igtl",
    mixinStandardHelpOptions = true,
    description = "OpenIGTLink IMAGE receive bench: CathNav (Java) vs the reference C++ library, loopback.")
public final class IgtlBenchCommand implements Callable<Integer> {

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
  Path json;

  @Option(names = "--frames", paramLabel = "N", defaultValue = "600",
      description = "Frames per throughput run at 1024x1024 (4x as many at 512x512). Default: ${DEFAULT-VALUE}.")
  int frames;

  @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "10",
      description = "Length of each 30 fps latency run, seconds. Default: ${DEFAULT-VALUE}.")
  int latencySeconds;

  @Override
  public Integer call() throws Exception {
    if (frames < 10 || latencySeconds < 1) {
      System.err.println("bench igtl: --frames must be >= 10 and --latency-seconds >= 1");
      return 2;
    }
    Path root = ReferenceBenchPrograms.findRoot();
    ReferenceBenchPrograms programs;
    try {
      programs = ReferenceBenchPrograms.build(root);
    } catch (IOException e) {
      System.err.println("bench igtl: " + e.getMessage());
      return 1;
    }
    String loadBefore = loadAverage();
    System.out.println("bench igtl: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
        + loadBefore + " (other work on the machine inflates latency percentiles)");
    Path work = Files.createTempDirectory("cathnav-bench-igtl");
    Vertx vertx = Vertx.vertx();
    List<BenchRow> rows = new ArrayList<>();
    try {
      IgtlImageBench bench = new IgtlImageBench(vertx, programs, work);
      System.out.println("bench igtl: warming up the Java receive path");
      bench.warmUp(512, 512, 1000);
      for (int size : new int[] {512, 1024}) {
        for (boolean crc : new boolean[] {true, false}) {
          int n = size == 512 ? frames * 4 : frames;
          System.out.printf(Locale.ROOT, "bench igtl: %dx%d crc=%s (%d frames, then %d s at 30 fps, each receiver)%n",
              size, size, crc ? "on" : "off", n, latencySeconds);
          rows.addAll(bench.run(size, size, crc, n, latencySeconds * 30));
        }
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      Files.deleteIfExists(work);
    }
    printTable(System.out, rows);
    String loadAfter = loadAverage();
    System.out.println("bench igtl: load average before " + loadBefore + ", after " + loadAfter);
    if (json != null) {
      Files.writeString(json, toJson(rows).put("loadAverageBefore", loadBefore).put("loadAverageAfter", loadAfter)
          .encodePrettily());
      System.out.println("bench igtl: wrote " + json);
    }
    return 0;
  }

  /** The table, one line per (size, crc, implementation), then the java/c++ ratio. */
  static void printTable(PrintStream out, List<BenchRow> rows) {
    out.println();
    out.println("| image | CRC | receiver | frames/s | MB/s | p50 ms @30fps | p99 ms @30fps | max ms @30fps |");
    out.println("|---|---|---|---:|---:|---:|---:|---:|");
    for (int i = 0; i + 1 < rows.size(); i += 2) {
      BenchRow java = rows.get(i);
      BenchRow cpp = rows.get(i + 1);
      for (BenchRow r : List.of(java, cpp)) {
        out.printf(Locale.ROOT, "| %dx%d u16 | %s | %s | %.0f | %.0f | %.2f | %.2f | %.2f |%n", r.width(), r.height(),
            r.crc() ? "on" : "off", r.implementation(), r.framesPerSecond(), r.megabytesPerSecond(), r.latencyP50Ms(),
            r.latencyP99Ms(), r.latencyMaxMs());
      }
      out.printf(Locale.ROOT, "| %dx%d u16 | %s | **java / c++** | **%.2fx** | | %.2fx | %.2fx | |%n", java.width(),
          java.height(), java.crc() ? "on" : "off", java.framesPerSecond() / cpp.framesPerSecond(),
          java.latencyP50Ms() / cpp.latencyP50Ms(), java.latencyP99Ms() / cpp.latencyP99Ms());
    }
    out.println();
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static JsonObject toJson(List<BenchRow> rows) {
    JsonArray array = new JsonArray();
    for (BenchRow r : rows) {
      array.add(new JsonObject()
          .put("receiver", r.implementation())
          .put("width", r.width())
          .put("height", r.height())
          .put("scalarType", "uint16")
          .put("crc", r.crc())
          .put("framesPerSecond", r.framesPerSecond())
          .put("megabytesPerSecond", r.megabytesPerSecond())
          .put("frames", r.frames())
          .put("latencyP50Ms", r.latencyP50Ms())
          .put("latencyP99Ms", r.latencyP99Ms())
          .put("latencyMaxMs", r.latencyMaxMs())
          .put("latencyFrames", r.latencyFrames())
          .put("latencyFps", 30));
    }
    return new JsonObject()
        .put("bench", "igtl")
        .put("transport", "loopback TCP")
        .put("sender", "reference C++ library, pre-packed IMAGE, header version 1")
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("java", System.getProperty("java.version"))
        .put("rows", array);
  }
}
