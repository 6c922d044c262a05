package cathnav.igtl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.RawBody;
import cathnav.igtl.message.StatusBody;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HostileInputTest extends TransportTestSupport {

  /** Reads until the server closes; returns the type names of the frames it sent before closing. */
  private static List<String> readUntilClosed(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    java.util.ArrayList<String> types = new java.util.ArrayList<>();
    try {
      while (true) {
        long[] size = new long[1];
        String[] h = readFrameHeader(in, size);
        in.skipNBytes(size[0]);
        types.add(h[0]);
      }
    } catch (EOFException | SocketException closed) {
      return types;
    }
  }

  @Test
  void bodySizeOfTwoToThe64MinusOneClosesWithOverflowStatusBeforeAllocating() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions(), queue());
    Socket s = rawSocket(server);
    byte[] header = bytes(transform("Evil", 1));
    ByteBuffer.wrap(header).putLong(42, -1L);
    s.getOutputStream().write(header, 0, 58);
    DataInputStream in = new DataInputStream(s.getInputStream());
    long[] size = new long[1];
    String[] h = readFrameHeader(in, size);
    assertEquals("STATUS", h[0]);
    byte[] body = new byte[(int) size[0]];
    in.readFully(body);
    assertEquals(StatusBody.OVERFLOW, ((body[0] & 0xFF) << 8) | (body[1] & 0xFF));
    assertEquals(List.of(), readUntilClosed(s));
    eventually("counted", () -> server.metrics().closes(CloseReason.MESSAGE_TOO_LARGE) == 1);
  }

  @Test
  void bodyAboveConfiguredLimitClosesTheConnection() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions().setMaxBodySize(1000), queue());
    Socket s = rawSocket(server);
    s.getOutputStream().write(bytes(image("Big", 32, 32, 1)));
    assertEquals(List.of("STATUS"), readUntilClosed(s));
    eventually("counted", () -> server.metrics().closes(CloseReason.MESSAGE_TOO_LARGE) == 1);
  }

  @Test
  void crcMismatchClosesWithChecksumStatus() throws Exception {
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer server = startServer(new IgtlServerOptions(), atServer);
    Socket s = rawSocket(server);
    byte[] frame = bytes(transform("Probe", 1));
    frame[frame.length - 1] ^= 0x5A;
    s.getOutputStream().write(frame);
    assertEquals(List.of("STATUS"), readUntilClosed(s));
    eventually("counted", () -> server.metrics().closes(CloseReason.CRC_MISMATCH) == 1);
    assertTrue(atServer.isEmpty(), "a frame with a bad CRC must not reach the handler");
  }

  @Test
  void crcCheckOffAcceptsAFrameWithABadCrc() throws Exception {
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer server = startServer(new IgtlServerOptions().setCrcCheck(false), atServer);
    Socket s = rawSocket(server);
    byte[] frame = bytes(transform("Probe", 1));
    frame[50] ^= 0x01;
    s.getOutputStream().write(frame);
    IgtlMessage m = next(atServer);
    assertEquals("TRANSFORM", m.typeName());
    m.release();
  }

  @Test
  void connectionEndingInsideAMessageIsCountedAsTruncated() throws Exception {
    IgtlServer server = startServer(new IgtlServerOptions(), queue());
    Socket s = rawSocket(server);
    byte[] frame = bytes(transform("Probe", 1));
    s.getOutputStream().write(frame, 0, 70);
    s.shutdownOutput();
    readUntilClosed(s);
    eventually("counted", () -> server.metrics().closes(CloseReason.TRUNCATED) == 1);
  }

  @Test
  void unknownTypeIsDeliveredRawAndTheStreamGoesOn() throws Exception {
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer server = startServer(new IgtlServerOptions(), atServer);
    Socket s = rawSocket(server);
    byte[] unknown = bytes(string("Dev", "payload"));
    byte[] type = "FOOBAR\0\0\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(type, 0, unknown, 2, 12);
    OutputStream out = s.getOutputStream();
    out.write(unknown);
    out.write(bytes(transform("Probe", 5)));
    IgtlMessage raw = next(atServer);
    assertEquals("FOOBAR", raw.typeName());
    assertTrue(raw.body() instanceof RawBody);
    raw.release();
    IgtlMessage t = next(atServer);
    assertEquals("TRANSFORM", t.typeName());
    t.release();
  }

  @Test
  void badClientMidStreamDoesNotDisturbAnotherClient() throws Exception {
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer server = startServer(new IgtlServerOptions(), atServer);
    IgtlClient good = startClient(new IgtlClientOptions().setPort(server.actualPort()), null);
    Socket bad = rawSocket(server);
    int n = 200;
    for (int i = 0; i < n; i++) {
      await(good.send(transform("Good", i)));
      if (i == n / 2) {
        byte[] frame = bytes(transform("Bad", 0));
        bad.getOutputStream().write(frame, 0, 30);
        bad.getOutputStream().write(new byte[] {0, 7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
            20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43});
      }
    }
    for (int i = 0; i < n; i++) {
      IgtlMessage m = next(atServer);
      assertEquals("Good", m.deviceName());
      m.release();
    }
    readUntilClosed(bad);
    eventually("the bad connection is gone", () -> server.metrics().connectionsOpen() == 1);
    IgtlMetrics metrics = server.metrics();
    assertEquals(1, metrics.closes(CloseReason.MALFORMED_HEADER) + metrics.closes(CloseReason.MESSAGE_TOO_LARGE)
        + metrics.closes(CloseReason.CRC_MISMATCH));
  }

  @Test
  void everyNegativeCorpusFileEndsItsConnectionWhileTheServerKeepsServing() throws Exception {
    Path dir = Path.of(System.getProperty("cathnav.shared.data"), "igtl", "negative");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
    }
    assertTrue(files.size() >= 30, "negative corpus incomplete, dir=" + dir + ", files=" + files.size());
    BlockingQueue<IgtlMessage> atServer = queue();
    IgtlServer server = startServer(new IgtlServerOptions(), atServer);
    IgtlClient good = startClient(new IgtlClientOptions().setPort(server.actualPort()), null);
    for (Path f : files) {
      Socket s = rawSocket(server);
      s.getOutputStream().write(Files.readAllBytes(f));
      s.shutdownOutput();
      readUntilClosed(s);
      await(good.send(transform("Good", 1)));
      IgtlMessage m = next(atServer);
      while (!"Good".equals(m.deviceName())) {
        m.release();
        m = next(atServer);
      }
      m.release();
    }
    eventually("all hostile connections gone", () -> server.metrics().connectionsOpen() == 1);
    IgtlMetrics metrics = server.metrics();
    long closes = metrics.closesByReason().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(files.size(), closes);
    assertTrue(metrics.closes(CloseReason.MESSAGE_TOO_LARGE) >= 2, metrics.closesByReason().toString());
    assertTrue(metrics.closes(CloseReason.CRC_MISMATCH) >= 1, metrics.closesByReason().toString());
    assertTrue(metrics.closes(CloseReason.MALFORMED_HEADER) >= 2, metrics.closesByReason().toString());
  }
}
