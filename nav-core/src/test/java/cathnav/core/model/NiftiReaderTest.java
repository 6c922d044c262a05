package cathnav.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIfTI-1 headers written by hand: data types, scaling, byte order, qform and pixdim fallbacks. */
class NiftiReaderTest {

  @TempDir Path dir;

  /** A 2x2x1 NIfTI-1 header with the given datatype; fields not set are zero (no sform, no qform). */
  static ByteBuffer header(ByteOrder order, int datatype, int bitpix) {
    ByteBuffer h = ByteBuffer.allocate(352).order(order);
    h.putInt(0, 348);
    h.putShort(40, (short) 3).putShort(42, (short) 2).putShort(44, (short) 2).putShort(46, (short) 1);
    h.putShort(70, (short) datatype).putShort(72, (short) bitpix);
    h.putFloat(76, 1f).putFloat(80, 0.5f).putFloat(84, 0.75f).putFloat(88, 2f);
    h.putFloat(108, 352f);
    h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
    return h;
  }

  Path write(String name, ByteBuffer header, byte[] data) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, NrrdAndMetaImageReadersTest.concat(header.array(), data));
    return f;
  }

  @Test
  void uint16WithSlopeAndInterceptBecomesInt16Hu() throws Exception {
    ByteBuffer h = header(ByteOrder.LITTLE_ENDIAN, 512, 16);
    h.putFloat(112, 1f).putFloat(116, -1024f);
    byte[] data = NrrdAndMetaImageReadersTest.shorts(ByteOrder.LITTLE_ENDIAN, 0, 1024, 2024, 30000);
    Volume v = Volumes.read(write("u16.nii", h, data));
    assertTrue(v.isInt16());
    assertArrayEquals(new short[] {-1024, 0, 1000, 28976}, v.int16());
  }

  @Test
  void fractionalSlopeGivesFloatVoxels() throws Exception {
    ByteBuffer h = header(ByteOrder.LITTLE_ENDIAN, 256, 8);
    h.putFloat(112, 0.5f).putFloat(116, 1f);
    Volume v = Volumes.read(write("i8.nii", h, new byte[] {-128, -1, 0, 127}));
    assertFalse(v.isInt16());
    assertArrayEquals(new float[] {-63f, 0.5f, 1f, 64.5f}, v.float32());
  }

  @Test
  void bigEndianInt32AndPixdimFallback() throws Exception {
    ByteBuffer h = header(ByteOrder.BIG_ENDIAN, 8, 32);
    ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putInt(-5).putInt(70000).putInt(3).putInt(4);
    Volume v = Volumes.read(write("be.nii", h, d.array()));
    assertFalse(v.isInt16(), "70000 does not fit int16");
    assertArrayEquals(new float[] {-5, 70000, 3, 4}, v.float32());
    assertArrayEquals(new double[] {0.5, 0, 0, 0, 0, 0.75, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1}, v.voxelToRas(), 0);
  }

  @Test
  void float64Voxels() throws Exception {
    ByteBuffer h = header(ByteOrder.LITTLE_ENDIAN, 64, 64);
    ByteBuffer d = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.25).putDouble(-1e3)
        .putDouble(2).putDouble(3);
    Volume v = Volumes.read(write("f64.nii", h, d.array()));
    assertArrayEquals(new float[] {0.25f, -1000f, 2f, 3f}, v.float32());
  }

  @Test
  void qformQuaternionRotatesAxesAndQfacFlipsK() throws Exception {
    ByteBuffer h = header(ByteOrder.LITTLE_ENDIAN, 2, 8);
    // 90 degrees about z: (a, b, c, d) = (cos45, 0, 0, sin45); qfac -1 in pixdim[0]
    double s = Math.sqrt(0.5);
    h.putShort(252, (short) 1);
    h.putFloat(76, -1f);
    h.putFloat(256, 0f).putFloat(260, 0f).putFloat(264, (float) s);
    h.putFloat(268, 10f).putFloat(272, 20f).putFloat(276, 30f);
    Volume v = Volumes.read(write("q.nii", h, new byte[] {1, 2, 3, 4}));
    double[] expected = {0, -0.75, 0, 10, 0.5, 0, 0, 20, 0, 0, -2, 30, 0, 0, 0, 1};
    assertArrayEquals(expected, v.voxelToRas(), 1e-6);
  }

  @Test
  void sformWinsOverQform() throws Exception {
    ByteBuffer h = header(ByteOrder.LITTLE_ENDIAN, 2, 8);
    h.putShort(252, (short) 1).putShort(254, (short) 2);
    h.putFloat(256, 1f); // a 180-degree qform that must be ignored
    float[] srow = {-1.5f, 0, 0, 7, 0, -1.5f, 0, 8, 0, 0, 1.5f, 9};
    for (int n = 0; n < 12; n++) {
      h.putFloat(280 + 4 * n, srow[n]);
    }
    Volume v = Volumes.read(write("s.nii", h, new byte[] {1, 2, 3, 4}));
    assertArrayEquals(new double[] {-1.5, 0, 0, 7, 0, -1.5, 0, 8, 0, 0, 1.5, 9, 0, 0, 0, 1}, v.voxelToRas(), 0);
    assertEquals(4, v.value(1, 1, 0));
  }
}
