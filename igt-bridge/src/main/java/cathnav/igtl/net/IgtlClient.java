package cathnav.igtl.net;

import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.net.impl.IgtlClientImpl;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * An OpenIGTLink client on Vert.x: one connection to one peer, re-established with exponential back-off when
 * {@link IgtlClientOptions#isReconnect()} is set, with the same per-connection behaviour as the server's connections
 * (header version policy, latest-only outbound, limits, CRC check, heartbeat, idle timeout, clean close on bad
 * input). Queries sent by the peer reach the message handler.
 *
 * <p>Thread-safe. Handlers are set before {@link #connect()}.
 */
public interface IgtlClient {

  /** A client with {@code options} (copied and validated now). */
  static IgtlClient create(Vertx vertx, IgtlClientOptions options) {
    return new IgtlClientImpl(vertx, options);
  }

  /** The handler of every received message. */
  IgtlClient messageHandler(IgtlMessageHandler handler);

  /**
   * Shows every frame of every connection as it crossed the wire (for recorders and dump tools); null for none.
   * Applies to connections made after it is set.
   */
  IgtlClient rawFrameListener(RawFrameListener listener);

  /** Called on the event loop each time a connection is established (the first one and every reconnection). */
  IgtlClient connectHandler(Handler<IgtlConnection> handler);

  /**
   * Connects. Without reconnection, fails when the attempt fails; with reconnection, retries until it succeeds or
   * the client is closed.
   */
  Future<IgtlConnection> connect();

  /** The current connection, or {@code null} while disconnected. */
  IgtlConnection connection();

  /**
   * Sends on the current connection (see {@link IgtlConnection#send}); takes over the caller's reference and fails
   * with an {@link IllegalStateException} while disconnected.
   */
  Future<Void> send(IgtlMessage message);

  /** The client's counters now (totals over every connection it made). */
  IgtlMetrics metrics();

  /** Closes the connection and stops reconnecting. */
  Future<Void> close();
}
