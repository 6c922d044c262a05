package cathnav.core.geometry;

import java.io.IOException;

/** A geometry file or message that cannot be used; the message names the source and the field. */
public final class GeometryFormatException extends IOException {

  public GeometryFormatException(String message) {
    super(message);
  }

  public GeometryFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
