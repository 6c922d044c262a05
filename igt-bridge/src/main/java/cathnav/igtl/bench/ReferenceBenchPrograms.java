package cathnav.igtl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The C++ sender and receiver of the bench ({@code igt-bridge/src/bench/cpp}), built against the reference
 * OpenIGTLink library with CMake on first use and cached in {@code <root>/target/igtl-bench-cpp} (rebuilt when a source
 * is newer than the binaries).
 *
 * @param sender the {@code igtl_bench_sender} executable
 * @param receiver the {@code igtl_bench_receiver} executable
 */
public record ReferenceBenchPrograms(Path sender, Path receiver) {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceBenchPrograms.class);

  /** Where the reference library's CMake package lives on Debian (libopenigtlink-dev). */
  public static final String OPENIGTLINK_CMAKE_DIR = "/usr/lib/openigtlink";

  /** Builds (when needed) and returns the programs; {@code root} is the checkout root. */
  public static ReferenceBenchPrograms build(Path root) throws IOException, InterruptedException {
    Path source = root.resolve("igt-bridge/src/bench/cpp");
    Path build = root.resolve("target/igtl-bench-cpp");
    ReferenceBenchPrograms programs =
        new ReferenceBenchPrograms(build.resolve("igtl_bench_sender"), build.resolve("igtl_bench_receiver"));
    if (!Files.isDirectory(source)) {
      throw new IOException("bench C++ sources not found, dir=" + source);
    }
    if (programs.upToDate(source)) {
      return programs;
    }
    if (!Files.isDirectory(Path.of(OPENIGTLINK_CMAKE_DIR))) {
      throw new IOException("reference OpenIGTLink library not installed (no " + OPENIGTLINK_CMAKE_DIR
          + "); install it with: sudo apt-get install -y libopenigtlink-dev cmake g++ make");
    }
    Files.createDirectories(build);
    Path log = build.resolve("build.log");
    LOG.info("building bench C++ programs, source={}, build={}", source, build);
    run(List.of("cmake", "-S", source.toString(), "-B", build.toString(), "-DCMAKE_BUILD_TYPE=Release",
        "-DOpenIGTLink_DIR=" + OPENIGTLINK_CMAKE_DIR), log);
    run(List.of("cmake", "--build", build.toString(), "-j", "2"), log);
    if (!programs.upToDate(source)) {
      throw new IOException("bench C++ build produced no programs, see log=" + log);
    }
    return programs;
  }

  private boolean upToDate(Path source) throws IOException {
    if (!Files.isExecutable(sender) || !Files.isExecutable(receiver)) {
      return false;
    }
    FileTime built = Files.getLastModifiedTime(sender).compareTo(Files.getLastModifiedTime(receiver)) < 0
        ? Files.getLastModifiedTime(sender) : Files.getLastModifiedTime(receiver);
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.getLastModifiedTime(f).compareTo(built) > 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static void run(List<String> command, Path log) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("build step timed out, command=" + String.join(" ", command) + ", log=" + log);
    }
    if (p.exitValue() != 0) {
      throw new IOException("build step failed, exit=" + p.exitValue() + ", command=" + String.join(" ", command)
          + ", log=" + log);
    }
  }

  /** The checkout root: system property {@code cathnav.root}, else the nearest folder above the working directory
   * holding the {@code cathnav} launcher. */
  public static Path findRoot() throws IOException {
    String prop = System.getProperty("cathnav.root");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("cathnav")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IOException("checkout root not found (no folder with the cathnav launcher above "
        + Path.of("").toAbsolutePath() + "); set -Dcathnav.root=DIR");
  }
}
