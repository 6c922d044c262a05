package cathnav.sim;

import java.io.IOException;

/**
 * Where simulated frames go: a file stack, a live OpenIGTLink stream. Called from one thread, in frame order.
 */
public interface FrameSink extends AutoCloseable {

  /** Takes one frame; the sink may keep the frame (frames are immutable). */
  void accept(SimulatedFrame frame) throws IOException;

  /** Called once after the last frame: make the output final. */
  void complete() throws IOException;

  /** Releases resources; after a failure (no {@link #complete()}), removes any partial output. */
  @Override
  void close() throws IOException;
}
