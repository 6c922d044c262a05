package cathnav.core.service;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * What operators can ask of a running navigation service, through REST, an OpenIGTLink COMMAND or the CLI. All
 * methods return at once; loading runs on a worker thread.
 */
public interface NavigationControl {

  /**
   * Loads a patient model and switches the procedure to it; registration starts over.
   *
   * @param request {@code {"ct": FILE, "lv": FILE, "veins": [FILE...], "target": N}} (keys per {@link ModelRequest})
   * @return the loaded model's name; failed with a message naming the file and what is wrong
   */
  Future<String> loadModel(ModelRequest request);

  /** Chooses the target AHA segment (1..17, 0 none). */
  void setTarget(int segment);

  /** Forgets the pose and registers again. */
  void resetRegistration();

  /** The service's health: state, backend, frames, drops, connections. */
  JsonObject health();

  /** Prometheus text exposition of the service's metrics. */
  String scrapeMetrics();
}
