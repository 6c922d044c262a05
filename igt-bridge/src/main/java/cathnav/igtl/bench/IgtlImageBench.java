package cathnav.igtl.bench;

import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.net.IgtlServer;
import cathnav.igtl.net.IgtlServerOptions;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * Loopback IMAGE streams (uint16, header version 1) from the reference-library C++ sender into two receivers: CathNav's
 * {@link IgtlServer} and a receiver built on the reference library. The same pre-packed sender feeds both, so what
 * differs is the receive path (framing, CRC-64, decode).
 *
 * <p>Throughput: the sender writes as fast as the receiver reads; frames/s is (frames - 1) divided by the time
 * between the first and the last complete message. Latency at 30 fps: each frame carries its <em>intended</em> send
 * time (wall clock) in the header timestamp, on an absolute schedule, and the receiver records wall-clock now minus
 * that stamp once the message is decoded (CRC checked when on) into an HdrHistogram. Measuring from the intended time
 * corrects coordinated omission: a receiver stall delays every frame behind it and shows in the percentiles instead
 * of pausing the sender.
 *
 * <p>Blocking; runs child processes and kills them before returning.
 */
public final class IgtlImageBench {

  /** Bytes of an IMAGE message besides its pixels: 58-byte header and 72-byte image header. */
  static final int IMAGE_OVERHEAD = 58 + 72;

  private final Vertx vertx;
  private final ReferenceBenchPrograms programs;
  private final Path workDir;

  public IgtlImageBench(Vertx vertx, ReferenceBenchPrograms programs, Path workDir) {
    this.vertx = vertx;
    this.programs = programs;
    this.workDir = workDir;
  }

  /** Throughput and 30 fps latency of both receivers for one size and CRC setting. */
  public List<BenchRow> run(int width, int height, boolean crc, int throughputFrames, int latencyFrames)
      throws IOException, InterruptedException {
    List<BenchRow> rows = new ArrayList<>();
    Measured javaRate = javaReceiver(width, height, crc, throughputFrames, 0);
    Measured javaLatency = javaReceiver(width, height, crc, latencyFrames, 30);
    rows.add(row("java", width, height, crc, javaRate, javaLatency));
    Measured cppRate = cppReceiver(width, height, crc, throughputFrames, 0);
    Measured cppLatency = cppReceiver(width, height, crc, latencyFrames, 30);
    rows.add(row("c++", width, height, crc, cppRate, cppLatency));
    return rows;
  }

  /** A short unreported run so the JIT has compiled the receive path before measuring. */
  public void warmUp(int width, int height, int frames) throws IOException, InterruptedException {
    javaReceiver(width, height, true, frames, 0);
  }

  private static BenchRow row(String impl, int width, int height, boolean crc, Measured rate, Measured latency) {
    double seconds = rate.lastNanos > rate.firstNanos ? (rate.lastNanos - rate.firstNanos) / 1e9 : Double.NaN;
    double fps = rate.frames > 1 ? (rate.frames - 1) / seconds : Double.NaN;
    double mbps = fps * ((long) width * height * 2 + IMAGE_OVERHEAD) / 1e6;
    Histogram h = latency.latencies;
    return new BenchRow(impl, width, height, crc, fps, mbps, rate.frames,
        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6,
        h.getTotalCount());
  }

  /** What one receiver run measured. */
  private static final class Measured {
    volatile long frames;
    volatile long firstNanos;
    volatile long lastNanos;
    final Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
  }

