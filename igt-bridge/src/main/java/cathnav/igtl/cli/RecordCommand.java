package cathnav.igtl.cli;

import cathnav.igtl.rec.Direction;
import cathnav.igtl.rec.RecordedMessage;
import cathnav.igtl.rec.RecordingWriter;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav igtl record}: records every OpenIGTLink message of a connection, as it crossed the wire, into a
 * {@code .igtlrec} file (received messages, and the queries this tool sent). The frames are copied on the event loop
 * and written by a dedicated writer thread; the file takes its final name when recording stops (count, duration, the
 * peer closing, or Ctrl-C).
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = "Record the OpenIGTLink messages of a connection into a .igtlrec file.")
public final class RecordCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true, multiplicity = "1")
  DumpCommand.Mode mode;

  @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE.igtlrec", description = "Recording to write.")
  Path out;

  @Option(names = "--send", paramLabel = "TYPE[:DEVICE]", converter = QuerySpec.Converter.class,
      description = "Query to send on connect: GET_x, STT_x or STP_x (repeatable).")
  List<QuerySpec> queries = List.of();

  @Option(names = "--count", paramLabel = "N", description = "Stop after N received messages.")
  long count = -1;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds.")
  double duration = -1;

  @Override
  public Integer call() throws Exception {
    if (count == 0 || count < -1 || duration == 0 || duration < -1) {
      System.err.println("igtl record: --count and --duration must be positive");
      return ExitCodes.USAGE;
    }
    HostPort where = mode.listen != null ? mode.listen : mode.connect;
    RecordingWriter writer;
    try {
      writer = RecordingWriter.create(out, "start=" + Instant.now() + " source="
          + (mode.listen != null ? "listen:" : "connect:") + where);
    } catch (IOException e) {
      System.err.println("igtl record: cannot create " + out + ": " + e.getMessage());
      return ExitCodes.BAD_INPUT_FILE;
    }
    ExecutorService disk = Executors.newSingleThreadExecutor(r -> new Thread(r, "igtl-record-writer"));
    AtomicLong received = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Promise<Void> done = Promise.promise();
    Thread hook = new Thread(() -> done.tryComplete(), "igtl-record-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    Vertx vertx = Vertx.vertx();
    try {
      TapSession session;
      try {
        session = TapSession.start(vertx, mode.listen, mode.connect, (c, sent, wall, frame) -> {
          if (!sent && count > 0 && received.get() >= count) {
            return;
          }
          byte[] bytes = new byte[frame.readableBytes()];
          frame.getBytes(frame.readerIndex(), bytes);
          RecordedMessage entry = new RecordedMessage(wall, sent ? Direction.SENT : Direction.RECEIVED,
              (int) c.id(), bytes);
          disk.execute(() -> {
            try {
              writer.write(entry);
            } catch (IOException e) {
              failed.incrementAndGet();
              done.tryFail(e);
            }
          });
          if (!sent && count > 0 && received.incrementAndGet() >= count) {
            done.tryComplete();
          }
        }, queries).await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("igtl record: " + e.getMessage());
        disk.shutdownNow();
        writer.close();
        return ExitCodes.NETWORK_FAILURE;
      }
      System.err.println("igtl record: recording " + where + " into " + out);
      session.ended().onComplete(ar -> done.tryComplete());
      if (duration > 0) {
        vertx.setTimer((long) (duration * 1000), t -> done.tryComplete());
      }
      try {
        done.future().await();
      } catch (RuntimeException e) {
        System.err.println("igtl record: writing " + out + " failed: " + e.getMessage());
      }
      session.close().await(10, TimeUnit.SECONDS);
    } finally {
      disk.shutdown();
      disk.awaitTermination(60, TimeUnit.SECONDS);
      writer.close();
      vertx.close().await(10, TimeUnit.SECONDS);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already stopping (Ctrl-C): the recording was closed above all the same
      }
    }
    System.err.println("igtl record: wrote " + writer.entries() + " messages to " + out);
    return failed.get() == 0 ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
  }
}
