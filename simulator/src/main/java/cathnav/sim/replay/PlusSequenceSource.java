package cathnav.sim.replay;

import cathnav.igtl.codec.IgtlFrameWriter;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.message.TransformBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * A PLUS sequence as an OpenIGTLink stream: per frame, one TRANSFORM per tracker transform whose status is OK
 * (device name: the transform's name, {@code ProbeToTracker}), then the IMAGE (device name {@code Image}, the frame in
 * RAS with the file's pixel spacing), all stamped with the frame's timestamp and sent at the frame's time relative to
 * the first frame. Frames whose image status is not OK send only their transforms. With {@code retimeEpochNanos}
 * set, timestamps become that epoch plus the frame's offset instead of the tracker's clock.
 */
public final class PlusSequenceSource implements ReplaySource {

  private final PlusSequence sequence;
  private final int headerVersion;
  private final Long retimeEpochNanos;
  private final Deque<TimedMessage> pending = new ArrayDeque<>();
  private int nextFrame;
  private long skippedTransforms;

  /**
   * @param headerVersion 1 or 2
   * @param retimeEpochNanos null to keep the file's timestamps, else the epoch time of the first frame, ns
   */
  public PlusSequenceSource(PlusSequence sequence, int headerVersion, Long retimeEpochNanos) {
    this.sequence = sequence;
    this.headerVersion = headerVersion;
    this.retimeEpochNanos = retimeEpochNanos;
  }

  @Override
  public TimedMessage next() {
    while (pending.isEmpty() && nextFrame < sequence.frames().size()) {
      enqueue(sequence.frames().get(nextFrame++));
    }
    return pending.poll();
  }

  private void enqueue(PlusSequence.Frame f) {
    double t0 = sequence.frames().get(0).timestampS();
    double ts = Double.isNaN(f.timestampS()) ? f.index() / 30.0 : f.timestampS();
    long offset = Double.isNaN(t0) ? Math.round(f.index() / 30.0 * 1e9) : Math.round((ts - t0) * 1e9);
    IgtlTimestamp stamp = retimeEpochNanos != null ? IgtlTimestamp.ofEpochNanos(retimeEpochNanos + offset)
        : IgtlTimestamp.ofEpochNanos(Math.round(ts * 1e9));
    for (Map.Entry<String, double[]> e : f.transforms().entrySet()) {
      if (!f.transformOk().getOrDefault(e.getKey(), true)) {
        skippedTransforms++;
        continue;
      }
      double[] m = e.getValue();
      AffineMatrix a = new AffineMatrix((float) m[0], (float) m[1], (float) m[2], (float) m[3], (float) m[4],
          (float) m[5], (float) m[6], (float) m[7], (float) m[8], (float) m[9], (float) m[10], (float) m[11]);
      pending.add(new TimedMessage(offset, encode(deviceName(e.getKey()), stamp, new TransformBody(a))));
    }
    if (f.imageOk()) {
      int bytes = sequence.frameBytes();
      ByteBuf px = Unpooled.wrappedBuffer(sequence.pixels(), f.index() * bytes, bytes);
      double[] s = sequence.spacing();
      ImageBody image = ImageBody.of(scalar(sequence.pixelType()), 1,
          sequence.littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN,
          new Dim3(sequence.width(), sequence.height(), 1),
          new AffineMatrix((float) s[0], 0, 0, 0, 0, (float) s[1], 0, 0, 0, 0, 1, 0), px);
      pending.add(new TimedMessage(offset, encode("Image", stamp, image)));
    }
  }

  /** Transforms whose status was not OK, left out so far. */
  public long skippedTransforms() {
    return skippedTransforms;
  }

  private byte[] encode(String device, IgtlTimestamp stamp, IgtlBody body) {
    IgtlMessage m = IgtlMessage.of(device, stamp, body).withHeaderVersion(headerVersion);
    ByteBuf wire = IgtlFrameWriter.encode(ByteBufAllocator.DEFAULT, m);
    try {
      return ByteBufUtil.getBytes(wire);
    } finally {
      wire.release();
      m.release();
    }
  }

  private static String deviceName(String name) {
    return name.length() <= IgtlMessage.MAX_DEVICE_NAME_LENGTH ? name
        : name.substring(0, IgtlMessage.MAX_DEVICE_NAME_LENGTH);
  }

  static ScalarType scalar(PlusSequence.PixelType t) {
    return switch (t) {
      case INT8 -> ScalarType.INT8;
      case UINT8 -> ScalarType.UINT8;
      case INT16 -> ScalarType.INT16;
      case UINT16 -> ScalarType.UINT16;
      case INT32 -> ScalarType.INT32;
      case UINT32 -> ScalarType.UINT32;
      case FLOAT32 -> ScalarType.FLOAT32;
      case FLOAT64 -> ScalarType.FLOAT64;
    };
  }

  @Override
  public String describe() {
    return "PLUS sequence file=" + sequence.source() + ", frames=" + sequence.frames().size() + ", sent frames="
        + nextFrame + ", skippedTransforms=" + skippedTransforms;
  }

  @Override
  public void close() {
    pending.clear();
  }
}
