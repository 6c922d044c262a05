package cathnav.igtl.interop;

import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.PolyCells;
import cathnav.igtl.message.PolyDataBody;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.StringBody;
import cathnav.igtl.message.TrackingDataBody;
import cathnav.igtl.message.TransformBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A Vert.x instance and the reference programs per test; every process and endpoint is closed after the test. */
@org.junit.jupiter.api.extension.ExtendWith(cathnav.igtl.net.TransportLeakWatch.class)
abstract class InteropSupport {

  Vertx vertx;
  ReferenceExamples examples;
  final List<Runnable> cleanups = new java.util.ArrayList<>();

  @BeforeEach
  void setUp() {
    examples = new ReferenceExamples();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    examples.killAll();
    for (Runnable r : cleanups) {
      r.run();
    }
    vertx.close().await();
  }

  static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }

  static IgtlMessage transform(String device, float x, float y, float z) {
    return IgtlMessage.of(device, IgtlTimestamp.now(), new TransformBody(AffineMatrix.translation(x, y, z)));
  }

  static IgtlMessage status(String device, String text) {
    return IgtlMessage.of(device, IgtlTimestamp.now(), StatusBody.of(StatusBody.OK, text));
  }

  static IgtlMessage string(String device, String text) {
    return IgtlMessage.of(device, IgtlTimestamp.now(), StringBody.ascii(text));
  }

  /** A 2D uint16 image, pixel (u, v) = u + v. */
  static IgtlMessage image(String device, int width, int height) {
    ByteBuf pixels = Unpooled.buffer(width * height * 2);
    for (int v = 0; v < height; v++) {
      for (int u = 0; u < width; u++) {
        pixels.writeShortLE(u + v);
      }
    }
    AffineMatrix spacing = new AffineMatrix(0.3f, 0, 0, 0, 0, 0.3f, 0, 0, 0, 0, 1, 0);
    return IgtlMessage.of(device, IgtlTimestamp.now(), ImageBody.of(ScalarType.UINT16, 1, ByteOrder.LITTLE_ENDIAN,
        new Dim3(width, height, 1), spacing, pixels));
  }

  /** A tetrahedron (4 points, 4 triangles). */
  static IgtlMessage tetrahedron(String device) {
    float[] points = {0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10};
    PolyCells triangles = PolyCells.ofCells(new int[] {0, 1, 2}, new int[] {0, 1, 3}, new int[] {0, 2, 3},
        new int[] {1, 2, 3});
    return IgtlMessage.of(device, IgtlTimestamp.now(), PolyDataBody.ofPolygons(points, triangles));
  }

  static IgtlMessage trackingData(float x) {
    return IgtlMessage.of("Tracker", IgtlTimestamp.now(), new TrackingDataBody(List.of(
        new TrackingDataBody.Element("Catheter", TrackingDataBody.TYPE_6D, AffineMatrix.translation(x, 0, 0)))));
  }
}
