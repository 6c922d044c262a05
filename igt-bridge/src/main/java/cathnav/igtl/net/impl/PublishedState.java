package cathnav.igtl.net.impl;

import cathnav.igtl.message.IgtlMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last published message of each (type, device): what a new connection is sent and what {@code GET_} queries are
 * answered with. Holds one reference to each message it keeps. Thread-safe (publishers and event loops share it;
 * every operation is short and holds the lock only to swap or retain references).
 */
final class PublishedState {

  private final Map<OutboundKey, IgtlMessage> latest = new LinkedHashMap<>();

  /** Keeps {@code message} (retaining it once) in place of the previous one of its (type, device). */
  synchronized void put(IgtlMessage message) {
    IgtlMessage old = latest.put(new OutboundKey(message.typeName(), message.deviceName()), message.retain());
    if (old != null) {
      old.release();
    }
  }

  /** Forgets (type, device), releasing what was kept. */
  synchronized void remove(String typeName, String deviceName) {
    IgtlMessage old = latest.remove(new OutboundKey(typeName, deviceName));
    if (old != null) {
      old.release();
    }
  }

  /**
   * The kept messages of {@code typeName} (all of them when null) and {@code deviceName} (any device when null or
   * empty), each retained once for the caller.
   */
  synchronized List<IgtlMessage> retainMatching(String typeName, String deviceName) {
    List<IgtlMessage> out = new ArrayList<>();
    for (Map.Entry<OutboundKey, IgtlMessage> e : latest.entrySet()) {
      boolean typeOk = typeName == null || e.getKey().typeName().equals(typeName);
      boolean deviceOk = deviceName == null || deviceName.isEmpty() || e.getKey().deviceName().equals(deviceName);
      if (typeOk && deviceOk) {
        out.add(e.getValue().retain());
      }
    }
    return out;
  }

  /** Releases everything kept. */
  synchronized void clear() {
    latest.values().forEach(IgtlMessage::release);
    latest.clear();
  }
}
