package cathnav.core.service.igtl;

import static cathnav.core.testing.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.ServiceOptions;
import cathnav.core.service.Trackers;
import cathnav.igtl.codec.IgtlFrameWriter;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.net.IgtlClient;
import cathnav.igtl.net.IgtlClientOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenIGTLink transport's counters on the service's {@code /metrics}: present, and moving with the traffic. */
class IgtlTransportMetricsTest {

  private static final int W = 64;
  private static final int H = 64;
  private static final FrameGeometry GEOMETRY = FrameGeometry.of(CArmGeometry.of(0, 0, 1200, 700, W, H, 2, 2));

  private Vertx vertx;
  private NavigationServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    ServiceOptions options = ServiceOptions.defaults().withIgtl("127.0.0.1", 0).withHttp("127.0.0.1", 0)
        .withConfiguredGeometry(GEOMETRY);
    server = await(NavigationServer.start(vertx, options, Trackers.fixedIdentity(), LeadTipDetector.NONE,
        request -> {
          throw new java.io.IOException("no models in this test");
        }));
  }

  @AfterEach
  void stop() throws Exception {
    await(server.close());
    await(vertx.close());
  }

  private static IgtlMessage image(long stampNanos) {
    ByteBuf px = Unpooled.buffer(W * H * 2);
    for (int i = 0; i < W * H; i++) {
      px.writeShortLE(1000 + i % 37);
    }
    ImageBody body = ImageBody.of(ScalarType.UINT16, 1, ByteOrder.LITTLE_ENDIAN, new Dim3(W, H, 1),
        new AffineMatrix(2f, 0, 0, 0, 0, 2f, 0, 0, 0, 0, 1, 0), px);
    return IgtlMessage.of("Fluoroscopy", IgtlTimestamp.ofEpochNanos(stampNanos), body);
  }

  /** The value of the first sample whose line starts with {@code series} (name and labels), or -1. */
  private double sample(String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$")
        .matcher(server.service().scrapeMetrics());
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  private void awaitSample(String series, double atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sample(series) < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void transportCountersStartAtZeroOnMetrics() {
    assertEquals(0, sample("cathnav_igtl_connections_opened_total"));
    assertEquals(0, sample("cathnav_igtl_connections_open"));
    assertEquals(0, sample("cathnav_igtl_messages_total{direction=\"in\"}"));
    assertEquals(0, sample("cathnav_igtl_bytes_total{direction=\"out\"}"));
    assertEquals(0, sample("cathnav_igtl_dropped_total"));
    assertEquals(0, sample("cathnav_igtl_closes_total{reason=\"PEER_CLOSED\"}"));
    assertEquals(0, sample("cathnav_igtl_invalid_frames_total{reason=\"CRC_MISMATCH\"}"));
  }

  @Test
  void aFrameInAndItsOutputsMoveTheCountersAndThePeerHasItsOwnDropCounter() throws Exception {
    IgtlClient c = IgtlClient.create(vertx, new IgtlClientOptions().setHost("127.0.0.1").setPort(server.igtlPort()));
    c.messageHandler((conn, m) -> {});
    await(c.connect());
    IgtlMessage frame = image(1_000_000_000L);
    int frameBytes = W * H * 2; // the pixels alone
    await(c.send(frame));
    awaitSample("cathnav_igtl_messages_total{direction=\"out\"}", 3);

    assertEquals(1, sample("cathnav_igtl_connections_opened_total"));
    assertEquals(1, sample("cathnav_igtl_connections_open"));
    assertTrue(sample("cathnav_igtl_messages_total{direction=\"in\"}") >= 1);
    assertTrue(sample("cathnav_igtl_bytes_total{direction=\"in\"}") > frameBytes, "the frame's bytes are counted in");
    assertTrue(sample("cathnav_igtl_messages_total{direction=\"out\"}") >= 3, "registration, overlay and status");
    assertTrue(sample("cathnav_igtl_bytes_total{direction=\"out\"}") > 0);
    String metrics = server.service().scrapeMetrics();
    assertTrue(Pattern.compile("(?m)^cathnav_igtl_peer_dropped\\{connection=\"\\d+\",peer=\"127\\.0\\.0\\.1:\\d+\"} 0\\.0$")
        .matcher(metrics).find(), metrics);

    await(c.close());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sample("cathnav_igtl_connections_open") != 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, sample("cathnav_igtl_connections_open"));
    assertEquals(1, sample("cathnav_igtl_closes_total{reason=\"PEER_CLOSED\"}"));
    assertTrue(server.service().scrapeMetrics().lines().noneMatch(l -> l.startsWith("cathnav_igtl_peer_dropped{")),
        "a closed peer's drop counter is gone");
  }

  @Test
  void aFrameWithABadCrcIsCountedAsAnInvalidFrameByReason() throws Exception {
    NetClient net = vertx.createNetClient();
    NetSocket raw = await(net.connect(server.igtlPort(), "127.0.0.1"));
    IgtlMessage frame = image(2_000_000_000L);
    ByteBuf wire = IgtlFrameWriter.encode(ByteBufAllocator.DEFAULT, frame);
    frame.release();
    byte[] bytes = new byte[wire.readableBytes()];
    wire.readBytes(bytes);
    wire.release();
    bytes[bytes.length - 1] ^= 0x5a; // a body byte: the CRC no longer matches
    await(raw.write(Buffer.buffer(bytes)));
    awaitSample("cathnav_igtl_invalid_frames_total{reason=\"CRC_MISMATCH\"}", 1);
    assertEquals(1, sample("cathnav_igtl_invalid_frames_total{reason=\"CRC_MISMATCH\"}"));
    assertEquals(1, sample("cathnav_igtl_closes_total{reason=\"CRC_MISMATCH\"}"));
    assertEquals(0, sample("cathnav_igtl_invalid_frames_total{reason=\"MALFORMED_BODY\"}"));
    await(net.close());
  }
}
