package cathnav.core.service.igtl;

import cathnav.igtl.net.CloseReason;
import cathnav.igtl.net.IgtlConnection;
import cathnav.igtl.net.IgtlServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenIGTLink transport's counters as Micrometer meters, next to the service's stage histograms on
 * {@code /metrics}. Every value is read from the server's counters ({@link IgtlServer#metrics()}) when scraped;
 * totals include connections that have since closed. Prometheus names:
 *
 * <pre>
 * cathnav_igtl_connections_opened_total                 connections accepted since start
 * cathnav_igtl_connections_open                         connections open now
 * cathnav_igtl_messages_total{direction="in"|"out"}     whole messages received / written
 * cathnav_igtl_bytes_total{direction="in"|"out"}        their bytes, headers included
 * cathnav_igtl_dropped_total                            outbound messages superseded before they were sent
 * cathnav_igtl_closes_total{reason}                     closed connections per {@link CloseReason}
 * cathnav_igtl_invalid_frames_total{reason}             frames refused as invalid (each closes its connection)
 * cathnav_igtl_peer_dropped{peer,connection}            superseded outbound messages per open subscriber
 * </pre>
 *
 * <p>Thread-safety: {@link #onConnect} from the server's event loop; scraping from any thread.
 */
public final class IgtlTransportMetrics {

  /** The close reasons that mean an invalid frame arrived (too large, bad CRC, malformed, cut short). */
  static final Set<CloseReason> INVALID_FRAME_REASONS = EnumSet.of(CloseReason.MESSAGE_TOO_LARGE,
      CloseReason.CRC_MISMATCH, CloseReason.MALFORMED_HEADER, CloseReason.MALFORMED_BODY, CloseReason.TRUNCATED);

  private final Map<Long, IgtlConnection> open = new ConcurrentHashMap<>();
  private final MultiGauge peerDropped;

  private IgtlTransportMetrics(MultiGauge peerDropped) {
    this.peerDropped = peerDropped;
  }

  /** Registers the transport's meters for {@code server} in {@code registry}. */
  public static IgtlTransportMetrics bind(IgtlServer server, MeterRegistry registry) {
    Objects.requireNonNull(server, "server");
    FunctionCounter.builder("cathnav.igtl.connections.opened", server, s -> s.metrics().connectionsOpened())
        .description("OpenIGTLink connections accepted since start").register(registry);
    Gauge.builder("cathnav.igtl.connections.open", server, s -> s.metrics().connectionsOpen())
        .description("OpenIGTLink connections open now").register(registry);
    FunctionCounter.builder("cathnav.igtl.messages", server, s -> s.metrics().messagesIn())
        .tag("direction", "in").description("OpenIGTLink messages received").register(registry);
    FunctionCounter.builder("cathnav.igtl.messages", server, s -> s.metrics().messagesOut())
        .tag("direction", "out").description("OpenIGTLink messages written").register(registry);
    FunctionCounter.builder("cathnav.igtl.bytes", server, s -> s.metrics().bytesIn())
        .tag("direction", "in").baseUnit("bytes").description("OpenIGTLink bytes received").register(registry);
    FunctionCounter.builder("cathnav.igtl.bytes", server, s -> s.metrics().bytesOut())
        .tag("direction", "out").baseUnit("bytes").description("OpenIGTLink bytes written").register(registry);
    FunctionCounter.builder("cathnav.igtl.dropped", server, s -> s.metrics().dropped())
        .description("outbound OpenIGTLink messages superseded before they could be sent (slow peers)")
        .register(registry);
    for (CloseReason r : CloseReason.values()) {
      FunctionCounter.builder("cathnav.igtl.closes", server, s -> s.metrics().closes(r))
          .tag("reason", r.name()).description("OpenIGTLink connections closed, per reason").register(registry);
    }
    for (CloseReason r : INVALID_FRAME_REASONS) {
      FunctionCounter.builder("cathnav.igtl.invalid.frames", server, s -> s.metrics().closes(r))
          .tag("reason", r.name()).description("invalid OpenIGTLink frames, per reason (each closes its connection)")
          .register(registry);
    }
    MultiGauge peers = MultiGauge.builder("cathnav.igtl.peer.dropped")
        .description("outbound messages superseded for one subscriber (latest-only per peer)").register(registry);
    return new IgtlTransportMetrics(peers);
  }

  /** Adds {@code c}'s per-subscriber meters until it closes. */
  public void onConnect(IgtlConnection c) {
    open.put(c.id(), c);
    refreshPeers();
    c.closeFuture().onComplete(r -> {
      open.remove(c.id());
      refreshPeers();
    });
  }

  private synchronized void refreshPeers() {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (IgtlConnection c : open.values()) {
      rows.add(MultiGauge.Row.of(Tags.of("peer", c.remoteAddress(), "connection", Long.toString(c.id())), c,
          conn -> conn.metrics().dropped()));
    }
    peerDropped.register(rows, true);
  }
}
