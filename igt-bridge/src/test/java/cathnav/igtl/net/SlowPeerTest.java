package cathnav.igtl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.ImageBody;
import java.io.DataInputStream;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

class SlowPeerTest extends TransportTestSupport {

  private static final int FRAMES = 200;

  private static int firstPixel(byte[] body) {
    // IMAGE header is 72 bytes; pixels are big-endian uint16 here
    return ((body[72] & 0xFF) << 8) | (body[73] & 0xFF);
  }

  @Test
  void stalledReaderDropsOldFramesCountsThemAndEndsWithTheLatest() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions().setWriteHighWaterMark(64 << 10), queue());
    Socket stalled = new Socket();
    stalled.setReceiveBufferSize(16 << 10);
    stalled.connect(new java.net.InetSocketAddress("127.0.0.1", server.actualPort()));
    closeables.add(stalled);
    BlockingQueue<IgtlMessage> fast = queue();
    startClient(new IgtlClientOptions().setPort(server.actualPort()), fast);
    eventually("two connections", () -> server.connections().size() == 2);

    for (int i = 0; i < FRAMES; i++) {
      server.publish(image("Fluoro", 256, 256, i));
    }
    // the fast client ends with the latest frame
    int last = -1;
    while (last != FRAMES - 1) {
      IgtlMessage m = next(fast);
      ImageBody img = m.body(ImageBody.class);
      last = img.pixels().getUnsignedShort(img.pixels().readerIndex());
      m.release();
    }
    // the stalled one now reads: fewer frames than published, the last one is the latest
    stalled.setSoTimeout(2000);
    DataInputStream in = new DataInputStream(stalled.getInputStream());
    int received = 0;
    int lastValue = -1;
    while (lastValue != FRAMES - 1) {
      long[] size = new long[1];
      readFrameHeader(in, size);
      byte[] body = new byte[(int) size[0]];
      in.readFully(body);
      lastValue = firstPixel(body);
      received++;
    }
    final int got = received;
    // the write of the last frame completes on the event loop just after the peer has read it
    eventually(() -> "a connection that sent " + got + " frames, metrics=" + server.metrics().connections(),
        () -> server.metrics().connections().stream().anyMatch(c -> c.messagesOut() == got));
    IgtlConnectionMetrics slow = server.metrics().connections().stream()
        .filter(c -> c.messagesOut() == got).findFirst().orElseThrow();
    assertTrue(got < FRAMES, "a stalled reader must not receive every frame, received=" + got);
    assertEquals(FRAMES, slow.messagesOut() + slow.dropped(), "every frame is either sent or counted as dropped");
    assertTrue(server.metrics().dropped() >= slow.dropped());
  }

  @Test
  void supersededSendFailsItsFuture() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions().setWriteHighWaterMark(16 << 10), queue());
    Socket stalled = new Socket();
    stalled.setReceiveBufferSize(4 << 10);
    stalled.connect(new java.net.InetSocketAddress("127.0.0.1", server.actualPort()));
    closeables.add(stalled);
    eventually("connection", () -> server.connections().size() == 1);
    IgtlConnection c = server.connections().get(0);
    java.util.List<io.vertx.core.Future<Void>> sends = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sends.add(c.send(image("Fluoro", 512, 512, i)));
    }
    // frames in flight to a stalled reader never complete; the superseded ones fail at once
    java.util.function.LongSupplier superseded = () -> sends.stream()
        .filter(f -> f.failed() && f.cause() instanceof MessageSupersededException).count();
    eventually(() -> "superseded sends counted as drops, superseded=" + superseded.getAsLong() + ", metrics="
        + c.metrics() + ", failed=" + sends.stream().filter(f -> f.failed()).count() + ", done="
        + sends.stream().filter(f -> f.succeeded()).count(),
        () -> superseded.getAsLong() > 0 && superseded.getAsLong() == c.metrics().dropped()
            && superseded.getAsLong() + c.metrics().messagesOut() + 2 >= 50);
    assertTrue(sends.get(49).isComplete() == false || sends.get(49).succeeded(),
        "the newest frame is never superseded");
  }
}
