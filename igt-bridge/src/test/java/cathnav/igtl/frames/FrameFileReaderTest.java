package cathnav.igtl.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameFileReaderTest {

  @TempDir Path dir;

  private static byte[] concat(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + data.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(data, 0, all, h.length, data.length);
    return all;
  }

  private static byte[] randomBytes(int n) {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void readsRawUint16NrrdWithSpacingAndEndian() throws IOException {
    byte[] data = randomBytes(7 * 5 * 2);
    Path f = dir.resolve("a.nrrd");
    Files.write(f, concat("NRRD0004\n# c\ntype: uint16\ndimension: 2\nsizes: 7 5\nendian: big\n"
        + "spacings: 0.25 0.5\nencoding: raw\n\n", data));
    FrameStack s = FrameFileReader.read(f);
    assertEquals(7, s.width());
    assertEquals(5, s.height());
    assertEquals(1, s.frames());
    assertEquals(PixelType.UINT16, s.type());
    assertEquals(ByteOrder.BIG_ENDIAN, s.byteOrder());
    assertEquals(0.25, s.spacingU());
    assertEquals(0.5, s.spacingV());
    assertArrayEquals(data, s.pixels());
  }

  @Test
  void readsGzipInt16NrrdStackWithSpaceDirections() throws IOException {
    byte[] data = randomBytes(4 * 3 * 2 * 2);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(data);
    }
    Path f = dir.resolve("b.nrrd");
    Files.write(f, concat("NRRD0005\ntype: short\ndimension: 3\nsizes: 4 3 2\n"
        + "space directions: (0.3,0,0) (0,0.4,0) none\nencoding: gzip\n\n", gz.toByteArray()));
    FrameStack s = FrameFileReader.read(f);
    assertEquals(2, s.frames());
    assertEquals(PixelType.INT16, s.type());
    assertEquals(ByteOrder.LITTLE_ENDIAN, s.byteOrder());
    assertEquals(0.3, s.spacingU(), 1e-12);
    assertEquals(0.4, s.spacingV(), 1e-12);
    assertArrayEquals(data, s.pixels());
    assertEquals(24, s.frameOffset(1));
  }

  @Test
  void readsSixteenBitPgmWithComment() throws IOException {
    byte[] data = randomBytes(3 * 2 * 2);
    Path f = dir.resolve("c.pgm");
    Files.write(f, concat("P5\n# made by a test\n3 2\n65535\n", data));
    FrameStack s = FrameFileReader.read(f);
    assertEquals(PixelType.UINT16, s.type());
    assertEquals(ByteOrder.BIG_ENDIAN, s.byteOrder());
    assertArrayEquals(data, s.pixels());
  }

  @Test
  void readsEightBitPgm() throws IOException {
    byte[] data = randomBytes(5 * 4);
    Path f = dir.resolve("d.pgm");
    Files.write(f, concat("P5 5 4 255\n", data));
    FrameStack s = FrameFileReader.read(f);
    assertEquals(PixelType.UINT8, s.type());
    assertEquals(5, s.width());
    assertArrayEquals(data, s.pixels());
  }

  @Test
  void readsSharedCineNrrdAsTwelveFrames() throws IOException {
    Path f = Path.of(System.getProperty("cathnav.shared.data", "../../shared/data"), "xray",
        "xa_catheter_cine_512x512x12_u8.nrrd");
    FrameStack s = FrameFileReader.read(f);
    assertEquals(512, s.width());
    assertEquals(512, s.height());
    assertEquals(12, s.frames());
    assertEquals(PixelType.UINT8, s.type());
  }

  @Test
  void rejectsTruncatedRawDataNamingTheFile() throws IOException {
    Path f = dir.resolve("e.nrrd");
    Files.write(f, concat("NRRD0004\ntype: uint8\ndimension: 2\nsizes: 10 10\nencoding: raw\n\n", new byte[50]));
    FrameFileFormatException e = assertThrows(FrameFileFormatException.class, () -> FrameFileReader.read(f));
    assertTrue(e.getMessage().contains("file=" + f) && e.getMessage().contains("need=100"), e.getMessage());
  }

  @Test
  void rejectsUnsupportedPixelType() throws IOException {
    Path f = dir.resolve("g.nrrd");
    Files.write(f, concat("NRRD0004\ntype: float\ndimension: 2\nsizes: 2 2\nencoding: raw\n\n", new byte[16]));
    FrameFileFormatException e = assertThrows(FrameFileFormatException.class, () -> FrameFileReader.read(f));
    assertTrue(e.getMessage().contains("field 'type'"), e.getMessage());
  }

  @Test
  void rejectsUnknownFormat() throws IOException {
    Path f = dir.resolve("h.png");
    Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    FrameFileFormatException e = assertThrows(FrameFileFormatException.class, () -> FrameFileReader.read(f));
    assertTrue(e.getMessage().contains("unknown format"), e.getMessage());
  }
}
