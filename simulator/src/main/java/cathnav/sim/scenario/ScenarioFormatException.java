package cathnav.sim.scenario;

import java.io.IOException;

/** A scenario file that cannot be used; the message names the file and the field. */
public final class ScenarioFormatException extends IOException {

  public ScenarioFormatException(String message) {
    super(message);
  }

  public ScenarioFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
