package cathnav.core.web;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The binary WebSocket message carrying one frame to a display.
 *
 * <pre>
 *  0                   4                    4 + n
 *  +-------------------+--------------------+---------------------------+
 *  | n: u32 big-endian | overlay JSON, UTF-8 | image (JPEG or PNG bytes) |
 *  +-------------------+--------------------+---------------------------+
 * </pre>
 *
 * The JSON is {@link cathnav.core.overlay.OverlayJson}'s with two more keys, {@code displayWidth} and
 * {@code displayHeight}, the image's size in pixels.
 */
public final class DisplayMessages {

  private DisplayMessages() {}

  /** Builds the message from the overlay JSON (an object) and the encoded image. */
  public static Buffer frame(String overlayJson, int displayWidth, int displayHeight, byte[] image) {
    if (overlayJson.isEmpty() || overlayJson.charAt(overlayJson.length() - 1) != '}') {
      throw new IllegalArgumentException("overlay JSON must be an object, length=" + overlayJson.length());
    }
    String json = overlayJson.substring(0, overlayJson.length() - 1) + ",\"displayWidth\":" + displayWidth
        + ",\"displayHeight\":" + displayHeight + "}";
    byte[] j = json.getBytes(StandardCharsets.UTF_8);
    Buffer b = Buffer.buffer(4 + j.length + image.length);
    b.appendInt(j.length);
    b.appendBytes(j);
    b.appendBytes(image);
    return b;
  }
}
