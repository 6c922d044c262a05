package cathnav.gpu.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The resources (volumes, images, targets) a device backend has handed out and not yet seen closed, so that closing
 * the backend frees them. Identity-based. Not thread-safe: owned by the backend's thread.
 */
public final class LiveResources {
  private final String backend;
  private final Logger log;
  private final Set<AutoCloseable> live = Collections.newSetFromMap(new IdentityHashMap<>());

  /** {@code backend} is the backend's name in log lines, written to the backend's {@code log}. */
  public LiveResources(String backend, Logger log) {
    this.backend = backend;
    this.log = log;
  }

  /** Starts tracking {@code resource}; returns it. */
  public <T extends AutoCloseable> T track(T resource) {
    live.add(resource);
    return resource;
  }

  /** Stops tracking {@code resource} (it closed itself). */
  public void forget(AutoCloseable resource) {
    live.remove(resource);
  }

  /** Closes every tracked resource; a failure is logged ({@code event=resource_close_failed}) and the rest close. */
  public void closeAll() {
    for (AutoCloseable resource : new ArrayList<>(live)) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("event=resource_close_failed backend={} resource={} error=\"{}\"", backend, resource, e.toString());
      }
    }
    live.clear();
  }
}
