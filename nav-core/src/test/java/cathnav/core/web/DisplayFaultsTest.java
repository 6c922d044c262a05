package cathnav.core.web;

import static cathnav.core.testing.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.service.FixedPoseTracker;
import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.NavigationService;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.ServiceOptions;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Displays that misbehave: too slow to read, gone mid-frame. The others, and the pipeline, go on. */
class DisplayFaultsTest {

  private Vertx vertx;
  private NavigationService service;
  // held in fields: Vert.x closes clients that are no longer referenced
  private io.vertx.core.http.WebSocketClient clients;
  private NetClient net;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    service = await(NavigationService.start(vertx,
        ServiceOptions.defaults().withHttp("127.0.0.1", 0).withDisplay(512, DisplayEncoder.Format.PNG),
        (model, backend) -> new FixedPoseTracker(PoseEstimate.identity(), "java"), LeadTipDetector.NONE,
        request -> {
          throw new java.io.IOException("not used");
        }));
    clients = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
        .setMaxMessageSize(8 << 20).setMaxFrameSize(8 << 20));
    net = vertx.createNetClient();
  }

  @AfterEach
  void stop() throws Exception {
    await(service.close());
    await(vertx.close());
  }

  private void broadcast(int frames, int bytes) throws InterruptedException {
    for (int i = 0; i < frames; i++) {
      Buffer message = Buffer.buffer(new byte[bytes]);
      service.context().runOnContext(v -> service.displays().broadcast(message));
      Thread.sleep(20);
    }
  }

  private void awaitDisplays(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (service.displays().count() != n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(n, service.displays().count());
  }

  @Test
  void aDisplayThatStopsReadingDropsFramesWhileAnotherKeepsReceiving() throws Exception {
    AtomicInteger fastFrames = new AtomicInteger();
    WebSocket fast = await(clients.connect(service.httpPort(), "127.0.0.1", "/ws"));
    fast.binaryMessageHandler(b -> fastFrames.incrementAndGet());
    // a small receive buffer so the paused peer's socket fills after a frame or two, as a stalled browser's would
    io.vertx.core.http.WebSocketClient slowClient = vertx.createWebSocketClient(
        new io.vertx.core.http.WebSocketClientOptions().setMaxMessageSize(8 << 20).setReceiveBufferSize(16 * 1024));
    WebSocket slow = await(slowClient.connect(service.httpPort(), "127.0.0.1", "/ws"));
    slow.pause(); // never reads: its socket buffers fill and the hub must drop for it
    awaitDisplays(2);

    // frames straight into the hub on its context, so the test does not depend on how fast this machine encodes
    int frames = 30;
    broadcast(frames, 300 * 1024);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int seen = -1;
    while (fastFrames.get() != seen && fastFrames.get() < frames && System.nanoTime() < deadline) {
      seen = fastFrames.get();
      Thread.sleep(300); // until the reading display stops receiving
    }

    // the paused display holds what its socket buffers take and one waiting frame; the rest was dropped for it
    assertTrue(service.displays().dropped() >= frames / 2, "dropped for the paused display: "
        + service.displays().dropped());
    // the reading display loses frames only while one of its own is in flight (a loaded machine), never many
    assertTrue(fastFrames.get() >= frames / 2, "the reading display got " + fastFrames.get() + " of " + frames
        + " frames");
    await(fast.close());
    slow.resume(); // let it drain, so closing does not wait on a stalled socket
    slow.close();
    slowClient.close();
  }

  @Test
  void aDisplayVanishingMidFrameLeavesTheOthersServed() throws Exception {
    AtomicInteger frames = new AtomicInteger();
    WebSocket good = await(clients.connect(service.httpPort(), "127.0.0.1", "/ws"));
    good.binaryMessageHandler(b -> frames.incrementAndGet());
    // a raw TCP display that completes the WebSocket handshake, reads a little, then drops the connection
    NetSocket raw = await(net.connect(service.httpPort(), "127.0.0.1"));
    raw.handler(b -> {});
    await(raw.write(Buffer.buffer("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")));
    awaitDisplays(2);
    broadcast(5, 100 * 1024);
    await(raw.close());
    awaitDisplays(1);
    int before = frames.get();
    broadcast(10, 100 * 1024);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (frames.get() < before + 5 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(frames.get() >= before + 5, "remaining display stopped receiving, before=" + before + ", frames="
        + frames.get());
    await(good.close());
  }
}
