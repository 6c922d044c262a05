package cathnav.igtl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.StatusBody;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.DataInputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionLifecycleTest extends TransportTestSupport {

  @Test
  void silentPeerIsClosedAfterTheIdleTimeoutWithATimeOutStatus() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions().setIdleTimeout(Duration.ofMillis(200)), queue());
    Socket s = rawSocket(server);
    DataInputStream in = new DataInputStream(s.getInputStream());
    long[] size = new long[1];
    String[] h = readFrameHeader(in, size);
    assertEquals("STATUS", h[0]);
    byte[] body = new byte[(int) size[0]];
    in.readFully(body);
    assertEquals(StatusBody.TIME_OUT, ((body[0] & 0xFF) << 8) | (body[1] & 0xFF));
    assertEquals(-1, in.read());
    eventually("counted", () -> server.metrics().closes(CloseReason.IDLE_TIMEOUT) == 1);
  }

  @Test
  void heartbeatStatusArrivesPeriodically() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions().setHeartbeatInterval(Duration.ofMillis(50)), queue());
    BlockingQueue<IgtlMessage> atClient = queue();
    startClient(new IgtlClientOptions().setPort(server.actualPort()), atClient);
    for (int i = 0; i < 3; i++) {
      IgtlMessage m = next(atClient);
      assertEquals("STATUS", m.typeName());
      assertEquals("Heartbeat", m.body(StatusBody.class).message());
      assertEquals(IgtlEndpointOptions.DEFAULT_DEVICE_NAME, m.deviceName());
      m.release();
    }
  }

  @Test
  void clientReconnectsWithBackOffAfterTheServerComesBack() throws Exception {
    IgtlServer first = startServer(new IgtlServerOptions(), queue());
    int port = first.actualPort();
    AtomicInteger connects = new AtomicInteger();
    IgtlClient client = IgtlClient.create(vertx, new IgtlClientOptions().setPort(port).setReconnect(true)
        .setReconnectInitialDelay(Duration.ofMillis(20)).setReconnectMaxDelay(Duration.ofMillis(200)));
    client.connectHandler(c -> connects.incrementAndGet());
    await(client.connect());
    closeables.add(() -> client.close().await(TIMEOUT_S, TimeUnit.SECONDS));
    await(first.close());
    eventually("disconnected", () -> client.connection() == null);
    Thread.sleep(300); // a few failed attempts while nobody listens
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer second = IgtlServer.create(vertx, new IgtlServerOptions().setPort(port));
    second.messageHandler((c, m) -> atServer.add(m.retain()));
    await(second.listen());
    closeables.add(0, () -> second.close().await(TIMEOUT_S, TimeUnit.SECONDS));
    eventually("reconnected", () -> client.connection() != null && connects.get() == 2);
    await(client.send(transform("Probe", 9)));
    next(atServer).release();
  }

  @Test
  void connectFailureWithoutReconnectFailsTheFutureNamingThePeer() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    IgtlClient client = IgtlClient.create(vertx, new IgtlClientOptions().setPort(port));
    Exception e = assertThrows(Exception.class, () -> await(client.connect()));
    assertTrue(e.getMessage().contains("port=" + port), e.getMessage());
    await(client.close());
  }

  @Test
  void sendWhileDisconnectedFails() throws Exception {
    IgtlClient client = IgtlClient.create(vertx, new IgtlClientOptions().setPort(1));
    assertThrows(IllegalStateException.class, () -> await(client.send(transform("Probe", 1))));
    await(client.close());
  }

  @Test
  void connectionBeyondTheLimitIsToldBusyAndClosed() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions().setMaxConnections(1), queue());
    startClient(new IgtlClientOptions().setPort(server.actualPort()), null);
    eventually("first connection", () -> server.connections().size() == 1);
    Socket second = rawSocket(server);
    DataInputStream in = new DataInputStream(second.getInputStream());
    long[] size = new long[1];
    assertEquals("STATUS", readFrameHeader(in, size)[0]);
    byte[] body = new byte[(int) size[0]];
    in.readFully(body);
    assertEquals(StatusBody.BUSY, ((body[0] & 0xFF) << 8) | (body[1] & 0xFF));
    assertEquals(-1, in.read());
    eventually("counted", () -> server.metrics().closes(CloseReason.TOO_MANY_CONNECTIONS) == 1);
    assertEquals(1, server.connections().size());
  }

  @Test
  void peerCloseIsReportedOnTheConnectionFuture() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions(), queue());
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort()), null);
    eventually("connection", () -> server.connections().size() == 1);
    IgtlConnection atServer = server.connections().get(0);
    await(client.close());
    assertEquals(CloseReason.PEER_CLOSED, await(atServer.closeFuture()));
    assertEquals(1, server.metrics().closes(CloseReason.PEER_CLOSED));
    assertNull(client.connection());
  }

  @Test
  void tlsConnectionCarriesMessages() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create();
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer server = startServer(new IgtlServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()),
        atServer);
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort()).setSsl(true)
        .setTrustAll(true), null);
    await(client.send(transform("Secure", 3)));
    IgtlMessage m = next(atServer);
    assertEquals("Secure", m.deviceName());
    m.release();
  }
}
