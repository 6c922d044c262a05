package cathnav.core.service.igtl;

import static cathnav.core.testing.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.GeometryFile;
import cathnav.core.overlay.TestMeshes;
import cathnav.core.overlay.GuidanceModel;
import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.ProcedureModel;
import cathnav.core.service.ServiceOptions;
import cathnav.core.service.Trackers;
import cathnav.igtl.codec.IgtlFrameWriter;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.CommandBody;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.PolyDataBody;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.StringBody;
import cathnav.igtl.message.TransformBody;
import cathnav.igtl.net.IgtlClient;
import cathnav.igtl.net.IgtlClientOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service over OpenIGTLink, end to end in one JVM: frames in, outputs out, bad input contained. */
class NavigationServerTest {

  private static final int W = 128;
  private static final int H = 128;
  private static final FrameGeometry GEOMETRY = FrameGeometry.of(CArmGeometry.of(0, 0, 1200, 700, W, H, 1.2, 1.2));

  private Vertx vertx;
  private NavigationServer server;
  private final List<IgtlClient> clients = new CopyOnWriteArrayList<>();

  private void start(FrameGeometry configured) throws Exception {
    vertx = Vertx.vertx();
    ServiceOptions options = ServiceOptions.defaults().withIgtl("127.0.0.1", 0).withHttp("127.0.0.1", 0)
        .withConfiguredGeometry(configured);
    server = await(NavigationServer.start(vertx, options, Trackers.fixedIdentity(), LeadTipDetector.NONE,
        request -> {
          throw new java.io.IOException("cannot read " + request.leftVentricle());
        }));
    server.service().useModel(new ProcedureModel("sphere", new GuidanceModel("sphere",
        TestMeshes.sphere(new double[] {0, 0, 0}, 30, 12, 24, c -> c[0] > 0 ? 12 : 6), List.of()), null, 12));
  }

  @BeforeEach
  void startWithConfiguredGeometry() throws Exception {
    start(GEOMETRY);
  }

  @AfterEach
  void stop() throws Exception {
    for (IgtlClient c : clients) {
      await(c.close());
    }
    await(server.close());
    await(vertx.close());
  }

  private IgtlClient client(List<IgtlMessage> received) throws Exception {
    IgtlClient c = IgtlClient.create(vertx, new IgtlClientOptions().setHost("127.0.0.1").setPort(server.igtlPort()));
    c.messageHandler((conn, m) -> received.add(m)); // the service sends no IMAGE here: nothing to retain
    await(c.connect());
    clients.add(c);
    return c;
  }

  private static IgtlMessage image(long stampNanos) {
    ByteBuf px = Unpooled.buffer(W * H * 2);
    for (int i = 0; i < W * H; i++) {
      px.writeShortLE(1000 + i % 37);
    }
    ImageBody body = ImageBody.of(ScalarType.UINT16, 1, ByteOrder.LITTLE_ENDIAN, new Dim3(W, H, 1),
        new AffineMatrix(1.2f, 0, 0, 0, 0, 1.2f, 0, 0, 0, 0, 1, 0), px);
    return IgtlMessage.of("Fluoroscopy", IgtlTimestamp.ofEpochNanos(stampNanos), body);
  }

