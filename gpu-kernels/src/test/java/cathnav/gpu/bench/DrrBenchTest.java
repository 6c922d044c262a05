package cathnav.gpu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import cathnav.gpu.ComputeBackends;
import cathnav.gpu.ProviderStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code bench drr} command line: table, JSON, listing and exit codes (tiny cases; no speed is asserted). */
class DrrBenchTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new DrrBench()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void writesOneTableRowAndOneJsonResultPerCase(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("out/drr.json");
    Run r =
        run("--backend", "java", "--volume", "12,16", "--detector", "24,32", "--batch", "3", "--warmup", "0",
            "--repetitions", "1", "--json", json.toString());
    assertEquals(0, r.exitCode(), r.err());
    long rows = r.out().lines().filter(l -> l.startsWith("java ")).count();
    assertEquals(4, rows, r.out());
    String text = Files.readString(json);
    Matcher m = Pattern.compile("\"backend\":\"java\"").matcher(text);
    int results = 0;
    while (m.find()) {
      results++;
    }
    assertEquals(4, results, text);
    assertTrue(text.contains("\"volume\":16,\"width\":32,\"height\":32,\"batch\":3"), text);
    Matcher samples = Pattern.compile("\"samplesPerDrr\":(\\d+)").matcher(text);
    while (samples.find()) {
      assertTrue(Long.parseLong(samples.group(1)) > 0, text);
    }
  }

  @Test
  void listShowsEveryInstalledProviderWithItsProbe() {
    Run r = run("--list");
    assertEquals(0, r.exitCode(), r.err());
    for (ProviderStatus s : ComputeBackends.probeAll()) {
      assertTrue(r.out().contains(s.name() + " (priority " + s.priority() + "): "), r.out());
    }
  }

  @Test
  void unavailableBackendExitsWithFive() {
    ProviderStatus cuda =
        ComputeBackends.probeAll().stream().filter(s -> s.name().equals("cuda")).findFirst().orElse(null);
    assumeFalse(cuda != null && cuda.available(), "cuda runs here, so it cannot stand for an unavailable backend");
    Run r = run("--backend", "cuda", "--volume", "8", "--detector", "8", "--repetitions", "1");
    assertEquals(5, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("requested=cuda"), r.err());
  }

  @Test
  void invalidBatchIsAUsageError() {
    Run r = run("--backend", "java", "--batch", "0");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--batch must be >= 1"), r.err());
  }

  @Test
  void unknownBackendIsAUsageError() {
    Run r = run("--backend", "vulkan");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("unknown --backend"), r.err());
  }
}
