package cathnav.igtl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.igtl.message.GetQueryBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.QueryReplyBody;
import cathnav.igtl.message.StartStreamBody;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.StopStreamBody;
import cathnav.igtl.message.TransformBody;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueriesAndStreamsTest extends TransportTestSupport {

  private static IgtlMessage query(int version, String type, String device, cathnav.igtl.message.IgtlBody body) {
    return new IgtlMessage(version, type, device, IgtlTimestamp.now(), Map.of(), 0, body);
  }

  @Test
  void getQueryIsAnsweredFromPublishedStateInTheQueryVersion() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions().setPushStateOnConnect(false), queue());
    server.publish(transform("Registration", 7));
    server.publish(transform("Other", 8));
    BlockingQueue<IgtlMessage> atClient = queue();
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort())
        .setHeaderVersionPolicy(HeaderVersionPolicy.ALWAYS_V2), atClient);
    await(client.send(query(2, "GET_TRANS", "Registration", new GetQueryBody("TRANSFORM"))));
    IgtlMessage answer = next(atClient);
    assertEquals("TRANSFORM", answer.typeName());
    assertEquals("Registration", answer.deviceName());
    assertEquals(2, answer.headerVersion());
    assertEquals(7f, answer.body(TransformBody.class).matrix().m03());
    answer.release();
    assertNull(atClient.poll(200, TimeUnit.MILLISECONDS), "only the named device answers");
  }

  @Test
  void getQueryWithEmptyDeviceReturnsEveryDeviceOfTheType() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions().setPushStateOnConnect(false), queue());
    server.publish(transform("A", 1));
    server.publish(transform("B", 2));
    server.publish(status("S", "not asked"));
    BlockingQueue<IgtlMessage> atClient = queue();
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort()), atClient);
    await(client.send(query(1, "GET_TRANSFOR", "", new GetQueryBody("TRANSFORM"))));
    IgtlMessage first = next(atClient);
    IgtlMessage second = next(atClient);
    assertEquals(java.util.Set.of("A", "B"), java.util.Set.of(first.deviceName(), second.deviceName()));
    assertEquals(1, first.headerVersion());
    first.release();
    second.release();
  }

  @Test
  void getQueryNamingAnUnknownDeviceIsAnsweredWithEveryDeviceOfTheType() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions().setPushStateOnConnect(false), queue());
    server.publish(transform("Registration", 4));
    BlockingQueue<IgtlMessage> atClient = queue();
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort()), atClient);
    await(client.send(query(1, "GET_TRANS", "Client", new GetQueryBody("TRANSFORM"))));
    IgtlMessage answer = next(atClient);
    assertEquals("Registration", answer.deviceName());
    answer.release();
  }

  @Test
  void unansweredGetQueryReachesTheMessageHandler() throws Exception {
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer server = startServer(new IgtlServerOptions(), atServer);
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort()), null);
    await(client.send(query(1, "GET_POLYDATA", "Heart", new GetQueryBody("POLYDATA"))));
    IgtlMessage q = next(atServer);
    assertEquals("GET_POLYDATA", q.typeName());
    q.release();
  }

  @Test
  void trackingDataFlowsOnlyBetweenStartAndStopWithReplies() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions(), queue());
    BlockingQueue<IgtlMessage> atClient = queue();
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort()), atClient);
    eventually("connection", () -> server.connections().size() == 1);
    IgtlConnection c = server.connections().get(0);
    assertFalse(c.isStreaming("TDATA"));
    assertTrue(c.isStreaming("TRANSFORM"));

    await(client.send(query(1, "STT_TDATA", "", StartStreamBody.of("TDATA", 50, "Patient"))));
    IgtlMessage reply = next(atClient);
    assertEquals("RTS_TDATA", reply.typeName());
    assertEquals(QueryReplyBody.SUCCESS, reply.body(QueryReplyBody.class).status().getAsInt());
    reply.release();
    eventually("streaming", () -> c.isStreaming("TDATA"));

    await(client.send(query(1, "STP_TDATA", "", new StopStreamBody("TDATA"))));
    IgtlMessage stopReply = next(atClient);
    assertEquals("RTS_TDATA", stopReply.typeName());
    stopReply.release();
    eventually("stopped", () -> !c.isStreaming("TDATA"));
  }

  @Test
  void configuredOnRequestTypeIsSentOnlyAfterStartStream() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions().setPushStateOnConnect(false)
        .setOnRequestTypes(java.util.Set.of("IMAGE")), queue());
    BlockingQueue<IgtlMessage> atClient = queue();
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort()), atClient);
    eventually("connection", () -> server.connections().size() == 1);
    server.publish(image("Fluoro", 8, 8, 1));
    assertNull(atClient.poll(200, TimeUnit.MILLISECONDS), "IMAGE is on request only");
    await(client.send(query(1, "STT_IMAGE", "", new StartStreamBody("IMAGE", Optional.empty()))));
    assertEquals("RTS_IMAGE", next(atClient).typeName());
    IgtlMessage latest = next(atClient);
    assertEquals("IMAGE", latest.typeName(), "the latest IMAGE follows the start");
    latest.release();
  }

  @Test
  void streamResolutionPacesTrackingDataKeepingTheLatest() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions(), queue());
    BlockingQueue<IgtlMessage> atClient = queue();
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort()), atClient);
    await(client.send(query(1, "STT_TDATA", "", StartStreamBody.of("TDATA", 300, "Patient"))));
    assertEquals("RTS_TDATA", next(atClient).typeName());
    eventually("streaming", () -> server.connections().get(0).isStreaming("TDATA"));
    int published = 20;
    for (int i = 0; i < published; i++) {
      server.publish(IgtlMessage.of("Tracker", IgtlTimestamp.now(), new cathnav.igtl.message.TrackingDataBody(
          java.util.List.of(new cathnav.igtl.message.TrackingDataBody.Element("Tip", 2,
              cathnav.igtl.message.AffineMatrix.translation(i, 0, 0))))));
    }
    IgtlConnection c = server.connections().get(0);
    float last = -1;
    int received = 0;
    while (last != published - 1) {
      IgtlMessage m = next(atClient);
      last = m.body(cathnav.igtl.message.TrackingDataBody.class).elements().get(0).matrix().m03();
      received++;
    }
    final int got = received;
    assertTrue(got < published, "paced stream must not deliver every message, received=" + got);
    eventually(() -> "sent + dropped = published, metrics=" + c.metrics(),
        () -> c.metrics().messagesOut() - 1 + c.metrics().dropped() == published);
  }

  @Test
  void stopStreamHaltsPublishedTypeForThatPeerOnly() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions().setPushStateOnConnect(false), queue());
    BlockingQueue<IgtlMessage> stopping = queue();
    BlockingQueue<IgtlMessage> other = queue();
    IgtlClient a = startClient(new IgtlClientOptions().setPort(server.actualPort()), stopping);
    startClient(new IgtlClientOptions().setPort(server.actualPort()), other);
    eventually("two connections", () -> server.connections().size() == 2);
    await(a.send(query(1, "STP_STATUS", "", new StopStreamBody("STATUS"))));
    next(stopping).release(); // RTS_STATUS
    eventually("stopped", () -> server.connections().stream().filter(c -> !c.isStreaming("STATUS")).count() == 1);
    server.publish(status("Service", "hello"));
    IgtlMessage m = next(other);
    assertEquals(StatusBody.OK, m.body(StatusBody.class).code());
    m.release();
    assertNull(stopping.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void newConnectionReceivesTheLatestStateOfEachDevice() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions(), queue());
    server.publish(transform("Registration", 1));
    server.publish(transform("Registration", 2));
    server.publish(status("Service", "ready"));
    BlockingQueue<IgtlMessage> atClient = queue();
    startClient(new IgtlClientOptions().setPort(server.actualPort()), atClient);
    IgtlMessage first = next(atClient);
    IgtlMessage second = next(atClient);
    assertEquals("TRANSFORM", first.typeName());
    assertEquals(2f, first.body(TransformBody.class).matrix().m03());
    assertEquals("STATUS", second.typeName());
    first.release();
    second.release();
    assertNull(atClient.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void forgottenStateIsNoLongerPushed() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions(), queue());
    server.publish(transform("Registration", 1));
    server.forget("TRANSFORM", "Registration");
    BlockingQueue<IgtlMessage> atClient = queue();
    startClient(new IgtlClientOptions().setPort(server.actualPort()), atClient);
    assertNull(atClient.poll(300, TimeUnit.MILLISECONDS));
  }

  @Test
  void startStreamWithoutParametersIsAccepted() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions(), queue());
    BlockingQueue<IgtlMessage> atClient = queue();
    IgtlClient client = startClient(new IgtlClientOptions().setPort(server.actualPort()), atClient);
    await(client.send(query(1, "STT_QTDATA", "", new StartStreamBody("QTDATA", Optional.empty()))));
    IgtlMessage reply = next(atClient);
    assertEquals("RTS_QTDATA", reply.typeName());
    reply.release();
  }
}
