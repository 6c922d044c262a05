package cathnav.core.cli;

import cathnav.core.registration.bench.BenchCase;
import cathnav.core.registration.bench.BenchSummary;
import cathnav.core.registration.bench.ErrorPlot;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav bench registration summarize}: pools the cases of earlier bench runs ({@code --json} outputs, for
 * example runs split across processes or a wide-start run that supplies failures), prints the table, draws the
 * plot ({@code bench registration calibrate} fits the confidence model from such files). Exit codes: 0 ok, 1 cannot write, 3 bad input file.
 */
@Command(
    name = "summarize",
    mixinStandardHelpOptions = true,
    description = "Pools earlier 'bench registration --json' runs: table and plot.")
public final class RegistrationBenchSummaryCommand implements Callable<Integer> {

  @Option(names = "--from", required = true, description = "a bench JSON file (repeatable)")
  List<Path> from;

  @Option(names = "--table-from", description = "only these inputs (repeatable) go into the table and plot; "
      + "default all")
  List<Path> tableFrom;

  @Option(names = "--plot", description = "PNG error plot")
  Path plot;

  @Override
  public Integer call() {
    List<BenchCase> all = new ArrayList<>();
    List<BenchCase> table = new ArrayList<>();
    String backend = "";
    String device = "";
    try {
      for (Path f : from) {
        JsonObject o = new JsonObject(Files.readString(f));
        JsonArray cases = o.getJsonArray("cases");
        if (cases == null) {
          System.err.println("bench registration summarize: no \"cases\" array, file=" + f);
          return 3;
        }
        backend = o.getString("backend", backend);
        device = o.getString("device", device);
        for (int i = 0; i < cases.size(); i++) {
          BenchCase c = BenchCase.fromJson(cases.getJsonObject(i));
          all.add(c);
          if (tableFrom == null || tableFrom.contains(f)) {
            table.add(c);
          }
        }
      }
    } catch (IOException | DecodeException | ClassCastException | NullPointerException e) {
      System.err.println("bench registration summarize: cannot read bench JSON: " + e);
      return 3;
    }
    if (table.isEmpty()) {
      System.err.println("bench registration summarize: no cases to summarize");
      return 3;
    }
    BenchSummary summary = BenchSummary.of(table);
    System.out.print(summary.table(backend, device));
    try {
      if (plot != null) {
        ErrorPlot.write(table, String.format(Locale.ROOT, "registration bench: %d cases, backend %s, success %.1f %%, "
            + "median mTRE %.3f mm", table.size(), backend, 100 * summary.successRate(), summary.medianMtreMm()), plot);
        System.out.println("plot: " + plot.toAbsolutePath());
      }
    } catch (IOException e) {
      System.err.println("bench registration summarize: cannot write output: " + e);
      return 1;
    }
    return 0;
  }
}
