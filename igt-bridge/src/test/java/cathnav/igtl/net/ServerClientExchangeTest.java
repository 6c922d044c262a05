package cathnav.igtl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.TransformBody;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

class ServerClientExchangeTest extends TransportTestSupport {

  @Test
  void clientMessageReachesServerHandlerWithItsContent() throws Exception {
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer server = startServer(new IgtlServerOptions(), atServer);
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort()), null);
    await(client.send(transform("Probe", 42.5f)));
    IgtlMessage m = next(atServer);
    assertEquals("TRANSFORM", m.typeName());
    assertEquals("Probe", m.deviceName());
    assertEquals(42.5f, m.body(TransformBody.class).matrix().m03());
    m.release();
  }

  @Test
  void publishedImageReachesEveryClientWithPixelsIntact() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions(), null);
    BlockingQueue<IgtlMessage> a = queue();
    BlockingQueue<IgtlMessage> b = queue();
    startClient(new IgtlClientOptions().setPort(server.actualPort()), a);
    startClient(new IgtlClientOptions().setPort(server.actualPort()), b);
    eventually("two connections", () -> server.connections().size() == 2);
    server.publish(image("Overlay", 64, 48, 0x1234));
    for (BlockingQueue<IgtlMessage> q : java.util.List.of(a, b)) {
      IgtlMessage m = next(q);
      ImageBody img = m.body(ImageBody.class);
      assertEquals(64, img.size().i());
      assertEquals(48, img.size().j());
      assertEquals(0x1234, img.pixels().getUnsignedShort(img.pixels().readerIndex() + 2 * 100));
      m.release();
    }
  }

  @Test
  void serverSendsVersionOneUntilThePeerSendsVersionTwo() throws Exception {
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer server = startServer(new IgtlServerOptions(), atServer);
    BlockingQueue<IgtlMessage> atClient = queue();
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort())
        .setHeaderVersionPolicy(HeaderVersionPolicy.ALWAYS_V2), atClient);
    eventually("connection", () -> server.connections().size() == 1);
    server.publish(status("Service", "before"));
    IgtlMessage before = next(atClient);
    assertEquals(1, before.headerVersion());
    before.release();
    assertFalse(server.connections().get(0).peerSentVersion2());

    await(client.send(transform("Probe", 1)));
    IgtlMessage fromClient = next(atServer);
    assertEquals(2, fromClient.headerVersion());
    fromClient.release();
    assertTrue(server.connections().get(0).peerSentVersion2());
    server.publish(status("Service", "after"));
    IgtlMessage after = next(atClient);
    assertEquals(2, after.headerVersion());
    after.release();
  }

  @Test
  void oneFanOutReachesVersionOneAndVersionTwoPeersEachInTheirVersion() throws Exception {
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer server = startServer(new IgtlServerOptions(), atServer);
    BlockingQueue<IgtlMessage> v1 = queue();
    BlockingQueue<IgtlMessage> v2 = queue();
    startClient(new IgtlClientOptions().setPort(server.actualPort()), v1);
    IgtlClient modern = startClient(new IgtlClientOptions().setPort(server.actualPort())
        .setHeaderVersionPolicy(HeaderVersionPolicy.ALWAYS_V2), v2);
    await(modern.send(transform("Probe", 1)));
    next(atServer).release();
    server.publish(transform("Registration", 3));
    IgtlMessage old = next(v1);
    IgtlMessage fresh = next(v2);
    assertEquals(1, old.headerVersion());
    assertEquals(2, fresh.headerVersion());
    assertEquals(3f, old.body(TransformBody.class).matrix().m03());
    assertEquals(3f, fresh.body(TransformBody.class).matrix().m03());
    old.release();
    fresh.release();
  }

  @Test
  void alwaysV1PolicyKeepsVersionOneAfterPeerSendsVersionTwo() throws Exception {
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer server = startServer(new IgtlServerOptions().setHeaderVersionPolicy(HeaderVersionPolicy.ALWAYS_V1),
        atServer);
    BlockingQueue<IgtlMessage> atClient = queue();
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort())
        .setHeaderVersionPolicy(HeaderVersionPolicy.ALWAYS_V2), atClient);
    await(client.send(transform("Probe", 1)));
    next(atServer).release();
    server.publish(status("Service", "x"));
    IgtlMessage m = next(atClient);
    assertEquals(1, m.headerVersion());
    m.release();
  }

  @Test
  void metricsCountMessagesAndBytesBothWays() throws Exception {
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer server = startServer(new IgtlServerOptions(), atServer);
    BlockingQueue<IgtlMessage> atClient = queue();
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort()), atClient);
    for (int i = 0; i < 5; i++) {
      await(client.send(transform("Probe", i)));
    }
    for (int i = 0; i < 5; i++) {
      next(atServer).release();
    }
    server.publish(string("Note", "hello"));
    next(atClient).release();
    // a write counts once the socket reports it done, which may be just after the peer has read it
    eventually("the STRING write completed", () -> server.metrics().messagesOut() == 1);
    IgtlMetrics m = server.metrics();
    assertEquals(1, m.connectionsOpen());
    assertEquals(5, m.messagesIn());
    assertEquals(5 * (58 + 48), m.bytesIn());
    assertEquals(1, m.messagesOut());
    assertEquals(58 + 4 + 5, m.bytesOut());
    assertEquals(5, m.connections().get(0).messagesIn());
    assertEquals(5, client.metrics().messagesOut());
  }
}
