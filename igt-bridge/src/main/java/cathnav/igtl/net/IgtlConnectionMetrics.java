package cathnav.igtl.net;

/**
 * A snapshot of one connection's counters.
 *
 * @param connectionId the endpoint's id of the connection (also used in recordings)
 * @param remoteAddress the peer, as {@code host:port}
 * @param headerVersionSent the header version this connection currently sends (1 or 2)
 * @param messagesIn complete messages received (skipped unknown types included)
 * @param messagesOut messages written to the socket
 * @param bytesIn bytes of received messages, headers included
 * @param bytesOut bytes of sent messages, headers included
 * @param dropped outbound messages replaced by a newer one of the same (type, device) before they could be sent
 */
public record IgtlConnectionMetrics(
    long connectionId,
    String remoteAddress,
    int headerVersionSent,
    long messagesIn,
    long messagesOut,
    long bytesIn,
    long bytesOut,
    long dropped) {}
