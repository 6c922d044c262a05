package cathnav.sim.stream;

import cathnav.igtl.codec.IgtlFrameWriter;
import cathnav.igtl.message.IgtlMessage;
import cathnav.sim.FrameMessages;
import cathnav.sim.FrameSink;
import cathnav.sim.SimulatedFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Streams simulated frames live to an OpenIGTLink peer (a CathNav service, 3D Slicer): each frame as the messages of
 * {@link FrameMessages} for the chosen header version. Pacing is the caller's (the scenario runner hands frames over
 * at their acquisition times); a slow peer blocks the sender, it never makes it drop or reorder frames.
 *
 * <p>Thread-safety: single caller thread. Owns its connection.
 */
public final class FrameStreamer implements FrameSink {

  private final IgtlSocketSender sender;
  private final int headerVersion;
  private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
  private long frames;

  /** @param headerVersion 1 (geometry as a CArmGeometry STRING) or 2 (geometry as IMAGE metadata) */
  public FrameStreamer(IgtlSocketSender sender, int headerVersion) {
    this.sender = Objects.requireNonNull(sender, "sender");
    if (headerVersion != 1 && headerVersion != 2) {
      throw new IllegalArgumentException("header version must be 1 or 2, headerVersion=" + headerVersion);
    }
    this.headerVersion = headerVersion;
  }

  /** Connects to {@code host:port} and streams with {@code headerVersion}. */
  public static FrameStreamer connect(String host, int port, int headerVersion) throws IOException {
    return new FrameStreamer(IgtlSocketSender.connect(host, port, 5000), headerVersion);
  }

  @Override
  public void accept(SimulatedFrame frame) throws IOException {
    List<IgtlMessage> messages = FrameMessages.of(frame, headerVersion, alloc);
    for (IgtlMessage m : messages) {
      ByteBuf wire = null;
      try {
        wire = IgtlFrameWriter.encode(alloc, m);
        sender.send(ByteBufUtil.getBytes(wire));
      } finally {
        if (wire != null) {
          wire.release();
        }
        m.release();
      }
    }
    frames++;
  }

  /** Frames sent so far. */
  public long frames() {
    return frames;
  }

  @Override
  public void complete() {
    // every frame was written synchronously
  }

  @Override
  public void close() throws IOException {
    sender.close();
  }
}
