package cathnav.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NRRD and MetaImage header variants written by hand: spaces, axes conventions, layouts, encodings. */
class NrrdAndMetaImageReadersTest {

  @TempDir Path dir;

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] shorts(ByteOrder order, int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(order);
    for (int v : values) {
      b.putShort((short) v);
    }
    return b.array();
  }

  static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(data);
    }
    return bos.toByteArray();
  }

  static byte[] zlib(byte[] data) throws Exception {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(bos)) {
      z.write(data);
    }
    return bos.toByteArray();
  }

  private static final int[] EIGHT = {1, -2, 3, -4, 500, -600, 7000, -8000};

  @Test
  void nrrdLpsSpaceIsConvertedToRasByNegatingXAndY() throws Exception {
    String h = "NRRD0004\ntype: short\ndimension: 3\nspace: left-posterior-superior\nsizes: 2 2 2\n"
        + "space directions: (0,2,0) (3,0,0) (0,0,4)\nendian: little\nencoding: raw\n"
        + "space origin: (10,20,30)\n\n";
    Path f = dir.resolve("lps.nrrd");
    Files.write(f, concat(ascii(h), shorts(ByteOrder.LITTLE_ENDIAN, EIGHT)));
    Volume v = Volumes.read(f);
    assertArrayEquals(new double[] {0, -3, 0, -10, -2, 0, 0, -20, 0, 0, 4, 30, 0, 0, 0, 1}, v.voxelToRas(), 0);
    assertArrayEquals(new short[] {1, -2, 3, -4, 500, -600, 7000, -8000}, v.int16());
  }

  @Test
  void nrrdDetachedHeaderReadsBigEndianDataFile() throws Exception {
    Files.write(dir.resolve("data.raw"), shorts(ByteOrder.BIG_ENDIAN, EIGHT));
    String h = "NRRD0004\ntype: int16\ndimension: 3\nspace: RAS\nsizes: 2 2 2\n"
        + "space directions: (1.5,0,0) (0,1.5,0) (0,0,2)\nendian: big\nencoding: raw\ndata file: data.raw\n";
    Path f = dir.resolve("vol.nhdr");
    Files.writeString(f, h);
    Volume v = Volumes.read(f);
    assertArrayEquals(new double[] {1.5, 1.5, 2}, v.spacing(), 0);
    assertEquals(-8000, v.value(1, 1, 1));
    assertEquals(-2, v.value(1, 0, 0));
  }

  @Test
  void nrrdAsciiEncodingAndSpacingsWithoutSpace() throws Exception {
    String h = "NRRD0001\ntype: float\ndimension: 2\nsizes: 3 2\nspacings: 0.5 0.25\nencoding: ascii\n\n"
        + "1.5 2 3\n-4 5e2 6\n";
    Path f = dir.resolve("text.nrrd");
    Files.writeString(f, h);
    Volume v = Volumes.read(f);
    assertEquals(1, v.nz());
    assertArrayEquals(new float[] {1.5f, 2, 3, -4, 500, 6}, v.float32());
    assertArrayEquals(new double[] {0.5, 0.25, 1}, v.spacing(), 0);
  }

  @Test
  void nrrdNonSpatialAxisOfSizeOneIsDropped() throws Exception {
    String h = "NRRD0004\ntype: uchar\ndimension: 4\nspace: RAS\nsizes: 1 2 2 2\n"
        + "space directions: none (1,0,0) (0,1,0) (0,0,1)\nencoding: gzip\n\n";
    Path f = dir.resolve("vec.nrrd");
    Files.write(f, concat(ascii(h), gzip(new byte[] {0, 1, 2, 3, 4, 5, 6, (byte) 255})));
    Volume v = Volumes.read(f);
    assertEquals(2, v.nx());
    assertEquals(2, v.nz());
    assertEquals(255, v.value(1, 1, 1));
  }

  @Test
  void nrrdUint16ValuesAboveInt16AreKeptAsFloat() throws Exception {
    String h = "NRRD0004\ntype: ushort\ndimension: 1\nsizes: 2\nendian: little\nencoding: raw\n\n";
    Path f = dir.resolve("u16.nrrd");
    Files.write(f, concat(ascii(h), shorts(ByteOrder.LITTLE_ENDIAN, 40000, 7)));
    Volume v = Volumes.read(f);
    assertFalse(v.isInt16());
    assertArrayEquals(new float[] {40000, 7}, v.float32());
  }

  @Test
  void metaImageTransformMatrixTriplesAreAxisDirectionsInLps() throws Exception {
    // axis i points along LPS +y (posterior), axis j along LPS -x (right), k along +z
    String h = "ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\n"
        + "CompressedData = False\nTransformMatrix = 0 1 0 -1 0 0 0 0 1\nOffset = 5 6 7\n"
        + "ElementSpacing = 2 3 4\nDimSize = 2 2 2\nElementType = MET_SHORT\nElementDataFile = LOCAL\n";
    Path f = dir.resolve("oblique.mha");
    Files.write(f, concat(ascii(h), shorts(ByteOrder.LITTLE_ENDIAN, EIGHT)));
    Volume v = Volumes.read(f);
    // RAS = (-xL, -yP, z): i -> (0,-2,0), j -> (3,0,0), k -> (0,0,4), origin (-5,-6,7)
    assertArrayEquals(new double[] {0, 3, 0, -5, -2, 0, 0, -6, 0, 0, 4, 7, 0, 0, 0, 1}, v.voxelToRas(), 0);
    assertEquals(7000, v.value(0, 1, 1));
  }

  @Test
  void metaImageDetachedZlibCompressedBigEndian() throws Exception {
    Files.write(dir.resolve("vol.zraw"), zlib(shorts(ByteOrder.BIG_ENDIAN, EIGHT)));
    String h = "ObjectType = Image\nNDims = 3\nBinaryDataByteOrderMSB = True\nCompressedData = True\n"
        + "DimSize = 2 2 2\nElementType = MET_SHORT\nElementDataFile = vol.zraw\n";
    Path f = dir.resolve("vol.mhd");
    Files.writeString(f, h);
    Volume v = Volumes.read(f);
    assertArrayEquals(new short[] {1, -2, 3, -4, 500, -600, 7000, -8000}, v.int16());
  }

  @Test
  void metaImage2dFloatWithCrlfHeader() throws Exception {
    String h = "NDims = 2\r\nDimSize = 2 1\r\nElementType = MET_FLOAT\r\nElementSpacing = 0.5 0.5\r\n"
        + "ElementDataFile = LOCAL\r\n";
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(-1.25f).putFloat(3.5f);
    Path f = dir.resolve("crlf.mha");
    Files.write(f, concat(ascii(h), b.array()));
    Volume v = Volumes.read(f);
    assertEquals(1, v.nz());
    assertArrayEquals(new float[] {-1.25f, 3.5f}, v.float32());
    assertTrue(v.voxelToRas()[0] == -0.5, "LPS x spacing becomes RAS -x");
  }
}
