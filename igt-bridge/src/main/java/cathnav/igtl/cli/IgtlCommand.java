package cathnav.igtl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cathnav igtl ...}: OpenIGTLink tools (dump, send, record, play). */
@Command(
    name = "igtl",
    mixinStandardHelpOptions = true,
    description = "OpenIGTLink tools: dump, send, record and play messages.",
    subcommands = {DumpCommand.class, SendCommand.class, RecordCommand.class, PlayCommand.class})
public final class IgtlCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
