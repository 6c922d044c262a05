package cathnav.igtl.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference library's example programs (ImagerClient, ReceiveServer, ...): found through system property
 * {@code cathnav.igtl.examples}, else {@code <root>/target/igtl-examples/bin} ({@code cathnav.root} or the folder above
 * holding the launcher). Missing programs fail the test with the way to build them. Every started process is killed by
 * {@link #killAll()}.
 */
final class ReferenceExamples {

  private final Path bin;
  private final List<Running> running = new ArrayList<>();

  ReferenceExamples() {
    this.bin = locate();
  }

  private static Path locate() {
    String prop = System.getProperty("cathnav.igtl.examples");
    Path dir;
    if (prop != null && !prop.isBlank()) {
      dir = Path.of(prop);
    } else {
      Path root = null;
      String rootProp = System.getProperty("cathnav.root");
      if (rootProp != null && !rootProp.isBlank()) {
        root = Path.of(rootProp);
      } else {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
          if (Files.isRegularFile(p.resolve("cathnav"))) {
            root = p;
            break;
          }
        }
      }
      dir = root == null ? Path.of("target/igtl-examples/bin") : root.resolve("target/igtl-examples/bin");
    }
    if (!Files.isExecutable(dir.resolve("ImagerClient")) || !Files.isExecutable(dir.resolve("ReceiveServer"))) {
      fail("OpenIGTLink reference example programs not found in " + dir.toAbsolutePath()
          + ": run './cathnav test' (it builds them into target/igtl-examples/bin) or pass "
          + "-Dcathnav.igtl.examples=DIR");
    }
    return dir;
  }

  /** The folder of the example images (igtlTestImage1..6.raw). */
  Path imageDir() {
    return bin.resolve("img");
  }

  /** Starts {@code program} with {@code args}; its stdout and stderr are collected together. */
  Running start(String program, Object... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(bin.resolve(program).toString());
    for (Object a : args) {
      command.add(String.valueOf(a));
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    Running r = new Running(program, p);
    running.add(r);
    return r;
  }

  /** Kills every process started here. */
  void killAll() throws InterruptedException {
    for (Running r : running) {
      r.process.destroyForcibly();
      r.process.waitFor(5, TimeUnit.SECONDS);
    }
    running.clear();
  }

  /** A started example program and everything it printed so far. */
  static final class Running {
    final String program;
    final Process process;
    private final StringBuffer output = new StringBuffer();

    Running(String program, Process process) {
      this.program = program;
      this.process = process;
      Thread reader = new Thread(() -> {
        byte[] buf = new byte[8192];
        try (InputStream in = process.getInputStream()) {
          int n;
          while ((n = in.read(buf)) > 0) {
            output.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
          }
        } catch (IOException ignored) {
          // the process was killed
        }
      }, "igtl-example-" + program);
      reader.setDaemon(true);
      reader.start();
    }

    String output() {
      return output.toString();
    }

    /** Occurrences of {@code text} in the output so far. */
    int count(String text) {
      String all = output();
      int n = 0;
      for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + text.length())) {
        n++;
      }
      return n;
    }

    /** Waits until the output holds {@code text} at least {@code times} times. */
    void awaitOutput(String text, int times, long seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (count(text) < times) {
        assertTrue(System.nanoTime() < deadline, program + " did not print '" + text + "' " + times
            + " times within " + seconds + " s; output so far:\n" + tail());
        Thread.sleep(20);
      }
    }

    /** Waits for the process to end; fails with its output if it does not. */
    int awaitExit(long seconds) throws InterruptedException {
      assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), program + " still running after " + seconds
          + " s; output:\n" + tail());
      return process.exitValue();
    }

    String tail() {
      String all = output();
      return all.length() > 3000 ? "..." + all.substring(all.length() - 3000) : all;
    }
  }

  static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
