package cathnav.core.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected web displays and their latest-only delivery: each display has at most one frame being written and
 * at most one waiting; a newer frame replaces the waiting one (counted as dropped for that display). A slow display
 * therefore drops frames and never makes anything queue, and the other displays are not affected.
 *
 * <p>Thread-safety: {@link #add}, {@link #broadcast} and {@link #broadcastText} run on the Vert.x context that owns
 * the hub (the HTTP server's event loop); {@link #count()} and the counters may be read from any thread.
 */
public final class DisplayHub {

  private static final Logger LOG = LoggerFactory.getLogger(DisplayHub.class);

  private final List<Display> displays = new ArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong broadcasts = new AtomicLong();
  private volatile Buffer lastFrame;

  private final class Display {
    final ServerWebSocket socket;
    final String peer;
    boolean writing;
    Buffer waiting;
    long displayDropped;

    Display(ServerWebSocket socket) {
      this.socket = socket;
      this.peer = String.valueOf(socket.remoteAddress());
    }

    void offer(Buffer message) {
      if (writing) {
        if (waiting != null) {
          displayDropped++;
          dropped.incrementAndGet();
        }
        waiting = message;
        return;
      }
      write(message);
    }

    void write(Buffer message) {
      writing = true;
      socket.writeBinaryMessage(message).onComplete(ar -> {
        writing = false;
        if (ar.failed()) {
          return; // the close handler removes the display
        }
        sent.incrementAndGet();
        Buffer next = waiting;
        waiting = null;
        if (next != null) {
          write(next);
        }
      });
    }
  }

  /** Registers a newly connected display and sends it the last frame, if any. */
  public void add(ServerWebSocket socket) {
    Display d = new Display(socket);
    displays.add(d);
    count.set(displays.size());
    LOG.info("display connected, peer={}, displays={}", d.peer, displays.size());
    socket.closeHandler(v -> remove(d, "closed"));
    socket.exceptionHandler(e -> {
      LOG.info("display connection failed, peer={}, error={}", d.peer, e.toString());
      socket.close();
    });
    socket.handler(b -> {}); // displays send nothing we act on; reading keeps the socket flowing
    Buffer last = lastFrame;
    if (last != null) {
      d.offer(last);
    }
  }

  private void remove(Display d, String why) {
    if (displays.remove(d)) {
      count.set(displays.size());
      LOG.info("display disconnected, peer={}, reason={}, dropped={}, displays={}", d.peer, why, d.displayDropped,
          displays.size());
    }
  }

  /** Sends a frame message (see {@link DisplayMessages}) to every display, latest-only per display. */
  public void broadcast(Buffer message) {
    lastFrame = message;
    broadcasts.incrementAndGet();
    for (Display d : displays) {
      d.offer(message);
    }
  }

  /** Sends a text (JSON) notice to every display at once (status changes; small and rare). */
  public void broadcastText(String json) {
    for (Display d : displays) {
      d.socket.writeTextMessage(json);
    }
  }

  /** Connected displays. */
  public int count() {
    return count.get();
  }

  /** Frame messages handed to the hub (each goes to every display, or is dropped for a busy one). */
  public long broadcasts() {
    return broadcasts.get();
  }

  /** Frame messages fully written, all displays together. */
  public long sent() {
    return sent.get();
  }

  /** Frame messages dropped because a display was still busy with an earlier one. */
  public long dropped() {
    return dropped.get();
  }
}
