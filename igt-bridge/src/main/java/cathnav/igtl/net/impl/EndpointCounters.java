package cathnav.igtl.net.impl;

import cathnav.igtl.net.CloseReason;
import cathnav.igtl.net.IgtlConnectionMetrics;
import cathnav.igtl.net.IgtlMetrics;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Totals of one server or client. Connections on different event loops add to them concurrently; reads are a
 * non-atomic snapshot (each counter is exact, the set is not taken at one instant). Thread-safe.
 */
final class EndpointCounters {

  final LongAdder connectionsOpened = new LongAdder();
  final LongAdder messagesIn = new LongAdder();
  final LongAdder messagesOut = new LongAdder();
  final LongAdder bytesIn = new LongAdder();
  final LongAdder bytesOut = new LongAdder();
  final LongAdder dropped = new LongAdder();
  private final Map<CloseReason, LongAdder> closes = new EnumMap<>(CloseReason.class);

  EndpointCounters() {
    for (CloseReason r : CloseReason.values()) {
      closes.put(r, new LongAdder());
    }
  }

  void closed(CloseReason reason) {
    closes.get(reason).increment();
  }

  IgtlMetrics snapshot(List<IgtlConnectionMetrics> open) {
    Map<CloseReason, Long> byReason = new EnumMap<>(CloseReason.class);
    closes.forEach((r, n) -> byReason.put(r, n.sum()));
    return new IgtlMetrics(connectionsOpened.sum(), messagesIn.sum(), messagesOut.sum(), bytesIn.sum(),
        bytesOut.sum(), dropped.sum(), byReason, open);
  }
}
