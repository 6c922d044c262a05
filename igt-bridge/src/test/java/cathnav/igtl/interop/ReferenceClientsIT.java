package cathnav.igtl.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.message.StartStreamBody;
import cathnav.igtl.message.StopStreamBody;
import cathnav.igtl.message.TransformBody;
import cathnav.igtl.net.CloseReason;
import cathnav.igtl.net.IgtlConnection;
import cathnav.igtl.net.IgtlServer;
import cathnav.igtl.net.IgtlServerOptions;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The reference library's example clients against CathNav's {@link IgtlServer} (header version 1 only). */
class ReferenceClientsIT extends InteropSupport {

  private IgtlServer server(IgtlServerOptions options) throws Exception {
    IgtlServer server = IgtlServer.create(vertx, options.setPort(ReferenceExamples.freePort()));
    cleanups.add(0, () -> server.close().await());
    return server;
  }

  @Test
  void imagerClientDeliversAllHundredImagesWithGoodCrc() throws Exception {
    IgtlServer server = server(new IgtlServerOptions());
    AtomicInteger images = new AtomicInteger();
    CopyOnWriteArrayList<String> problems = new CopyOnWriteArrayList<>();
    server.messageHandler((c, m) -> {
      ImageBody img = m.body(ImageBody.class);
      if (img.size().i() != 256 || img.size().j() != 256 || img.scalarType() != ScalarType.UINT8
          || !"ImagerClient".equals(m.deviceName())) {
        problems.add(m.deviceName() + " " + img.size() + " " + img.scalarType());
      }
      images.incrementAndGet();
    });
    await(server.listen());
    ReferenceExamples.Running client = examples.start("ImagerClient", "127.0.0.1", server.actualPort(), 200,
        examples.imageDir());
    client.awaitExit(60);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.metrics().closesByReason().values().stream().mapToLong(Long::longValue).sum() < 1
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(100, images.get(), client.tail());
    assertEquals(java.util.List.of(), problems);
    assertEquals(0, server.metrics().closes(CloseReason.CRC_MISMATCH));
    assertEquals(1, server.metrics().closes(CloseReason.PEER_CLOSED));
  }

  @Test
  void trackerClientTransformsArriveAsRigidMatrices() throws Exception {
    IgtlServer server = server(new IgtlServerOptions());
    CopyOnWriteArrayList<TransformBody> transforms = new CopyOnWriteArrayList<>();
    server.messageHandler((c, m) -> transforms.add(m.body(TransformBody.class)));
    await(server.listen());
    examples.start("TrackerClient", "127.0.0.1", server.actualPort(), 100);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (transforms.size() < 20 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(transforms.size() >= 20, "transforms=" + transforms.size());
    for (TransformBody t : transforms) {
      var m = t.matrix();
      double det = m.m00() * (m.m11() * m.m22() - m.m12() * m.m21()) - m.m01() * (m.m10() * m.m22() - m.m12() * m.m20())
          + m.m02() * (m.m10() * m.m21() - m.m11() * m.m20());
      assertEquals(1.0, det, 1e-3, "rotation part must be a rotation: " + m);
    }
    assertEquals(0, server.metrics().closes(CloseReason.CRC_MISMATCH));
  }

  @Test
  void receiveClientGetsTheStatePushedOnConnect() throws Exception {
    IgtlServer server = server(new IgtlServerOptions());
    await(server.listen());
    server.publish(transform("Registration", 12.5f, -3f, 40f));
    server.publish(image("Overlay", 64, 48));
    server.publish(status("Service", "ready for tracking"));
    server.publish(string("Readout", "segment 7 distance 4.2 mm"));
    ReferenceExamples.Running client = examples.start("ReceiveClient", "127.0.0.1", server.actualPort());
    client.awaitOutput("String: segment 7 distance 4.2 mm", 1, 20);
    String out = client.output();
    assertTrue(out.contains("Receiving TRANSFORM data type."), out);
    assertTrue(out.contains("12.5"), "translation printed by the peer: " + out);
    assertTrue(out.contains("Device Name           : Overlay"), out);
    assertTrue(out.contains("Dimensions            : (64, 48, 1)"), out);
    assertTrue(out.contains(" Status    : ready for tracking"), out);
    assertFalse(out.contains("CRC"), out);
  }

  @Test
  void polyDataClientQueriesAreAnsweredWithPolyData() throws Exception {
    IgtlServer server = server(new IgtlServerOptions());
    await(server.listen());
    server.publish(tetrahedron("HeartModel"));
    ReferenceExamples.Running client = examples.start("PolyDataClient", "127.0.0.1", server.actualPort());
    client.awaitOutput("Receiving POLYDATA data type.", 2, 20);
    assertFalse(client.output().contains("Invalid response"), client.output());
    assertTrue(server.metrics().messagesIn() >= 1, "GET_POLYDATA queries received");
  }

  @Test
  void trackingDataClientStartsAndStopsTheStream() throws Exception {
    IgtlServer server = server(new IgtlServerOptions());
    AtomicReference<IgtlConnection> started = new AtomicReference<>();
    AtomicInteger stops = new AtomicInteger();
    server.messageHandler((c, m) -> {
      if (m.body() instanceof StartStreamBody) {
        started.set(c);
      } else if (m.body() instanceof StopStreamBody) {
        stops.incrementAndGet();
      }
    });
    await(server.listen());
    ReferenceExamples.Running client = examples.start("TrackingDataClient", "127.0.0.1", server.actualPort(), 20);
    long timer = vertx.setPeriodic(20, t -> server.publish(trackingData((float) (t % 100))));
    cleanups.add(0, () -> vertx.cancelTimer(timer));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (stops.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(1, stops.get(), "STP_TDATA after 10 messages; output:\n" + client.tail());
    assertTrue(client.count("Receiving TDATA data type.") >= 5, client.tail());
    assertTrue(client.output().contains(" Name       : Catheter"), client.tail());
    assertTrue(client.output().contains("Receiving : RTS_TDATA"), "the RTS_ reply reaches the peer");
    assertFalse(started.get().isStreaming("TDATA"));
  }
}
