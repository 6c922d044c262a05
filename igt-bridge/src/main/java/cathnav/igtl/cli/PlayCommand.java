package cathnav.igtl.cli;

import cathnav.igtl.net.IgtlClient;
import cathnav.igtl.net.IgtlClientOptions;
import cathnav.igtl.rec.Direction;
import cathnav.igtl.rec.RecordingFormatException;
import cathnav.igtl.rec.RecordingPlayer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cathnav igtl play}: sends the received messages of a {@code .igtlrec} recording to an OpenIGTLink server,
 * with the recorded timing or as fast as possible.
 */
@Command(
    name = "play",
    mixinStandardHelpOptions = true,
    description = "Replay the received messages of a .igtlrec recording to an OpenIGTLink server.")
public final class PlayCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE.igtlrec", description = "The recording.")
  Path file;

  @Option(names = "--to", required = true, paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "The server to send to.")
  HostPort to;

  @Option(names = "--max-speed", description = "As fast as possible instead of the recorded timing.")
  boolean maxSpeed;

  @Option(names = "--sent", description = "Replay the messages the recorder sent instead of those it received.")
  boolean sent;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(file)) {
      System.err.println("igtl play: cannot read recording, file=" + file);
      return ExitCodes.BAD_INPUT_FILE;
    }
    Vertx vertx = Vertx.vertx();
    IgtlClient client = IgtlClient.create(vertx, new IgtlClientOptions().setHost(to.host()).setPort(to.port()));
    try {
      try {
        client.connect().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("igtl play: " + e.getMessage());
        return ExitCodes.NETWORK_FAILURE;
      }
      Direction wanted = sent ? Direction.SENT : Direction.RECEIVED;
      RecordingPlayer.Result result;
      try {
        result = RecordingPlayer.play(file, e -> e.direction() == wanted,
            maxSpeed ? RecordingPlayer.Pacing.AS_FAST_AS_POSSIBLE : RecordingPlayer.Pacing.RECORDED, client::send);
      } catch (RecordingFormatException e) {
        System.err.println("igtl play: " + e.getMessage());
        return ExitCodes.BAD_INPUT_FILE;
      } catch (IOException e) {
        System.err.println("igtl play: " + e.getMessage());
        return ExitCodes.NETWORK_FAILURE;
      }
      System.err.printf("igtl play: sent %d messages to %s in %.3f s (%d skipped, %d undecodable)%n", result.played(),
          to, result.seconds(), result.skipped(), result.invalid());
      return result.invalid() == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT_FILE;
    } finally {
      client.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
