package cathnav.igtl.net;

import io.netty.buffer.ByteBuf;

/**
 * Sees every complete OpenIGTLink frame exactly as it crossed the wire (58-byte header and body), received or sent,
 * before decoding or after encoding. For recorders and dump tools; the normal message path does not need it.
 *
 * <p>Called on the connection's event loop; must not block. The frame is valid only during the call: copy what must
 * be kept (it is released afterwards; do not release it).
 */
@FunctionalInterface
public interface RawFrameListener {

  /**
   * @param connection the connection
   * @param sent false for a received frame, true for a frame this endpoint wrote
   * @param wallClockNanos when the frame was complete (received) or handed to the socket (sent), ns since the epoch
   * @param frame the frame's bytes, from its reader index
   */
  void onFrame(IgtlConnection connection, boolean sent, long wallClockNanos, ByteBuf frame);
}
