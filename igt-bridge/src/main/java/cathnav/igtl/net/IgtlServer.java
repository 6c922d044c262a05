package cathnav.igtl.net;

import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.net.impl.IgtlServerImpl;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * An OpenIGTLink server on Vert.x: accepts many peers at once (Slicer, displays, trackers, imagers), hands their
 * messages to one {@link IgtlMessageHandler}, and fans out what the application {@linkplain #publish publishes}.
 *
 * <p>What the server does on its own, per connection: the header version policy (version 1 until the peer sends
 * version 2), the current state (last published message of each (type, device)) pushed on connect, {@code GET_}
 * queries answered from that state in the query's header version, {@code STT_}/{@code STP_} streams with their
 * {@code RTS_} replies, latest-only outbound with drop counting, heartbeat STATUS and idle timeout when configured,
 * and closing a connection that sends malformed input (with a STATUS saying why, a log line and a counted reason)
 * while every other connection goes on.
 *
 * <p>Thread-safe. Handlers are set before {@link #listen()}.
 */
public interface IgtlServer {

  /** A server with {@code options} (copied and validated now). */
  static IgtlServer create(Vertx vertx, IgtlServerOptions options) {
    return new IgtlServerImpl(vertx, options);
  }

  /** The handler of every received message that the server does not answer itself. */
  IgtlServer messageHandler(IgtlMessageHandler handler);

  /**
   * Shows every frame of every connection as it crossed the wire (for recorders and dump tools); null for none.
   * Applies to connections made after it is set.
   */
  IgtlServer rawFrameListener(RawFrameListener listener);

  /** Called on the connection's event loop when a peer connects (after the state was queued for it). */
  IgtlServer connectHandler(Handler<IgtlConnection> handler);

  /** Starts listening; completes with this server once bound. */
  Future<IgtlServer> listen();

  /** The bound port (useful with port 0); -1 before {@link #listen()} completes. */
  int actualPort();

  /**
   * Sends {@code message} to every connection streaming its type and remembers it as the current state of its
   * (type, device): new connections get it on connect and {@code GET_} queries are answered with it. Takes over the
   * caller's reference. Never blocks; a slow connection keeps only the latest message per (type, device).
   *
   * <p>A {@code GET_x} query names a device: it is answered with that device's state, or, when the server holds no
   * such device (peers often send their own name), with every device of type x; with no state of type x at all, the
   * query reaches the message handler.
   */
  void publish(IgtlMessage message);

  /** Forgets the state of (type, device) so it is no longer pushed on connect nor returned to {@code GET_}. */
  void forget(String typeName, String deviceName);

  /** The open connections now. */
  List<IgtlConnection> connections();

  /** The server's counters now. */
  IgtlMetrics metrics();

  /** Closes every connection and stops listening; releases the remembered state. */
  Future<Void> close();
}
