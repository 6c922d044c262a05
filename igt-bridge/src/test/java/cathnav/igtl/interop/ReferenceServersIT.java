package cathnav.igtl.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.igtl.message.GetQueryBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ImageMetaBody;
import cathnav.igtl.message.PolyDataBody;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.message.StartStreamBody;
import cathnav.igtl.message.StopStreamBody;
import cathnav.igtl.message.TrackingDataBody;
import cathnav.igtl.message.TransformBody;
import cathnav.igtl.net.CloseReason;
import cathnav.igtl.net.IgtlClient;
import cathnav.igtl.net.IgtlClientOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** CathNav's {@link IgtlClient} against the reference library's example servers (header version 1 only). */
class ReferenceServersIT extends InteropSupport {

  /** A client that retries until the example server listens (they print nothing when ready). */
  private IgtlClient connect(int port, BlockingQueue<IgtlMessage> received) throws Exception {
    IgtlClient client = IgtlClient.create(vertx, new IgtlClientOptions().setPort(port).setReconnect(true)
        .setReconnectInitialDelay(Duration.ofMillis(20)).setReconnectMaxDelay(Duration.ofMillis(200)));
    client.messageHandler((c, m) -> received.add(m.retain()));
    cleanups.add(0, () -> {
      client.close().await();
      IgtlMessage m;
      while ((m = received.poll()) != null) {
        m.release();
      }
    });
    await(client.connect());
    return client;
  }

  private static IgtlMessage next(BlockingQueue<IgtlMessage> q, String type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      IgtlMessage m = q.poll(100, TimeUnit.MILLISECONDS);
      if (m != null && m.typeName().equals(type)) {
        return m;
      }
      if (m != null) {
        m.release();
      }
    }
    throw new AssertionError("no " + type + " within 20 s");
  }

  private static IgtlMessage query(String type, String device, cathnav.igtl.message.IgtlBody body) {
    return new IgtlMessage(1, type, device, IgtlTimestamp.now(), Map.of(), 0, body);
  }

  @Test
  void trackerServerTransformsAreReceived() throws Exception {
    int port = ReferenceExamples.freePort();
    examples.start("TrackerServer", port, 100);
    BlockingQueue<IgtlMessage> received = new LinkedBlockingQueue<>();
    IgtlClient client = connect(port, received);
    for (int i = 0; i < 10; i++) {
      IgtlMessage m = next(received, "TRANSFORM");
      assertEquals("Tracker", m.deviceName());
      assertEquals(1, m.headerVersion());
      m.body(TransformBody.class);
      m.release();
    }
    assertEquals(0, client.metrics().closes(CloseReason.CRC_MISMATCH));
  }

  @Test
  void imagerServerImagesAreReceivedWithTheirPixels() throws Exception {
    int port = ReferenceExamples.freePort();
    examples.start("ImagerServer", port, 50, examples.imageDir());
    BlockingQueue<IgtlMessage> received = new LinkedBlockingQueue<>();
    connect(port, received);
    for (int i = 0; i < 5; i++) {
      IgtlMessage m = next(received, "IMAGE");
      ImageBody img = m.body(ImageBody.class);
      assertEquals(256, img.size().i());
      assertEquals(ScalarType.UINT8, img.scalarType());
      assertEquals(256 * 256, img.pixels().readableBytes());
      m.release();
    }
  }

  @Test
  void polyDataServerAnswersOurQuery() throws Exception {
    int port = ReferenceExamples.freePort();
    examples.start("PolyDataServer", port);
    BlockingQueue<IgtlMessage> received = new LinkedBlockingQueue<>();
    IgtlClient client = connect(port, received);
    await(client.send(query("GET_POLYDATA", "CathNav", new GetQueryBody("POLYDATA"))));
    IgtlMessage m = next(received, "POLYDATA");
    PolyDataBody poly = m.body(PolyDataBody.class);
    assertTrue(poly.points().length / 3 >= 4, "points=" + poly.points().length / 3);
    assertTrue(poly.polygons().cellCount() >= 1);
    m.release();
  }

  @Test
  void trackingDataServerStreamsBetweenOurStartAndStop() throws Exception {
    int port = ReferenceExamples.freePort();
    ReferenceExamples.Running server = examples.start("TrackingDataServer", port);
    BlockingQueue<IgtlMessage> received = new LinkedBlockingQueue<>();
    IgtlClient client = connect(port, received);
    await(client.send(query("STT_TDATA", "CathNav", StartStreamBody.of("TDATA", 20, "Patient"))));
    for (int i = 0; i < 3; i++) {
      IgtlMessage m = next(received, "TDATA");
      TrackingDataBody t = m.body(TrackingDataBody.class);
      assertEquals("Channel 0", t.elements().get(0).name());
      m.release();
    }
    await(client.send(query("STP_TDATA", "CathNav", new StopStreamBody("TDATA"))));
    server.awaitOutput("Received a STP_TDATA message.", 1, 20);
  }

  @Test
  void imageDatabaseServerAnswersMetaAndImageQueries() throws Exception {
    int port = ReferenceExamples.freePort();
    examples.start("ImageDatabaseServer", port, examples.imageDir());
    BlockingQueue<IgtlMessage> received = new LinkedBlockingQueue<>();
    IgtlClient client = connect(port, received);
    await(client.send(query("GET_IMGMETA", "", new GetQueryBody("IMGMETA"))));
    IgtlMessage meta = next(received, "IMGMETA");
    ImageMetaBody list = meta.body(ImageMetaBody.class);
    assertEquals(3, list.elements().size());
    assertEquals("IMAGE_0", list.elements().get(0).deviceName());
    meta.release();
    await(client.send(query("GET_IMAGE", "IMAGE_0", new GetQueryBody("IMAGE"))));
    IgtlMessage image = next(received, "IMAGE");
    assertEquals("IMAGE_0", image.deviceName());
    assertEquals(256, image.body(ImageBody.class).size().i());
    image.release();
  }

  @Test
  void receiveServerPrintsWhatOurClientSends() throws Exception {
    int port = ReferenceExamples.freePort();
    ReferenceExamples.Running server = examples.start("ReceiveServer", port);
    BlockingQueue<IgtlMessage> received = new LinkedBlockingQueue<>();
    IgtlClient client = connect(port, received);
    await(client.send(transform("Registration", 21.5f, 0, 0)));
    await(client.send(image("Overlay", 32, 16)));
    await(client.send(status("Service", "all good")));
    await(client.send(string("Readout", "lead in segment 12")));
    server.awaitOutput("String: lead in segment 12", 1, 20);
    String out = server.output();
    assertTrue(out.contains("Receiving TRANSFORM data type."), out);
    assertTrue(out.contains("21.5"), out);
    assertTrue(out.contains("Device Name           : Overlay"), out);
    assertTrue(out.contains("Dimensions            : (32, 16, 1)"), out);
    assertTrue(out.contains(" Status    : all good"), out);
  }
}
