package cathnav.igtl.rec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingRoundTripTest {

  @TempDir Path dir;

  /** A syntactically framed OpenIGTLink message: 58-byte header with type, device and BODY_SIZE, then the body. */
  static byte[] message(String type, String device, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(58 + body.length);
    b.putShort((short) 1);
    byte[] t = Arrays.copyOf(type.getBytes(StandardCharsets.US_ASCII), 12);
    byte[] d = Arrays.copyOf(device.getBytes(StandardCharsets.US_ASCII), 20);
    b.put(t).put(d).putLong(0x0102030405060708L).putLong(body.length).putLong(0).put(body);
    return b.array();
  }

  @Test
  void entriesComeBackInOrderWithTimeDirectionConnectionAndBytes() throws IOException {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    byte[] body1 = new byte[1000];
    random.nextBytes(body1);
    byte[] m1 = message("IMAGE", "Fluoro", body1);
    byte[] m2 = message("TRANSFORM", "Registration", new byte[48]);
    Path file = dir.resolve("a.igtlrec");
    try (RecordingWriter w = RecordingWriter.create(file, "source=test")) {
      ByteBuf buf = Unpooled.wrappedBuffer(m1);
      w.write(1_700_000_000_123_456_789L, Direction.RECEIVED, 7, buf);
      assertEquals(m1.length, buf.readableBytes(), "writer must not move the reader index");
      w.write(new RecordedMessage(1_700_000_000_200_000_000L, Direction.SENT, 0xFFFFFFFE, m2));
    }
    try (RecordingReader r = RecordingReader.open(file)) {
      assertEquals("test", r.info().get("source"));
      RecordedMessage e1 = r.next();
      assertEquals(1_700_000_000_123_456_789L, e1.receiveTimeNanos());
      assertEquals(Direction.RECEIVED, e1.direction());
      assertEquals(7, e1.connectionId());
      assertArrayEquals(m1, e1.message());
      assertEquals("IMAGE", e1.messageType());
      assertEquals("Fluoro", e1.deviceName());
      RecordedMessage e2 = r.next();
      assertEquals(Direction.SENT, e2.direction());
      assertEquals(0xFFFFFFFE, e2.connectionId());
      assertArrayEquals(m2, e2.message());
      assertNull(r.next());
    }
  }

  @Test
  void fileKeepsItsPartNameUntilClosed() throws IOException {
    Path file = dir.resolve("b.igtlrec");
    RecordingWriter w = RecordingWriter.create(file, "");
    w.write(new RecordedMessage(1, Direction.RECEIVED, 1, message("STATUS", "s", new byte[30])));
    assertFalse(Files.exists(file));
    assertTrue(Files.exists(dir.resolve("b.igtlrec.part")));
    w.close();
    assertTrue(Files.exists(file));
    assertFalse(Files.exists(dir.resolve("b.igtlrec.part")));
  }

  @Test
  void rejectsTruncatedEntryNamingFileAndOffset() throws IOException {
    Path file = dir.resolve("c.igtlrec");
    try (RecordingWriter w = RecordingWriter.create(file, "")) {
      w.write(new RecordedMessage(1, Direction.RECEIVED, 1, message("STRING", "s", new byte[100])));
    }
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length - 10));
    try (RecordingReader r = RecordingReader.open(file)) {
      RecordingFormatException e = assertThrows(RecordingFormatException.class, r::next);
      assertTrue(e.getMessage().contains("file=" + file), e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @Test
  void rejectsBodySizeBeyondLimitWithoutAllocating() throws IOException {
    Path file = dir.resolve("d.igtlrec");
    byte[] m = message("IMAGE", "x", new byte[0]);
    ByteBuffer.wrap(m).putLong(42, -2L); // BODY_SIZE = 2^64 - 2
    try (RecordingWriter w = RecordingWriter.create(file, "")) {
      w.write(new RecordedMessage(1, Direction.RECEIVED, 1, m));
    }
    try (RecordingReader r = RecordingReader.open(file)) {
      RecordingFormatException e = assertThrows(RecordingFormatException.class, r::next);
      assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }
  }

  @Test
  void rejectsFileWithoutRecordingHeader() throws IOException {
    Path file = dir.resolve("e.igtlrec");
    Files.writeString(file, "hello\n");
    RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> RecordingReader.open(file));
    assertTrue(e.getMessage().contains("not a CathNav OpenIGTLink recording"), e.getMessage());
  }

  @Test
  void rejectsUnknownDirectionCode() throws IOException {
    Path file = dir.resolve("f.igtlrec");
    try (RecordingWriter w = RecordingWriter.create(file, "")) {
      w.write(new RecordedMessage(1, Direction.RECEIVED, 1, message("STRING", "s", new byte[4])));
    }
    byte[] all = Files.readAllBytes(file);
    int headerLine = new String(all, StandardCharsets.US_ASCII).indexOf('\n') + 1;
    all[headerLine + RecordingDescriptor.DIRECTION_OFFSET] = 9;
    Files.write(file, all);
    try (RecordingReader r = RecordingReader.open(file)) {
      RecordingFormatException e = assertThrows(RecordingFormatException.class, r::next);
      assertTrue(e.getMessage().contains("unknown direction, code=9"), e.getMessage());
    }
  }
}
