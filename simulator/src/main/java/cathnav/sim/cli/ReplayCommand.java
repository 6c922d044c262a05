package cathnav.sim.cli;

import cathnav.core.service.igtl.OutputMessages;
import cathnav.igtl.rec.Direction;
import cathnav.sim.replay.CineSource;
import cathnav.sim.replay.PlusSequenceReader;
import cathnav.sim.replay.PlusSequenceSource;
import cathnav.sim.replay.RecordingSource;
import cathnav.sim.replay.LockstepSink;
import cathnav.sim.replay.ReplayPacer;
import cathnav.sim.replay.ReplaySource;
import cathnav.sim.stream.IgtlSocketSender;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cathnav replay}: sends a recording, a PLUS sequence or a frame stack (cine) to an OpenIGTLink peer with its
 * timing.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays to an OpenIGTLink server, with the recorded timing (--speed 1), faster (--speed 2) or as fast as the"
          + " peer takes them (--speed max):",
      "  FILE.igtlrec                 the recorded messages, byte for byte (received ones; --sent for the others)",
      "  FILE.igs.mha | FILE.igs.nrrd a PLUS sequence as TRANSFORM + IMAGE per frame with the file's timestamps",
      "  FILE.nrrd | FILE.pgm         a 2D frame stack as a fluoroscopy IMAGE stream (frame time and C-arm angles"
          + " from the NRRD comments or the options)",
      "Example: cathnav replay ../shared/data/xray/xa_catheter_cine_512x512x12_u8.nrrd --to localhost:18944"
    })
public final class ReplayCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "What to replay.")
  Path file;

  @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "The OpenIGTLink server.")
  String to;

  @Option(names = "--speed", defaultValue = "1", paramLabel = "1|2|max",
      description = "Time scale: 1 as recorded, 2 twice as fast, max without waiting (default: ${DEFAULT-VALUE}).")
  String speed;

  @Option(names = "--sent", description = "For a recording: replay the messages the recorder sent.")
  boolean sent;

  @Option(names = "--igtl-version", defaultValue = "2",
      description = "Header version of the messages built from sequences and stacks (default: ${DEFAULT-VALUE}).")
  int igtlVersion;

  @Option(names = "--retime", description = "For a PLUS sequence: stamp messages with the wall clock instead of the"
      + " tracker's timestamps.")
  boolean retime;

  @Option(names = "--frame-time-ms", paramLabel = "MS", description = "For a frame stack: frame interval.")
  Double frameTimeMs;

  @Option(names = "--primary-angle", paramLabel = "DEG", description = "For a frame stack: C-arm primary angle.")
  Double primaryAngle;

  @Option(names = "--secondary-angle", paramLabel = "DEG", description = "For a frame stack: secondary angle.")
  Double secondaryAngle;

  @Option(names = "--lockstep", description = "Send each frame only once the CathNav service has answered the previous"
      + " one (its Readouts STRING with the frame's time stamp), as fast as it answers; nothing is dropped, and with"
      + " serve --deterministic-registration every replay gives the same overlays. Ignores --speed.")
  boolean lockstep;

  @Option(names = "--lockstep-timeout", defaultValue = "120", paramLabel = "S",
      description = "With --lockstep: seconds to wait for an answer (default: ${DEFAULT-VALUE}).")
  double lockstepTimeoutS;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    double factor;
    try {
      factor = speed.equalsIgnoreCase("max") ? 0 : Double.parseDouble(speed);
    } catch (NumberFormatException e) {
      factor = -1;
    }
    if (!(factor >= 0) || Double.isInfinite(factor) || (igtlVersion != 1 && igtlVersion != 2)
        || (frameTimeMs != null && !(frameTimeMs > 0)) || !(lockstepTimeoutS > 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be a positive number or max,"
          + " --igtl-version 1 or 2, --frame-time-ms and --lockstep-timeout positive");
    }
    LiveSinks.HostAndPort peer;
    try {
      peer = LiveSinks.HostAndPort.parse(to);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--to: " + e.getMessage());
    }
    try {
      if (!Files.isRegularFile(file)) {
        throw new ExitCodes.InputFileException("cannot read, file=" + file);
      }
      try (ReplaySource source = open(); IgtlSocketSender sender = connect(peer)) {
        ReplayPacer.Result r = lockstep
            ? ReplayPacer.play(source, new LockstepSink(sender, OutputMessages.READOUTS,
                Math.round(lockstepTimeoutS * 1e9)), 0, ReplayPacer.Clock.SYSTEM, n -> { })
            : ReplayPacer.play(source, sender, factor, n -> { });
        spec.commandLine().getOut().printf(Locale.ROOT, "replayed %d messages (%d bytes) in %.2f s to %s;"
            + " largest lateness %.2f ms%n", r.messages(), r.bytes(), r.seconds(), sender.peer(),
            r.maxLateNanos() / 1e6);
      }
      return ExitCodes.OK;
    } catch (Exception e) {
      return ExitCodes.report(e, err);
    }
  }

  private ReplaySource open() throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".igtlrec")) {
      return new RecordingSource(file, sent ? Direction.SENT : Direction.RECEIVED);
    }
    if (name.endsWith(".igs.mha") || name.endsWith(".igs.nrrd") || name.endsWith(".mha")
        || name.endsWith(".mhd")) {
      return new PlusSequenceSource(PlusSequenceReader.read(file), igtlVersion,
          retime ? System.currentTimeMillis() * 1_000_000L : null);
    }
    if (name.endsWith(".nrrd") || name.endsWith(".nhdr") || name.endsWith(".pgm")) {
      CineSource.CineInfo info = name.endsWith(".pgm") ? new CineSource.CineInfo(33, null, null)
          : CineSource.describedIn(file);
      info = new CineSource.CineInfo(frameTimeMs != null ? frameTimeMs : info.frameTimeMs(),
          primaryAngle != null ? primaryAngle : info.primaryAngleDeg(),
          secondaryAngle != null ? secondaryAngle : info.secondaryAngleDeg());
      return new CineSource(file, info, igtlVersion, System.currentTimeMillis() * 1_000_000L);
    }
    throw new ExitCodes.InputFileException("unknown file kind, file=" + file
        + " (expected .igtlrec, .igs.mha, .igs.nrrd, .nrrd or .pgm)");
  }

  private static IgtlSocketSender connect(LiveSinks.HostAndPort peer) throws IOException {
    try {
      return IgtlSocketSender.connect(peer.host(), peer.port(), 5000);
    } catch (IOException e) {
      throw new ExitCodes.PeerException(e.getMessage(), e);
    }
  }
}
