package cathnav.sim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cathnav} command line: one root command whose subcommands live in the module that owns them.
 *
 * <p>Exit codes (shared by every subcommand): 0 success; 1 runtime failure; 2 usage error (picocli);
 * 3 bad input file; 4 network or peer failure; 5 requested compute backend unavailable.
 * {@code ./cathnav test} is handled by the launcher script itself, not here.
 */
@Command(
    name = "cathnav",
    mixinStandardHelpOptions = true,
    versionProvider = CathNavCommand.Version.class,
    description = "Real-time navigation for cardiac device implantation.",
    subcommands = {
      CommandLine.HelpCommand.class,
      BenchCommand.class,
      cathnav.igtl.cli.IgtlCommand.class,
      cathnav.core.cli.RegisterCommand.class,
      cathnav.core.cli.FitMeshesCommand.class,
      SimCommand.class,
      cathnav.core.service.cli.ServeCommand.class,
      DemoCommand.class,
      cathnav.igtl.cli.RecordCommand.class,
      ReplayCommand.class
    })
public final class CathNavCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code, without exiting the JVM (tests call this). */
  public static int execute(String... args) {
    return new CommandLine(new CathNavCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = CathNavCommand.class.getPackage().getImplementationVersion();
      return new String[] {"cathnav " + (v == null ? "development build" : v)};
    }
  }
}
