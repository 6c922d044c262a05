package cathnav.igtl.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.igtl.codec.IgtlFrameWriter;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.StringBody;
import cathnav.igtl.message.TransformBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A Vert.x instance per test, closed afterwards with everything it opened; helpers for messages and raw sockets. */
@org.junit.jupiter.api.extension.ExtendWith(cathnav.igtl.net.TransportLeakWatch.class)
abstract class TransportTestSupport {

  static final long TIMEOUT_S = 10;

  Vertx vertx;
  final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertx() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    vertx.close().await(TIMEOUT_S, TimeUnit.SECONDS);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.await(TIMEOUT_S, TimeUnit.SECONDS);
  }

  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    eventually(() -> what, condition);
  }

  static void eventually(java.util.function.Supplier<String> what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, () -> "timed out waiting for: " + what.get());
      Thread.sleep(5);
    }
  }

  IgtlServer startServer(IgtlServerOptions options, BlockingQueue<IgtlMessage> received) throws Exception {
    IgtlServer server = IgtlServer.create(vertx, options.setPort(0));
    if (received != null) {
      server.messageHandler((c, m) -> received.add(m.retain()));
    }
    await(server.listen());
    closeables.add(() -> server.close().await(TIMEOUT_S, TimeUnit.SECONDS));
    return server;
  }

  IgtlClient startClient(IgtlClientOptions options, BlockingQueue<IgtlMessage> received) throws Exception {
    IgtlClient client = IgtlClient.create(vertx, options);
    if (received != null) {
      client.messageHandler((c, m) -> received.add(m.retain()));
    }
    await(client.connect());
    closeables.add(() -> client.close().await(TIMEOUT_S, TimeUnit.SECONDS));
    return client;
  }

  static BlockingQueue<IgtlMessage> queue() {
    return new LinkedBlockingQueue<>();
  }

  /** The next message, failing after the timeout; the caller releases it. */
  static IgtlMessage next(BlockingQueue<IgtlMessage> q) throws InterruptedException {
    IgtlMessage m = q.poll(TIMEOUT_S, TimeUnit.SECONDS);
    assertTrue(m != null, "no message within " + TIMEOUT_S + " s");
    return m;
  }

  static void releaseAll(BlockingQueue<IgtlMessage> q) {
    IgtlMessage m;
    while ((m = q.poll()) != null) {
      m.release();
    }
  }

  static IgtlMessage transform(String device, float x) {
    return IgtlMessage.of(device, IgtlTimestamp.now(), new TransformBody(AffineMatrix.translation(x, 2, 3)));
  }

  static IgtlMessage status(String device, String text) {
    return IgtlMessage.of(device, IgtlTimestamp.now(), StatusBody.of(StatusBody.OK, text));
  }

  static IgtlMessage string(String device, String text) {
    return IgtlMessage.of(device, IgtlTimestamp.now(), StringBody.ascii(text));
  }

  /** A uint16 image whose every pixel is {@code value}. */
  static IgtlMessage image(String device, int width, int height, int value) {
    ByteBuf pixels = Unpooled.buffer(width * height * 2);
    for (int i = 0; i < width * height; i++) {
      pixels.writeShort(value);
    }
    return IgtlMessage.of(device, IgtlTimestamp.now(), ImageBody.of(ScalarType.UINT16, 1, ByteOrder.BIG_ENDIAN,
        new Dim3(width, height, 1), AffineMatrix.IDENTITY, pixels));
  }

  /** The wire bytes of {@code message} (which is released). */
  static byte[] bytes(IgtlMessage message) {
    ByteBuf frame = IgtlFrameWriter.encode(ByteBufAllocator.DEFAULT, message);
    try {
      byte[] b = new byte[frame.readableBytes()];
      frame.getBytes(frame.readerIndex(), b);
      return b;
    } finally {
      frame.release();
      message.release();
    }
  }

  /** A plain blocking socket to the server, closed after the test. */
  Socket rawSocket(IgtlServer server) throws IOException {
    Socket s = new Socket("127.0.0.1", server.actualPort());
    s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_S));
    closeables.add(s);
    return s;
  }

  /** Reads one frame from a raw socket: returns {type, device} and the body length via the array. */
  static String[] readFrameHeader(DataInputStream in, long[] bodySize) throws IOException {
    byte[] header = new byte[58];
    in.readFully(header);
    ByteBuf h = Unpooled.wrappedBuffer(header);
    String type = h.toString(2, 12, java.nio.charset.StandardCharsets.US_ASCII).replace("\0", "");
    String device = h.toString(14, 20, java.nio.charset.StandardCharsets.US_ASCII).replace("\0", "");
    bodySize[0] = h.getLong(42);
    return new String[] {type, device, Integer.toString(h.getUnsignedShort(0))};
  }
}
