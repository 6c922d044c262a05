package cathnav.sim.demo;

import cathnav.core.geometry.CArmGeometry;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.MetadataValue;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.net.IgtlClient;
import cathnav.igtl.net.HeaderVersionPolicy;
import cathnav.igtl.net.IgtlClientOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams a {@link GeneratedProcedure} to the service over OpenIGTLink at a fixed rate: uint16 IMAGE frames (header
 * version 2) with the C-arm geometry in the DESIGN.md metadata keys, time-stamped with the wall clock. The true pose
 * of each frame is handed to {@link DemoStatus}.
 *
 * <p>Thread-safety: runs on its own thread; {@link #close} from any thread.
 */
public final class GeneratedFrameSource implements AutoCloseable {

  private final IgtlClient client;
  private final GeneratedProcedure procedure;
  private final double fps;
  private final DemoStatus status;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;
  private volatile long sent;

  public GeneratedFrameSource(Vertx vertx, String host, int port, GeneratedProcedure procedure, double fps,
      DemoStatus status) {
    // version 2 so the geometry travels in the metadata (the service speaks both)
    this.client = IgtlClient.create(vertx, new IgtlClientOptions().setHost(host).setPort(port)
        .setHeaderVersionPolicy(HeaderVersionPolicy.ALWAYS_V2));
    this.procedure = procedure;
    this.fps = fps;
    this.status = status;
    this.thread = new Thread(this::run, "cathnav-demo-source");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    try {
      client.connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      long start = System.nanoTime();
      long period = (long) (1e9 / fps);
      for (long i = 0; running; i++) {
        long due = start + i * period;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        double t = i / fps;
        long stamp = System.currentTimeMillis() * 1_000_000L;
        status.expectTruth(stamp, procedure.poseAt(t));
        client.send(frame(t, stamp));
        sent++;
      }
    } catch (Exception e) {
      failure = e;
    }
  }

  private IgtlMessage frame(double t, long stampNanos) {
    CArmGeometry c = procedure.carmAt(t);
    short[] px = procedure.frameAt(t);
    ByteBuf buf = Unpooled.buffer(px.length * 2);
    for (short s : px) {
      buf.writeShortLE(s);
    }
    AffineMatrix m = new AffineMatrix((float) c.pixelSpacingU(), 0, 0, 0, 0, (float) c.pixelSpacingV(), 0, 0,
        0, 0, 1, 0);
    ImageBody body = ImageBody.of(ScalarType.UINT16, 1, ByteOrder.LITTLE_ENDIAN, new Dim3(c.width(), c.height(), 1),
        m, buf);
    Map<String, MetadataValue> meta = new LinkedHashMap<>();
    meta.put("PositionerPrimaryAngle", MetadataValue.ascii(num(c.primaryAngleDeg())));
    meta.put("PositionerSecondaryAngle", MetadataValue.ascii(num(c.secondaryAngleDeg())));
    meta.put("DistanceSourceToDetector", MetadataValue.ascii(num(c.sidMm())));
    meta.put("DistanceSourceToPatient", MetadataValue.ascii(num(c.sodMm())));
    meta.put("ImagerPixelSpacing", MetadataValue.ascii(num(c.pixelSpacingV()) + "\\" + num(c.pixelSpacingU())));
    return IgtlMessage.of("Fluoroscopy", IgtlTimestamp.ofEpochNanos(stampNanos), body).withHeaderVersion(2)
        .withMetadata(meta);
  }

  private static String num(double d) {
    return String.format(Locale.ROOT, "%.6f", d);
  }

  /** Frames handed to the connection so far. */
  public long framesSent() {
    return sent;
  }

  /** What stopped the source, or null. */
  public Throwable failure() {
    return failure;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5000);
    client.close();
  }
}