  private static void awaitMessages(List<IgtlMessage> received, Predicate<IgtlMessage> what, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received.stream().filter(what).count() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static Predicate<IgtlMessage> is(String type, String device) {
    return m -> m.typeName().equals(type) && m.deviceName().equals(device);
  }

  @Test
  void everyFrameIsAnsweredWithRegistrationOverlayAndStatusCarryingItsTimestamp() throws Exception {
    List<IgtlMessage> received = new CopyOnWriteArrayList<>();
    IgtlClient source = client(received);
    long t0 = 1_764_000_000_000_000_000L;
    for (int i = 0; i < 5; i++) {
      await(source.send(image(t0 + i * 66_666_667L)));
      awaitMessages(received, is("TRANSFORM", OutputMessages.REGISTRATION), i + 1);
    }
    awaitMessages(received, is("STRING", OutputMessages.READOUTS), 5);
    List<Long> transformStamps = received.stream().filter(is("TRANSFORM", OutputMessages.REGISTRATION))
        .map(m -> m.timestamp().toEpochNanos()).toList();
    assertEquals(5, transformStamps.size());
    for (int i = 0; i < 5; i++) {
      // the wire's 2^-32 s fraction reproduces the nanosecond time stamp exactly
      assertEquals(t0 + i * 66_666_667L, transformStamps.get(i));
    }
    IgtlMessage overlay = received.stream().filter(is("POLYDATA", OutputMessages.OVERLAY)).reduce((a, b) -> b)
        .orElseThrow();
    PolyDataBody poly = overlay.body(PolyDataBody.class);
    assertTrue(poly.pointCount() > 10, "overlay has points: " + poly.pointCount());
    assertTrue(poly.polygons().cellCount() >= 1, "the target segment is a polygon");
    // every overlay point lies on the detector plane: SID from the source along the beam (+y at AP)
    for (int i = 0; i < poly.pointCount(); i++) {
      assertEquals(1200 - 700, poly.point(i, 1), 1e-2, "point " + i + " y (detector plane)");
    }
    IgtlMessage status = received.stream().filter(is("STATUS", OutputMessages.STATE)).reduce((a, b) -> b)
        .orElseThrow();
    assertEquals("TRACKING", status.body(StatusBody.class).errorName());
    assertEquals(StatusBody.OK, status.body(StatusBody.class).code());
    assertTrue(received.stream().anyMatch(is("POLYDATA", OutputMessages.MODEL)), "model pushed to the peer");
    assertEquals(AffineMatrix.IDENTITY, received.stream().filter(is("TRANSFORM", OutputMessages.REGISTRATION))
        .findFirst().orElseThrow().body(TransformBody.class).matrix());
  }

  @Test
  void aFrameWithoutGeometryIsRefusedWithAStatusWhileOtherPeersAreServed() throws Exception {
    await(server.close());
    await(vertx.close());
    start(null);
    List<IgtlMessage> bad = new CopyOnWriteArrayList<>();
    IgtlClient noGeometry = client(bad);
    await(noGeometry.send(image(1_000_000_000L)));
    awaitMessages(bad, is("STATUS", OutputMessages.ALERT), 1);
    StatusBody refusal = bad.stream().filter(is("STATUS", OutputMessages.ALERT)).findFirst().orElseThrow()
        .body(StatusBody.class);
    assertEquals("FRAME_REFUSED", refusal.errorName());
    assertTrue(refusal.message().contains("no geometry"), refusal.message());

    List<IgtlMessage> good = new CopyOnWriteArrayList<>();
    IgtlClient withGeometry = client(good);
    await(withGeometry.send(IgtlMessage.of(FrameGeometryResolver.GEOMETRY_STRING_DEVICE, IgtlTimestamp.now(),
        StringBody.utf8(GeometryFile.toJson(GEOMETRY).encode()))));
    await(withGeometry.send(image(2_000_000_000L)));
    awaitMessages(good, m -> is("TRANSFORM", OutputMessages.REGISTRATION).test(m)
        && m.timestamp().toEpochNanos() == 2_000_000_000L, 1);
    assertTrue(good.stream().anyMatch(m -> is("TRANSFORM", OutputMessages.REGISTRATION).test(m)
        && m.timestamp().toEpochNanos() == 2_000_000_000L));
    assertEquals(1, server.service().health().getLong("framesRejected"));
  }

  @Test
  void setTargetCommandIsAnsweredAndApplied() throws Exception {
    List<IgtlMessage> received = new CopyOnWriteArrayList<>();
    IgtlClient c = client(received);
    await(c.send(IgtlMessage.of("Operator", IgtlTimestamp.now(), CommandBody.command(7, "SetTarget", "6"))));
    awaitMessages(received, m -> m.typeName().equals("RTS_COMMAND"), 1);
    CommandBody reply = received.stream().filter(m -> m.typeName().equals("RTS_COMMAND")).findFirst().orElseThrow()
        .body(CommandBody.class);
    assertEquals(7, reply.commandId());
    assertEquals("OK target=6", reply.command());
    await(c.send(image(3_000_000_000L)));
    awaitMessages(received, is("STRING", OutputMessages.READOUTS), 1);
    String readouts = received.stream().filter(is("STRING", OutputMessages.READOUTS)).reduce((a, b) -> b)
        .orElseThrow().body(StringBody.class).value();
    assertTrue(readouts.contains("\"targetSegment\":6"), readouts);
  }

  @Test
  void aLoadModelCommandForAMissingFileIsAnsweredWithTheError() throws Exception {
    List<IgtlMessage> received = new CopyOnWriteArrayList<>();
    IgtlClient c = client(received);
    await(c.send(IgtlMessage.of("Operator", IgtlTimestamp.now(),
        CommandBody.command(9, "LoadModel", "{\"lv\":\"/missing/lv.vtk\"}"))));
    awaitMessages(received, m -> m.typeName().equals("RTS_COMMAND"), 1);
    String reply = received.stream().filter(m -> m.typeName().equals("RTS_COMMAND")).findFirst().orElseThrow()
        .body(CommandBody.class).command();
    assertTrue(reply.startsWith("ERROR") && reply.contains("/missing/lv.vtk"), reply);
  }

  @Test
  void aSourceDisconnectingMidFrameLeavesTheOthersServed() throws Exception {
    NetClient net = vertx.createNetClient();
    NetSocket raw = await(net.connect(server.igtlPort(), "127.0.0.1"));
    IgtlMessage frame = image(4_000_000_000L);
    ByteBuf whole = IgtlFrameWriter.encode(io.netty.buffer.ByteBufAllocator.DEFAULT, frame);
    frame.release();
    byte[] half = new byte[whole.readableBytes() / 2];
    whole.readBytes(half);
    whole.release();
    await(raw.write(Buffer.buffer(half)));
    await(raw.close());

    List<IgtlMessage> received = new CopyOnWriteArrayList<>();
    IgtlClient c = client(received);
    await(c.send(image(5_000_000_000L)));
    awaitMessages(received, m -> is("TRANSFORM", OutputMessages.REGISTRATION).test(m)
        && m.timestamp().toEpochNanos() == 5_000_000_000L, 1);
    assertTrue(received.stream().anyMatch(m -> is("TRANSFORM", OutputMessages.REGISTRATION).test(m)
        && m.timestamp().toEpochNanos() == 5_000_000_000L));
    assertTrue(received.stream().noneMatch(m -> m.timestamp().toEpochNanos() == 4_000_000_000L),
        "nothing was made of the half frame");
    await(net.close());
  }
}
