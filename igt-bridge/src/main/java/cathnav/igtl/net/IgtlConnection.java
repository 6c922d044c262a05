package cathnav.igtl.net;

import cathnav.igtl.message.IgtlMessage;
import io.vertx.core.Future;

/**
 * One OpenIGTLink connection of an {@link IgtlServer} or {@link IgtlClient}.
 *
 * <p>Outbound messages are latest-only per (type name, device name): while the peer reads slower than messages are
 * produced, a waiting message is replaced by the newer one (counted in {@link IgtlConnectionMetrics#dropped()}), so
 * nothing queues up and no sender ever blocks. Each message is sent in the header version the connection's
 * {@link HeaderVersionPolicy} gives at the time it is written.
 *
 * <p>Thread-safe: {@link #send} and {@link #close} may be called from any thread; the work happens on the
 * connection's event loop.
 */
public interface IgtlConnection {

  /** This endpoint's id of the connection, unique within the JVM (also used in {@code .igtlrec} recordings). */
  long id();

  /** The peer, as {@code host:port}. */
  String remoteAddress();

  /** Whether the peer has sent at least one header version 2 message. */
  boolean peerSentVersion2();

  /** The header version messages sent now would carry (from the policy and what the peer has sent). */
  int headerVersionSent();

  /**
   * Whether messages of {@code typeName} currently go to this connection: a server sends every type unless the peer
   * stopped it with {@code STP_}, except the on-request types (tracking data) which need a {@code STT_} first.
   */
  boolean isStreaming(String typeName);

  /**
   * Queues {@code message} for this peer, taking over the caller's reference (it is released once written, dropped
   * or refused). Its header version is replaced by the connection's.
   *
   * @return completes when the message is handed to the socket; fails with {@link MessageSupersededException} when a
   *     newer message of the same (type, device) replaced it first, or with an {@link IllegalStateException} when
   *     the connection is closed
   */
  Future<Void> send(IgtlMessage message);

  /**
   * Closes the connection (reason {@link CloseReason#LOCAL_CLOSE} unless it was already ending for another reason);
   * completes once the close has been handled: counted, its server or client told.
   */
  Future<Void> close();

  /** Completes with the reason once the connection has ended, whoever ended it. */
  Future<CloseReason> closeFuture();

  /** The connection's counters now. */
  IgtlConnectionMetrics metrics();
}
