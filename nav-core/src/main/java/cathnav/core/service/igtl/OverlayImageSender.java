package cathnav.core.service.igtl;

import cathnav.core.service.FrameOutcome;
import cathnav.igtl.net.IgtlServer;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the optional RGBA overlay IMAGE ({@link OutputMessages#overlayImage}) for frame outcomes. Rasterising a
 * frame-sized image is too slow for the event loop, so it runs on a worker thread, one frame at a time; while one is
 * being rasterised only the newest outcome waits (latest wins, the superseded ones are counted), so a slow raster
 * never builds a queue and never holds the vector outputs back.
 *
 * <p>Thread-safety: {@link #submit} from the service's context only (the state below is confined to it; the worker
 * result completes on that same context).
 */
final class OverlayImageSender {

  private static final Logger LOG = LoggerFactory.getLogger(OverlayImageSender.class);

  private final Vertx vertx;
  private final IgtlServer server;
  private final AtomicLong superseded = new AtomicLong();
  private boolean busy;
  private FrameOutcome waiting;

  OverlayImageSender(Vertx vertx, IgtlServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Rasterises and publishes {@code outcome}'s overlay, or keeps it as the next one if a raster is running. */
  void submit(FrameOutcome outcome) {
    if (busy) {
      if (waiting != null) {
        superseded.incrementAndGet();
      }
      waiting = outcome;
      return;
    }
    busy = true;
    vertx.executeBlocking(() -> OutputMessages.overlayImage(outcome.overlay(), outcome.geometry()), false)
        .onComplete(ar -> {
          if (ar.succeeded()) {
            server.publish(ar.result());
          } else {
            LOG.warn("overlay image not built, frameSequence={}, error={}", outcome.overlay().frameSequence(),
                ar.cause().toString());
          }
          busy = false;
          FrameOutcome next = waiting;
          waiting = null;
          if (next != null) {
            submit(next);
          }
        });
  }

  /** Outcomes whose overlay image was skipped because a newer one replaced it while rasterising. */
  long superseded() {
    return superseded.get();
  }
}
