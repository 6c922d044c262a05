package cathnav.igtl.cli;

import cathnav.igtl.frames.FrameFileReader;
import cathnav.igtl.frames.FrameStack;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.message.StringBody;
import cathnav.igtl.message.TransformBody;
import cathnav.igtl.net.HeaderVersionPolicy;
import cathnav.igtl.net.IgtlClient;
import cathnav.igtl.net.IgtlClientOptions;
import cathnav.igtl.net.MessageSupersededException;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav igtl send}: connects to an OpenIGTLink server and sends IMAGE frames read from a NRRD or PGM file
 * (paced at {@code --fps}), a TRANSFORM or a STRING.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = "Send IMAGE frames from a file (NRRD/PGM), a TRANSFORM or a STRING to an OpenIGTLink server.")
public final class SendCommand implements Callable<Integer> {

  @Option(names = "--to", required = true, paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "The server to send to.")
  HostPort to;

  static final class What {
    @Option(names = "--image", paramLabel = "FILE",
        description = "NRRD (2D, or 3D as frames; raw/gzip; uint8/uint16/int16) or binary PGM (P5) file.")
    Path image;

    @Option(names = "--transform", paramLabel = "NUMBERS", split = ",",
        description = "3 numbers (translation, mm) or 12 (rows of the 3x4 matrix), comma-separated.")
    double[] transform;

    @Option(names = "--string", paramLabel = "TEXT", description = "Text for a STRING message (UTF-8).")
    String string;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  What what;

  @Option(names = "--fps", paramLabel = "F", defaultValue = "30",
      description = "Image frames per second (default ${DEFAULT-VALUE}).")
  double fps;

  @Option(names = "--count", paramLabel = "N",
      description = "Image frames to send, cycling through the file's frames (default: each frame once).")
  int count = -1;

  @Option(names = "--device", paramLabel = "NAME", description = "Device name (default: Image, Transform, String).")
  String device;

  @Option(names = "--header-version", paramLabel = "1|2", defaultValue = "1",
      description = "OpenIGTLink header version to send (default ${DEFAULT-VALUE}).")
  int headerVersion;

  @Override
  public Integer call() throws Exception {
    if (headerVersion != 1 && headerVersion != 2) {
      System.err.println("igtl send: --header-version must be 1 or 2, got " + headerVersion);
      return ExitCodes.USAGE;
    }
    if (!(fps > 0) || fps > 10_000 || (count != -1 && count < 1)) {
      System.err.println("igtl send: --fps must be in (0, 10000] and --count positive");
      return ExitCodes.USAGE;
    }
    if (device != null && (device.isEmpty() || device.length() > IgtlMessage.MAX_DEVICE_NAME_LENGTH)) {
      System.err.println("igtl send: --device must be 1..20 characters");
      return ExitCodes.USAGE;
    }
    if (what.transform != null && what.transform.length != 3 && what.transform.length != 12) {
      System.err.println("igtl send: --transform takes 3 or 12 numbers, got " + what.transform.length);
      return ExitCodes.USAGE;
    }
    FrameStack frames = null;
    if (what.image != null) {
      try {
        frames = FrameFileReader.read(what.image);
      } catch (IOException e) {
        System.err.println("igtl send: " + e.getMessage());
        return ExitCodes.BAD_INPUT_FILE;
      }
    }
    Vertx vertx = Vertx.vertx();
    IgtlClient client = IgtlClient.create(vertx, new IgtlClientOptions().setHost(to.host()).setPort(to.port())
        .setHeaderVersionPolicy(headerVersion == 2 ? HeaderVersionPolicy.ALWAYS_V2 : HeaderVersionPolicy.ALWAYS_V1));
    try {
      try {
        client.connect().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("igtl send: " + e.getMessage());
        return ExitCodes.NETWORK_FAILURE;
      }
      try {
        if (frames != null) {
          sendFrames(client, frames);
        } else if (what.transform != null) {
          client.send(message(device == null ? "Transform" : device, new TransformBody(matrix(what.transform))))
              .await(30, TimeUnit.SECONDS);
          System.err.println("igtl send: sent TRANSFORM to " + to);
        } else {
          client.send(message(device == null ? "String" : device, StringBody.utf8(what.string)))
              .await(30, TimeUnit.SECONDS);
          System.err.println("igtl send: sent STRING to " + to);
        }
      } catch (Exception e) {
        System.err.println("igtl send: sending to " + to + " failed: " + e.getMessage());
        return ExitCodes.NETWORK_FAILURE;
      }
      return ExitCodes.OK;
    } finally {
      client.close().await(10, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private void sendFrames(IgtlClient client, FrameStack frames) throws Exception {
    int total = count > 0 ? count : frames.frames();
    long interval = (long) (1e9 / fps);
    long start = System.nanoTime();
    ScalarType type = ScalarType.valueOf(frames.type().name());
    AffineMatrix indexToWorld = new AffineMatrix((float) frames.spacingU(), 0, 0, 0, 0, (float) frames.spacingV(), 0,
        0, 0, 0, 1, 0);
    Dim3 size = new Dim3(frames.width(), frames.height(), 1);
    String name = device == null ? "Image" : device;
    AtomicLong superseded = new AtomicLong();
    Future<Void> last = null;
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      int f = i % frames.frames();
      ImageBody body = ImageBody.of(type, 1, frames.byteOrder(), size, indexToWorld,
          Unpooled.wrappedBuffer(frames.pixels(), frames.frameOffset(f), frames.frameBytes()));
      last = client.send(message(name, body)).onFailure(e -> {
        if (e instanceof MessageSupersededException) {
          superseded.incrementAndGet();
        }
      });
    }
    if (last != null) {
      last.await(30, TimeUnit.SECONDS);
    }
    System.err.printf("igtl send: sent %d IMAGE frames (%dx%d %s) to %s at %.1f fps, %d superseded by a newer "
        + "frame before the peer took them%n", total - superseded.get(), frames.width(), frames.height(), frames.type(), to,
        fps, superseded.get());
  }

  private IgtlMessage message(String name, IgtlBody body) {
    return IgtlMessage.of(name, IgtlTimestamp.now(), body).withHeaderVersion(headerVersion);
  }

  static AffineMatrix matrix(double[] v) {
    if (v.length == 3) {
      return AffineMatrix.translation((float) v[0], (float) v[1], (float) v[2]);
    }
    float[] f = new float[12];
    for (int i = 0; i < 12; i++) {
      f[i] = (float) v[i];
    }
    return new AffineMatrix(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11]);
  }
}
