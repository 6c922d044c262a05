package cathnav.igtl.cli;

import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.net.HeaderVersionPolicy;
import cathnav.igtl.net.IgtlClient;
import cathnav.igtl.net.IgtlClientOptions;
import cathnav.igtl.net.IgtlConnection;
import cathnav.igtl.net.IgtlServer;
import cathnav.igtl.net.IgtlServerOptions;
import cathnav.igtl.net.RawFrameListener;
import cathnav.igtl.net.CloseReason;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The network side of {@code igtl dump} and {@code igtl record}: a server ({@code --listen}) or a client
 * ({@code --connect}) whose frames go to a {@link RawFrameListener}, that sends the given queries on every new
 * connection. The CRC is not enforced on the connection: a tool shows a bad frame rather than hanging up on it.
 */
final class TapSession {

  private final IgtlServer server;
  private final IgtlClient client;

  private final Future<CloseReason> ended;

  private TapSession(IgtlServer server, IgtlClient client, Future<CloseReason> ended) {
    this.server = server;
    this.client = client;
    this.ended = ended;
  }

  /** Client mode: completes when the connection ends; server mode: never completes. */
  Future<CloseReason> ended() {
    return ended;
  }

  /** Starts listening on {@code listen}, or connecting to {@code connect} (exactly one is non-null). */
  static Future<TapSession> start(Vertx vertx, HostPort listen, HostPort connect, RawFrameListener tap,
      List<QuerySpec> queries) {
    if (listen != null) {
      IgtlServer server = IgtlServer.create(vertx, new IgtlServerOptions().setHost(listen.host())
          .setPort(listen.port()).setCrcCheck(false).setHeaderVersionPolicy(HeaderVersionPolicy.ALWAYS_V1));
      server.rawFrameListener(tap).connectHandler(c -> sendQueries(c, queries));
      return server.listen().map(s -> new TapSession(server, null, Promise.<CloseReason>promise().future()));
    }
    IgtlClient client = IgtlClient.create(vertx, new IgtlClientOptions().setHost(connect.host())
        .setPort(connect.port()).setCrcCheck(false).setHeaderVersionPolicy(HeaderVersionPolicy.ALWAYS_V1));
    client.rawFrameListener(tap).connectHandler(c -> sendQueries(c, queries));
    return client.connect().map(c -> new TapSession(null, client, c.closeFuture()));
  }

  private static void sendQueries(IgtlConnection c, List<QuerySpec> queries) {
    for (QuerySpec q : queries) {
      IgtlMessage m = q.message();
      c.send(m);
    }
  }

  /** The port listened on (server) or connected to (client). */
  int port() {
    return server != null ? server.actualPort() : -1;
  }

  Future<Void> close() {
    return server != null ? server.close() : client.close();
  }
}
