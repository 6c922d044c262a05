package cathnav.igtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.igtl.codec.IgtlFrameWriter;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.StringBody;
import cathnav.igtl.message.TransformBody;
import cathnav.igtl.net.IgtlServer;
import cathnav.igtl.net.IgtlServerOptions;
import cathnav.igtl.rec.Direction;
import cathnav.igtl.rec.RecordedMessage;
import cathnav.igtl.rec.RecordingReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@org.junit.jupiter.api.extension.ExtendWith(cathnav.igtl.net.TransportLeakWatch.class)
class IgtlToolsTest {

  @TempDir Path dir;
  Vertx vertx;
  final List<IgtlServer> servers = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    servers.forEach(s -> s.close().await());
    vertx.close().await();
  }

  private IgtlServer server(CopyOnWriteArrayList<IgtlMessage> received, boolean pushState) throws Exception {
    IgtlServer s = IgtlServer.create(vertx, new IgtlServerOptions().setPort(0).setPushStateOnConnect(pushState));
    if (received != null) {
      s.messageHandler((c, m) -> received.add(m.retain()));
    }
    s.listen().await(10, TimeUnit.SECONDS);
    servers.add(s);
    return s;
  }

  private static IgtlMessage transform(String device, float x) {
    return IgtlMessage.of(device, IgtlTimestamp.now(), new TransformBody(AffineMatrix.translation(x, 0, 0)));
  }

  private static int run(Object command, String... args) {
    return new CommandLine(command).execute(args);
  }

  private static void awaitSize(List<?> list, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (list.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void dumpJsonLinesCarryTheRequiredKeys() throws Exception {
    IgtlServer source = server(null, true);
    source.publish(transform("Registration", 5));
    source.publish(IgtlMessage.of("Readout", IgtlTimestamp.now(), StringBody.ascii("distance 3.1 mm")));
    DumpCommand dump = new DumpCommand();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    dump.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertEquals(0, run(dump, "--connect", "127.0.0.1:" + source.actualPort(), "--count", "2", "--json"));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).trim().split("\n");
    assertEquals(2, lines.length);
    JsonObject first = new JsonObject(lines[0]);
    for (String key : List.of("type", "device", "headerVersion", "bodySize", "crcOk", "timestamp")) {
      assertTrue(first.containsKey(key), "missing " + key + " in " + lines[0]);
    }
    assertEquals("TRANSFORM", first.getString("type"));
    assertEquals("Registration", first.getString("device"));
    assertEquals(48, first.getLong("bodySize"));
    assertTrue(first.getBoolean("crcOk"));
    assertEquals("STRING", new JsonObject(lines[1]).getString("type"));
  }

  @Test
  void dumpSendsItsQueryAndPrintsTheAnswer() throws Exception {
    IgtlServer source = server(null, false);
    source.publish(transform("Registration", 9));
    DumpCommand dump = new DumpCommand();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    dump.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertEquals(0, run(dump, "--connect", "127.0.0.1:" + source.actualPort(), "--send", "GET_TRANS:Registration",
        "--count", "1"));
    String line = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(line.contains("TRANSFORM") && line.contains("device=Registration") && line.contains("crc=ok")
        && line.contains("translation=(9.000"), line);
  }

  @Test
  void frameInfoFlagsABadCrc() {
    ByteBuf frame = IgtlFrameWriter.encode(ByteBufAllocator.DEFAULT, transform("Probe", 1));
    try {
      frame.setByte(frame.writerIndex() - 1, frame.getByte(frame.writerIndex() - 1) ^ 1);
      FrameInfo info = FrameInfo.of(frame);
      assertFalse(info.crcOk());
      assertTrue(info.line().contains("crc=BAD"), info.line());
    } finally {
      frame.release();
    }
  }

  @Test
  void recordThenPlayDeliversTheSameMessages() throws Exception {
    IgtlServer source = server(null, true);
    source.publish(transform("Registration", 1));
    source.publish(transform("Probe", 2));
    Path file = dir.resolve("session.igtlrec");
    assertEquals(0, run(new RecordCommand(), "--connect", "127.0.0.1:" + source.actualPort(), "--count", "2",
        "--out", file.toString()));
    List<RecordedMessage> entries = new ArrayList<>();
    try (RecordingReader reader = RecordingReader.open(file)) {
      RecordedMessage e;
      while ((e = reader.next()) != null) {
        entries.add(e);
      }
    }
    assertEquals(List.of("Registration", "Probe"), entries.stream().map(RecordedMessage::deviceName).toList());
    assertTrue(entries.stream().allMatch(e -> e.direction() == Direction.RECEIVED));

    CopyOnWriteArrayList<IgtlMessage> received = new CopyOnWriteArrayList<>();
    IgtlServer target = server(received, true);
    assertEquals(0, run(new PlayCommand(), file.toString(), "--to", "127.0.0.1:" + target.actualPort(),
        "--max-speed"));
    awaitSize(received, 2);
    assertEquals(List.of("Registration", "Probe"), received.stream().map(IgtlMessage::deviceName).toList());
    assertEquals(2f, received.get(1).body(TransformBody.class).matrix().m03());
    received.forEach(IgtlMessage::release);
  }

  @Test
  void sendStreamsPgmFramesAsImages() throws Exception {
    Path pgm = dir.resolve("frame.pgm");
    byte[] header = "P5\n4 3\n65535\n".getBytes(StandardCharsets.US_ASCII);
    byte[] data = new byte[4 * 3 * 2];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    byte[] all = new byte[header.length + data.length];
    System.arraycopy(header, 0, all, 0, header.length);
    System.arraycopy(data, 0, all, header.length, data.length);
    Files.write(pgm, all);
    CopyOnWriteArrayList<IgtlMessage> received = new CopyOnWriteArrayList<>();
    IgtlServer target = server(received, true);
    assertEquals(0, run(new SendCommand(), "--to", "127.0.0.1:" + target.actualPort(), "--image", pgm.toString(),
        "--count", "3", "--fps", "200", "--device", "Fluoro"));
    awaitSize(received, 3);
    assertEquals(3, received.size());
    ImageBody img = received.get(0).body(ImageBody.class);
    assertEquals(4, img.size().i());
    assertEquals(3, img.size().j());
    assertEquals("Fluoro", received.get(0).deviceName());
    assertEquals(((data[2] & 0xFF) << 8) | (data[3] & 0xFF), img.pixels().getUnsignedShort(img.pixels().readerIndex() + 2));
    received.forEach(IgtlMessage::release);
  }

  @Test
  void sendReportsABadImageFileWithExitCodeThree() throws Exception {
    Path bad = dir.resolve("bad.nrrd");
    Files.writeString(bad, "NRRD0004\ntype: float\n\n");
    IgtlServer target = server(null, true);
    assertEquals(3, run(new SendCommand(), "--to", "127.0.0.1:" + target.actualPort(), "--image", bad.toString()));
  }

  @Test
  void sendToAClosedPortExitsWithFour() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertEquals(4, run(new SendCommand(), "--to", "127.0.0.1:" + port, "--string", "hello"));
  }

  @Test
  void sendRejectsAnUnknownHeaderVersionWithUsageExit() {
    assertEquals(2, run(new SendCommand(), "--to", "127.0.0.1:1", "--string", "x", "--header-version", "3"));
  }

  @Test
  void playReportsAMissingRecordingWithExitCodeThree() {
    assertEquals(3, run(new PlayCommand(), dir.resolve("none.igtlrec").toString(), "--to", "127.0.0.1:1"));
  }
}
