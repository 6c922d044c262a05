/**
 * OpenIGTLink transport on Vert.x 5: {@link cathnav.igtl.net.IgtlServer} and {@link cathnav.igtl.net.IgtlClient}, with
 * Future-only APIs, options classes, and metrics snapshots for export.
 *
 * <h2>Using the server (the navigation service)</h2>
 *
 * <pre>{@code
 * IgtlServer server = IgtlServer.create(vertx, new IgtlServerOptions().setPort(18944));
 * server.messageHandler((connection, message) -> {       // event loop, one message at a time per connection
 *   if (message.body() instanceof ImageBody) {
 *     frameSlot.offer(message.retain());                 // retain to keep it past the handler; the slot releases
 *   }
 * });
 * server.listen().onSuccess(s -> log.info("port={}", s.actualPort()));
 * ...
 * server.publish(IgtlMessage.of("Registration", stamp, new TransformBody(pose)));   // any thread, never blocks
 * IgtlMetrics m = server.metrics();                                               // export to Prometheus
 * }</pre>
 *
 * <ul>
 *   <li><b>Ownership.</b> The handler's message is released when the handler returns ({@code retain()} to keep it).
 *       {@code publish} and {@code send} take over the caller's reference; the server retains once per connection
 *       and once for its state, and every copy is released once written, dropped or discarded.
 *   <li><b>Fan-out, latest-only.</b> {@code publish} goes to every connection streaming the message's type; each
 *       connection keeps at most one waiting message per (type, device), so a slow peer drops older frames (counted
 *       in {@link cathnav.igtl.net.IgtlConnectionMetrics#dropped()}) and neither the publisher nor other peers ever
 *       wait. "Slow" means the socket's write buffer is above {@code writeHighWaterMark}.
 *   <li><b>State.</b> The last published message of each (type, device) is the server's state: pushed to new
 *       connections (option {@code pushStateOnConnect}) and the answer to {@code GET_} queries; {@code forget}
 *       removes an entry.
 *   <li><b>Header versions.</b> A connection sends version 1 until its peer has sent version 2
 *       ({@link cathnav.igtl.net.HeaderVersionPolicy#FOLLOW_PEER}); answers to queries go out in the query's version.
 *   <li><b>Queries and streams.</b> {@code GET_x} is answered from the state (the named device, else every device of
 *       type x; with no state of type x the query reaches the handler);
 *       {@code STT_x}/{@code STP_x} start and stop type x for that peer and are answered with {@code RTS_x}. Tracking
 *       data (TDATA, QTDATA) is sent only after {@code STT_}; every other type is sent unless stopped. The server
 *       never waits for an {@code RTS_} from a peer.
 *   <li><b>Bad input.</b> A frame the decoder rejects (size over the limit, CRC mismatch, bad header version,
 *       extended header or metadata, malformed content) closes that connection only, after a STATUS telling the peer
 *       why; the close is logged on one line and counted per {@link cathnav.igtl.net.CloseReason}. Nothing beyond
 *       {@code maxBodySize} is ever buffered.
 *   <li><b>Liveness.</b> TCP keep-alive on by default; optional heartbeat STATUS and idle timeout; the client
 *       reconnects with exponential back-off when asked to; optional TLS.
 * </ul>
 *
 * <p>Implementation ({@code impl}): each connection adds its Netty handlers before Vert.x's {@code "handler"} through
 * {@code NetSocketInternal} (byte meter, optional raw-frame tap, idle detection, {@code IgtlFrameDecoder},
 * {@code IgtlMessageEncoder}) and receives decoded messages through {@code messageHandler}.
 */
package cathnav.igtl.net;
