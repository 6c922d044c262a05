package cathnav.core.service.igtl;

import static cathnav.core.testing.Waits.await;

import cathnav.core.service.FrameOutcome;
import cathnav.core.service.OutcomeListener;
import cathnav.core.service.PipelineStatus;
import cathnav.igtl.rec.RecordedMessage;
import cathnav.igtl.rec.RecordingReader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test helper for replay tests: sends a recording's frames to a running service one at a time (the next once the
 * previous frame's overlay is out, so none is dropped in the latest-frame slot), collects each overlay's JSON with
 * its latency blanked, then closes the connection, the server and Vert.x.
 */
final class LockstepReplay {

  private LockstepReplay() {}

  /**
   * @param perFrame how long to wait for one frame's overlay before sending the next anyway
   * @return the overlays in arrival order, {@code "latencyMs"} replaced by {@code _}
   */
  static List<String> overlays(Vertx vertx, NavigationServer server, Path recording, Duration perFrame)
      throws Exception {
    List<String> overlays = new CopyOnWriteArrayList<>();
    server.service().addListener(new OutcomeListener() {
      @Override
      public void onOutcome(FrameOutcome o) {
        overlays.add(o.overlay().toJson().replaceAll("\"latencyMs\":[0-9.]+", "\"latencyMs\":_"));
      }

      @Override
      public void onProblem(int code, String errorName, String message) {}

      @Override
      public void onStale(boolean stale, PipelineStatus status) {}
    });
    NetSocket socket = await(vertx.createNetClient().connect(server.igtlPort(), "127.0.0.1"));
    socket.handler(b -> {});
    try (RecordingReader reader = RecordingReader.open(recording)) {
      RecordedMessage m;
      int sent = 0;
      while ((m = reader.next()) != null) {
        await(socket.write(Buffer.buffer(m.message())));
        sent++;
        long deadline = System.nanoTime() + perFrame.toNanos();
        while (overlays.size() < sent && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
      }
    }
    await(socket.close());
    await(server.close());
    await(vertx.close());
    return List.copyOf(overlays);
  }
}
