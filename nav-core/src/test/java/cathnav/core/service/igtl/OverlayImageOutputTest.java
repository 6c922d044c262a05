package cathnav.core.service.igtl;

import static cathnav.core.testing.Waits.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.Vec3;
import cathnav.core.overlay.GuidanceModel;
import cathnav.core.overlay.Overlay;
import cathnav.core.overlay.OverlayRaster;
import cathnav.core.overlay.OverlayRole;
import cathnav.core.overlay.OverlayShape;
import cathnav.core.overlay.TestMeshes;
import cathnav.core.service.FrameOutcome;
import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.OutcomeListener;
import cathnav.core.service.PipelineStatus;
import cathnav.core.service.ProcedureModel;
import cathnav.core.service.ServiceOptions;
import cathnav.core.service.Trackers;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.net.IgtlClient;
import cathnav.igtl.net.IgtlClientOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The optional RGBA overlay IMAGE over OpenIGTLink, decoded by a client. */
class OverlayImageOutputTest {

  private static final int W = 128;
  private static final int H = 96;
  private static final FrameGeometry GEOMETRY = FrameGeometry.of(CArmGeometry.of(0, 0, 1200, 700, W, H, 1.2, 1.2));

  /** What a client decoded from one IMAGE (pixels copied out of the message's buffer). */
  private record Decoded(long stampNanos, ScalarType type, int components, Dim3 size, AffineMatrix indexToRas,
      byte[] pixels) {}

  private Vertx vertx;
  private NavigationServer server;
  private IgtlClient client;

  private void start(boolean overlayImage) throws Exception {
    vertx = Vertx.vertx();
    ServiceOptions options = ServiceOptions.defaults().withIgtl("127.0.0.1", 0).withHttp("127.0.0.1", 0)
        .withConfiguredGeometry(GEOMETRY).withOverlayImage(overlayImage);
    server = await(NavigationServer.start(vertx, options, Trackers.fixedIdentity(), LeadTipDetector.NONE,
        request -> {
          throw new java.io.IOException("no models in this test");
        }));
    server.service().useModel(new ProcedureModel("sphere", new GuidanceModel("sphere",
        TestMeshes.sphere(new double[] {0, 0, 0}, 30, 12, 24, c -> c[0] > 0 ? 12 : 6), List.of()), null, 12));
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      await(client.close());
    }
    await(server.close());
    await(vertx.close());
  }

  private static IgtlMessage frame(long stampNanos) {
    ByteBuf px = Unpooled.buffer(W * H * 2);
    for (int i = 0; i < W * H; i++) {
      px.writeShortLE(1000 + i % 37);
    }
    ImageBody body = ImageBody.of(ScalarType.UINT16, 1, ByteOrder.LITTLE_ENDIAN, new Dim3(W, H, 1),
        new AffineMatrix(1.2f, 0, 0, 0, 0, 1.2f, 0, 0, 0, 0, 1, 0), px);
    return IgtlMessage.of("Fluoroscopy", IgtlTimestamp.ofEpochNanos(stampNanos), body);
  }

  /** Sends one frame and collects the overlays built (by source time stamp) and the IMAGEs received. */
  private List<Decoded> sendFrame(long stampNanos, Map<Long, Overlay> overlays, List<String> received)
      throws Exception {
    server.service().addListener(new OutcomeListener() {
      @Override
      public void onOutcome(FrameOutcome outcome) {
        overlays.put(outcome.overlay().sourceTimestampNanos(), outcome.overlay());
      }

      @Override
      public void onProblem(int code, String errorName, String message) {}

      @Override
      public void onStale(boolean stale, PipelineStatus status) {}
    });
    List<Decoded> images = new CopyOnWriteArrayList<>();
    client = IgtlClient.create(vertx, new IgtlClientOptions().setHost("127.0.0.1").setPort(server.igtlPort()));
    client.messageHandler((conn, m) -> {
      received.add(m.typeName() + "/" + m.deviceName());
      if (m.body() instanceof ImageBody img) {
        images.add(new Decoded(m.timestamp().toEpochNanos(), img.scalarType(), img.components(), img.size(),
            img.indexToRas(), ByteBufUtil.getBytes(img.pixels())));
      }
    });
    await(client.connect());
    await(client.send(frame(stampNanos)));
    return images;
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void overlayImageCarriesTheFramesTimestampSizeAndTheRasterisedOverlay() throws Exception {
    start(true);
    long stamp = 1_764_000_000_123_456_789L;
    Map<Long, Overlay> overlays = new ConcurrentHashMap<>();
    List<Decoded> images = sendFrame(stamp, overlays, new CopyOnWriteArrayList<>());
    awaitTrue(() -> !images.isEmpty());
    assertEquals(1, images.size());
    Decoded img = images.get(0);
    assertEquals(stamp, img.stampNanos(), "the source frame's time stamp");
    assertEquals(ScalarType.UINT8, img.type());
    assertEquals(4, img.components(), "RGBA");
    assertEquals(new Dim3(W, H, 1), img.size(), "the frame's size");
    Overlay overlay = overlays.get(stamp);
    assertNotNull(overlay);
    assertArrayEquals(OverlayRaster.render(overlay), img.pixels(), "the overlay, rasterised");

    // where the overlay is drawn: every LV outline vertex's pixel is coloured, a corner below the banner is
    // transparent
    OverlayShape.Polygon outline = overlay.shapes().stream().filter(s -> s.role() == OverlayRole.LV_SILHOUETTE)
        .map(OverlayShape.Polygon.class::cast).findFirst().orElseThrow();
    float[] uv = outline.uv();
    for (int i = 0; i < uv.length; i += 2) {
      int u = Math.round(uv[i]);
      int v = Math.round(uv[i + 1]);
      assertTrue((img.pixels()[(v * W + u) * 4 + 3] & 0xFF) > 0, "outline pixel (" + u + ", " + v + ") drawn");
    }
    assertEquals(0, img.pixels()[((H - 1) * W) * 4 + 3], "bottom-left corner is transparent");
    assertTrue((img.pixels()[3] & 0xFF) > 0, "top-left corner: under the state banner");

    // pixel (u, v) lies on the detector plane where the POLYDATA puts it
    ProjectionGeometry pg = GEOMETRY.projectionGeometry();
    AffineMatrix m = img.indexToRas();
    double[] at = {40, 30};
    Vec3 expected = pg.backProject(at[0], at[1], 1200);
    assertEquals(expected.x(), m.m00() * at[0] + m.m01() * at[1] + m.m03(), 1e-2);
    assertEquals(expected.y(), m.m10() * at[0] + m.m11() * at[1] + m.m13(), 1e-2);
    assertEquals(expected.z(), m.m20() * at[0] + m.m21() * at[1] + m.m23(), 1e-2);
  }

  @Test
  void noOverlayImageIsSentUnlessEnabled() throws Exception {
    start(false);
    List<String> received = new CopyOnWriteArrayList<>();
    List<Decoded> images = sendFrame(2_000_000_000L, new ConcurrentHashMap<>(), received);
    awaitTrue(() -> received.contains("STRING/" + OutputMessages.READOUTS));
    Thread.sleep(200); // an image, if any, is rasterised on a worker after the vector outputs
    assertTrue(received.contains("POLYDATA/" + OutputMessages.OVERLAY), received.toString());
    assertTrue(images.isEmpty(), "no IMAGE by default: " + received);
  }
}
