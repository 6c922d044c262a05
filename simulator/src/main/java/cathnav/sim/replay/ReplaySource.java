package cathnav.sim.replay;

import java.io.IOException;

/** A timed sequence of OpenIGTLink messages to replay, read lazily. Single-threaded. */
public interface ReplaySource extends AutoCloseable {

  /** The next message, or null at the end. */
  TimedMessage next() throws IOException;

  /** What is being replayed, for logs. */
  String describe();

  @Override
  void close() throws IOException;
}
