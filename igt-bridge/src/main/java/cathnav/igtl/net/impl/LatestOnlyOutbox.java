package cathnav.igtl.net.impl;

import cathnav.igtl.net.MessageSupersededException;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Promise;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The messages waiting to be written on one connection: at most one per (type, device) key, a newer message replacing
 * (dropping) the waiting one. Messages leave oldest first, and a replacing message goes to the back, so a fast IMAGE
 * stream cannot starve a TRANSFORM.
 *
 * <p>Owns the waiting messages: a dropped or discarded message is released ({@link ReferenceCountUtil#release}), and
 * its promise fails with {@link MessageSupersededException}. Confined to the connection's event loop (not
 * thread-safe).
 *
 * @param <K> the key type
 */
final class LatestOnlyOutbox<K> {

  /** A message waiting under its key, and the promise completed when it is written (or dropped; may be null). */
  record Pending<K>(K key, Object message, Promise<Void> promise) {}

  private final LinkedHashMap<K, Pending<K>> pending = new LinkedHashMap<>();

  /**
   * Queues {@code message} under {@code key}.
   *
   * @return true when an older message of the same key was dropped to make room
   */
  boolean offer(K key, Object message, Promise<Void> promise) {
    Pending<K> old = pending.remove(key);
    pending.put(key, new Pending<>(key, message, promise));
    if (old != null) {
      ReferenceCountUtil.release(old.message());
      if (old.promise() != null) {
        old.promise().tryFail(new MessageSupersededException(String.valueOf(key)));
      }
      return true;
    }
    return false;
  }

  /** Removes and returns the oldest waiting message, or {@code null} when none waits. */
  Pending<K> poll() {
    Iterator<Map.Entry<K, Pending<K>>> it = pending.entrySet().iterator();
    if (!it.hasNext()) {
      return null;
    }
    Pending<K> p = it.next().getValue();
    it.remove();
    return p;
  }

  /** Removes and returns the oldest waiting message whose key {@code eligible} accepts, or {@code null}. */
  Pending<K> poll(Predicate<K> eligible) {
    Iterator<Map.Entry<K, Pending<K>>> it = pending.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<K, Pending<K>> e = it.next();
      if (eligible.test(e.getKey())) {
        it.remove();
        return e.getValue();
      }
    }
    return null;
  }

  /** The keys waiting now, oldest first (a copy). */
  List<K> keys() {
    return List.copyOf(pending.keySet());
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  int size() {
    return pending.size();
  }

  /** Releases every waiting message and fails its promise with {@code cause}. */
  void discardAll(Throwable cause) {
    for (Pending<K> p : pending.values()) {
      ReferenceCountUtil.release(p.message());
      if (p.promise() != null) {
        p.promise().tryFail(cause);
      }
    }
    pending.clear();
  }
}
