package cathnav.sim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cathnav sim ...}: synthetic fluoroscopy with ground truth. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Synthetic fluoroscopy with exact ground truth: single frames, scenarios, the phantom.",
    subcommands = {SimRenderCommand.class, SimRunCommand.class, SimPhantomCommand.class})
public final class SimCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
