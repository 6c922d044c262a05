package cathnav.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.service.FixedPoseTracker;
import cathnav.core.service.FramePixels;
import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.NavigationService;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.ReceivedFrame;
import cathnav.core.service.ServiceOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Displays that misbehave: too slow to read, gone mid-frame. The others, and the pipeline, go on. */
class DisplayFaultsTest {

  private static final int W = 512;
  private static final int H = 512;

  private Vertx vertx;
  private NavigationService service;
  private final FrameGeometry geometry = FrameGeometry.of(CArmGeometry.of(0, 0, 1200, 700, W, H, 0.3, 0.3));
  private final float[] noise = new float[W * H];
  // held in fields: Vert.x closes clients that are no longer referenced
  private io.vertx.core.http.WebSocketClient clients;
  private NetClient net;

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // PNG of noise: large messages, so a display that does not read fills its socket quickly
    service = await(NavigationService.start(vertx,
        ServiceOptions.defaults().withHttp("127.0.0.1", 0).withDisplay(512, DisplayEncoder.Format.PNG),
        (model, backend) -> new FixedPoseTracker(PoseEstimate.identity(), "java"), LeadTipDetector.NONE,
        request -> {
          throw new java.io.IOException("not used");
        }));
    clients = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
        .setMaxMessageSize(8 << 20).setMaxFrameSize(8 << 20));
    net = vertx.createNetClient();
    Random rnd = new Random(7);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = rnd.nextInt(4096);
    }
  }

  @AfterEach
  void stop() throws Exception {
    await(service.close());
    await(vertx.close());
  }

  private void stream(int frames) throws InterruptedException {
    for (int i = 0; i < frames; i++) {
      service.ingest(new ReceivedFrame(service.nextSequence(), System.nanoTime(),
          System.currentTimeMillis() * 1_000_000L, "fluoro", "test", geometry, FramePixels.of(W, H, noise)));
      Thread.sleep(15);
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

    stream(60);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (service.status().framesProcessed() < 60 - service.droppedFrames() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(300);

    assertTrue(service.displays().dropped() > 0, "the paused display dropped nothing");
    long broadcasts = service.displays().broadcasts();
    assertTrue(broadcasts >= 5, "too few display frames to judge, broadcasts=" + broadcasts);
    // the reading display may lose a frame at most while one is in flight, never because of the stalled one
    assertTrue(fastFrames.get() >= broadcasts * 8 / 10, "the reading display got " + fastFrames.get() + " of "
        + broadcasts + " frames");
    assertEquals(60, service.status().framesProcessed() + service.droppedFrames(),
        "every frame was processed or dropped by the latest-frame slot, none stuck");
    await(fast.close());
    slow.close(); // a paused peer never answers the close handshake: do not wait for it
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
    stream(5);
    await(raw.close());
    awaitDisplays(1);
    int before = frames.get();
    stream(20);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (frames.get() < before + 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    // encoding is latest-only too, so on a busy machine fewer than 20 arrive; what matters is that they still do
    assertTrue(frames.get() >= before + 3, "remaining display stopped receiving, before=" + before + ", frames="
        + frames.get());
    await(good.close());
  }
}