  private Measured javaReceiver(int width, int height, boolean crc, int count, double fps)
      throws IOException, InterruptedException {
    Measured m = new Measured();
    Clock clock = Clock.systemUTC();
    IgtlServer server = IgtlServer.create(vertx, new IgtlServerOptions().setPort(0).setCrcCheck(crc)
        .setMaxBodySize(Math.max(IgtlServerOptions.DEFAULT_MAX_BODY_SIZE, (long) width * height * 2 + 1024)));
    server.messageHandler((connection, message) -> onImage(m, clock, message));
    try {
      server.listen().await(10, TimeUnit.SECONDS);
      Process sender = startSender(server.actualPort(), width, height, count, fps);
      try {
        awaitSender(sender, count, fps);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (m.frames < count && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
      } finally {
        sender.destroyForcibly();
      }
    } catch (TimeoutException e) {
      throw new IOException("bench server did not start within 10 s", e);
    } finally {
      try {
        server.close().await(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new IOException("bench server did not close within 10 s", e);
      }
    }
    if (m.frames < count) {
      throw new IOException("java receiver got " + m.frames + " of " + count + " frames, width=" + width
          + ", height=" + height + ", crc=" + crc + ", fps=" + fps);
    }
    return m;
  }

  private static void onImage(Measured m, Clock clock, IgtlMessage message) {
    if (!(message.body() instanceof ImageBody)) {
      return;
    }
    long now = System.nanoTime();
    Instant wall = clock.instant();
    long latency = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - message.timestamp().toEpochNanos();
    m.latencies.recordValue(Math.max(0, Math.min(latency, m.latencies.getHighestTrackableValue())));
    if (m.frames == 0) {
      m.firstNanos = now;
    }
    m.lastNanos = now;
    m.frames = m.frames + 1;
  }

  private Measured cppReceiver(int width, int height, boolean crc, int count, double fps)
      throws IOException, InterruptedException {
    Path latencyFile = Files.createTempFile(workDir, "igtl-bench-latency", ".txt");
    int port = freePort();
    Process receiver = new ProcessBuilder(programs.receiver().toString(), Integer.toString(port), crc ? "1" : "0",
        latencyFile.toString()).redirectErrorStream(true).start();
    Process sender = null;
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.US_ASCII));
      String line = out.readLine();
      if (line == null || !line.startsWith("listening")) {
        throw new IOException("C++ receiver did not start, output=" + line);
      }
      sender = startSender(port, width, height, count, fps);
      awaitSender(sender, count, fps);
      if (!receiver.waitFor(30, TimeUnit.SECONDS)) {
        throw new IOException("C++ receiver did not finish within 30 s after the sender");
      }
      Map<String, String> result = keyValues(out.readLine());
      Measured m = new Measured();
      m.frames = Long.parseLong(result.getOrDefault("frames", "0"));
      m.firstNanos = 0;
      m.lastNanos = (long) (Double.parseDouble(result.getOrDefault("seconds", "0")) * 1e9);
      if (m.frames < count || !"0".equals(result.get("crcErrors"))) {
        throw new IOException("C++ receiver incomplete, result=" + result + ", expected frames=" + count);
      }
      for (String l : Files.readAllLines(latencyFile)) {
        if (!l.isBlank()) {
          m.latencies.recordValue(Math.min(Long.parseLong(l.trim()), m.latencies.getHighestTrackableValue()));
        }
      }
      return m;
    } finally {
      if (sender != null) {
        sender.destroyForcibly();
      }
      receiver.destroyForcibly();
      Files.deleteIfExists(latencyFile);
    }
  }

  private Process startSender(int port, int width, int height, int count, double fps) throws IOException {
    return new ProcessBuilder(programs.sender().toString(), "127.0.0.1", Integer.toString(port),
        Integer.toString(width), Integer.toString(height), Integer.toString(count), Double.toString(fps))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static void awaitSender(Process sender, int count, double fps) throws IOException, InterruptedException {
    long budget = fps > 0 ? (long) (count / fps) + 60 : 120;
    if (!sender.waitFor(budget, TimeUnit.SECONDS)) {
      throw new IOException("C++ sender did not finish within " + budget + " s");
    }
    if (sender.exitValue() != 0) {
      throw new IOException("C++ sender failed, exit=" + sender.exitValue());
    }
  }

  private static Map<String, String> keyValues(String line) {
    Map<String, String> map = new HashMap<>();
    if (line != null) {
      for (String token : line.trim().split("\\s+")) {
        int eq = token.indexOf('=');
        if (eq > 0) {
          map.put(token.substring(0, eq), token.substring(eq + 1));
        }
      }
    }
    return map;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
