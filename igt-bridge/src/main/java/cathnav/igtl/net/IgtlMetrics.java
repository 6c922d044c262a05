package cathnav.igtl.net;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of an endpoint's counters, for export (Prometheus, logs, STATUS). Totals include connections that have
 * since closed. Immutable.
 *
 * @param connectionsOpened connections accepted (server) or established (client) since start
 * @param messagesIn complete messages received on all connections
 * @param messagesOut messages written on all connections
 * @param bytesIn received bytes (whole messages)
 * @param bytesOut sent bytes (whole messages)
 * @param dropped outbound messages superseded before they could be sent (slow peers)
 * @param closesByReason closed connections per reason (every reason present, zero included)
 * @param connections the open connections
 */
public record IgtlMetrics(
    long connectionsOpened,
    long messagesIn,
    long messagesOut,
    long bytesIn,
    long bytesOut,
    long dropped,
    Map<CloseReason, Long> closesByReason,
    List<IgtlConnectionMetrics> connections) {

  public IgtlMetrics {
    closesByReason = Map.copyOf(closesByReason);
    connections = List.copyOf(connections);
  }

  /** Number of open connections. */
  public int connectionsOpen() {
    return connections.size();
  }

  /** Closes counted for {@code reason}. */
  public long closes(CloseReason reason) {
    return closesByReason.getOrDefault(reason, 0L);
  }
}
