package cathnav.igtl.cli;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav igtl dump}: prints one line per received OpenIGTLink message (type, device, header version, body
 * size, CRC check, time stamp and a short summary), or one JSON object per line with {@code --json}.
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = "Print every received OpenIGTLink message, one line each (or JSON lines).")
public final class DumpCommand implements Callable<Integer> {

  static final class Mode {
    @Option(names = "--listen", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
        description = "Accept connections on HOST:PORT.")
    HostPort listen;

    @Option(names = "--connect", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
        description = "Connect to a server at HOST:PORT.")
    HostPort connect;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  @Option(names = "--send", paramLabel = "TYPE[:DEVICE]", converter = QuerySpec.Converter.class,
      description = "Query to send on connect: GET_x, STT_x or STP_x (repeatable), e.g. GET_IMAGE:Fluoro, STT_TDATA.")
  List<QuerySpec> queries = List.of();

  @Option(names = "--count", paramLabel = "N", description = "Exit after N messages (default: run until stopped).")
  long count = -1;

  @Option(names = "--json", description = "One JSON object per line (keys type, device, headerVersion, bodySize, "
      + "crcOk, timestamp, time, summary).")
  boolean json;

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (count == 0 || count < -1) {
      System.err.println("igtl dump: --count must be positive");
      return ExitCodes.USAGE;
    }
    Vertx vertx = Vertx.vertx();
    try {
      AtomicLong seen = new AtomicLong();
      Promise<Void> done = Promise.promise();
      TapSession session;
      try {
        session = TapSession.start(vertx, mode.listen, mode.connect, (c, sent, wall, frame) -> {
          if (sent || (count > 0 && seen.get() >= count)) {
            return;
          }
          FrameInfo info = FrameInfo.of(frame);
          out.println(json ? info.json().encode() : info.line());
          if (count > 0 && seen.incrementAndGet() >= count) {
            out.flush();
            done.tryComplete();
          }
        }, queries).await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("igtl dump: " + e.getMessage());
        return ExitCodes.NETWORK_FAILURE;
      }
      if (mode.listen != null) {
        System.err.println("igtl dump: listening on " + mode.listen.host() + ":" + session.port());
      }
      session.ended().onComplete(ar -> done.tryFail("peer closed the connection, reason=" + ar.result()));
      try {
        done.future().await();
      } catch (RuntimeException peerClosed) {
        if (count > 0) {
          System.err.println("igtl dump: " + peerClosed.getMessage() + " after " + seen.get() + " of " + count
              + " messages");
          return ExitCodes.NETWORK_FAILURE;
        }
      } finally {
        session.close().await(10, TimeUnit.SECONDS);
      }
      return ExitCodes.OK;
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
