package cathnav.sim.replay;

import cathnav.igtl.rec.Direction;
import cathnav.igtl.rec.RecordedMessage;
import cathnav.igtl.rec.RecordingReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The messages of one direction of a {@code .igtlrec} recording, byte for byte as recorded, at their recorded
 * times (relative to the first selected message).
 */
public final class RecordingSource implements ReplaySource {

  private final RecordingReader reader;
  private final Direction direction;
  private long first = Long.MIN_VALUE;
  private long count;

  public RecordingSource(Path file, Direction direction) throws IOException {
    this.reader = RecordingReader.open(file);
    this.direction = direction;
  }

  @Override
  public TimedMessage next() throws IOException {
    RecordedMessage m;
    while ((m = reader.next()) != null) {
      if (m.direction() != direction) {
        continue;
      }
      if (first == Long.MIN_VALUE) {
        first = m.receiveTimeNanos();
      }
      count++;
      return new TimedMessage(Math.max(0, m.receiveTimeNanos() - first), m.message());
    }
    return null;
  }

  @Override
  public String describe() {
    return "recording file=" + reader.file() + ", direction=" + direction + ", read=" + count;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
