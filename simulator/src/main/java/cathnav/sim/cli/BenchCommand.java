package cathnav.sim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cathnav bench ...}: the speed and accuracy benches. Each bench lives in the module it measures and prints a
 * table (and writes JSON with {@code --json FILE}); figures are compared with a named baseline in the same run.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: speed and accuracy, printed as tables and written as JSON.",
    subcommands = {
      cathnav.igtl.bench.IgtlBenchCommand.class,
      cathnav.igtl.bench.CodecBenchCommand.class,
      cathnav.core.cli.RegistrationBenchCommand.class,
      cathnav.gpu.bench.DrrBench.class,
      BenchSimCommand.class,
      BenchE2eCommand.class,
      BenchLeadCommand.class
    })
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
