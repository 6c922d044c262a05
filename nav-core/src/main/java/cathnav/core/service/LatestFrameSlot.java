package cathnav.core.service;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A single-slot "latest wins" handoff between producers (Vert.x event loops receiving frames) and one consumer
 * (the pipeline thread).
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #offer} is wait-free: one atomic exchange, no lock, no allocation. Any number of threads may offer.
 *   <li>{@link #poll} is wait-free and meant for a single consumer thread; it takes the newest item, leaving the
 *       slot empty.
 *   <li>The slot never holds more than one item, so nothing ever queues: an item that is replaced before the
 *       consumer polled it is dropped, counted in {@link #dropped()}, and handed to the drop handler given at
 *       construction, which releases what the item owns (for a frame, its pixel buffer).
 *   <li>Ownership: {@code offer} transfers ownership of the item to the slot; {@code poll} transfers it to the
 *       caller; {@link #close} empties the slot and releases what it held. Offers after {@code close} are dropped
 *       at once.
 * </ul>
 *
 * @param <T> the item type (a received frame)
 */
public final class LatestFrameSlot<T> implements AutoCloseable {

  private final AtomicReference<T> slot = new AtomicReference<>();
  private final Consumer<? super T> onDrop;
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;
  private volatile Thread consumer;

  /**
   * @param onDrop releases an item the slot discards (replaced before it was polled, or left at close); it runs on
   *     the thread that caused the drop and must not block
   */
  public LatestFrameSlot(Consumer<? super T> onDrop) {
    this.onDrop = Objects.requireNonNull(onDrop, "onDrop");
  }

  /**
   * Registers the consumer thread to be unparked by {@link #offer}, so a consumer parked by its idle strategy wakes
   * at once instead of at the end of its park interval. Optional.
   */
  public void wakeOnOffer(Thread consumerThread) {
    this.consumer = consumerThread;
  }

  /**
   * Publishes {@code item} as the newest; a previous item still in the slot is dropped. Wait-free.
   *
   * @return true if an older item was replaced (and dropped)
   */
  public boolean offer(T item) {
    Objects.requireNonNull(item, "item");
    offered.incrementAndGet();
    if (closed) {
      dropped.incrementAndGet();
      onDrop.accept(item);
      return false;
    }
    T previous = slot.getAndSet(item);
    if (closed) {
      // close() raced with us: make sure nothing stays owned by a closed slot
      T left = slot.getAndSet(null);
      if (left != null) {
        dropped.incrementAndGet();
        onDrop.accept(left);
      }
    }
    Thread t = consumer;
    if (t != null) {
      java.util.concurrent.locks.LockSupport.unpark(t);
    }
    if (previous != null) {
      dropped.incrementAndGet();
      onDrop.accept(previous);
      return true;
    }
    return false;
  }

  /** Takes the newest item, or null when the slot is empty. Wait-free; single consumer. */
  public T poll() {
    return slot.getAndSet(null);
  }

  /** Items offered so far (delivered + dropped + still in the slot). */
  public long offered() {
    return offered.get();
  }

  /** Items dropped so far: replaced before being polled, offered after close, or left in the slot at close. */
  public long dropped() {
    return dropped.get();
  }

  /** Empties the slot, releasing what it held; later offers are dropped. Idempotent. */
  @Override
  public void close() {
    closed = true;
    T left = slot.getAndSet(null);
    if (left != null) {
      dropped.incrementAndGet();
      onDrop.accept(left);
    }
  }
}
