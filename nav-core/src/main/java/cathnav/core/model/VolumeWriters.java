package cathnav.core.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes volumes as NRRD ({@code .nrrd}, raw or gzip, LPS space as DICOM tools and Slicer expect) and NIfTI-1
 * ({@code .nii}, {@code .nii.gz} by name; sform always, qform too when the affine is a rotation times a scaling).
 * int16 volumes are written as int16, float32 volumes as float32, little-endian.
 *
 * <p>Files are written to a temporary sibling and moved into place, so a failed write leaves no partial output.
 * Stateless and thread-safe.
 */
public final class VolumeWriters {

  private VolumeWriters() {}

  /** Writes {@code volume} as an attached NRRD file; {@code gzip} compresses the data. */
  public static void writeNrrd(Volume volume, Path file, boolean gzip) throws ModelFileException {
    double[] m = volume.voxelToRas();
    StringBuilder h = new StringBuilder();
    h.append("NRRD0004\n");
    h.append("# written by CathNav; space directions and origin in LPS mm\n");
    h.append("type: ").append(volume.isInt16() ? "int16" : "float").append('\n');
    h.append("dimension: 3\n");
    h.append("space: left-posterior-superior\n");
    h.append("sizes: ").append(volume.nx()).append(' ').append(volume.ny()).append(' ').append(volume.nz()).append('\n');
    h.append("space directions:");
    for (int c = 0; c < 3; c++) {
      h.append(String.format(Locale.ROOT, " (%s,%s,%s)", num(-m[c]), num(-m[4 + c]), num(m[8 + c])));
    }
    h.append('\n');
    h.append("kinds: domain domain domain\n");
    h.append("endian: little\n");
    h.append("encoding: ").append(gzip ? "gzip" : "raw").append('\n');
    h.append(String.format(Locale.ROOT, "space origin: (%s,%s,%s)\n\n", num(-m[3]), num(-m[7]), num(m[11])));
    AtomicFileWrite.write(file, out -> {
      out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
      OutputStream data = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
      writeVoxels(volume, data);
      if (gzip) {
        ((GZIPOutputStream) data).finish();
      }
    });
  }

  /** Writes {@code volume} as a single-file NIfTI-1; a name ending in {@code .gz} is gzip-compressed. */
  public static void writeNifti(Volume volume, Path file) throws ModelFileException {
    boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    ByteBuffer h = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
    double[] m = volume.voxelToRas();
    double[] sp = volume.spacing();
    h.putInt(0, NiftiReader.HEADER_BYTES);
    h.putShort(40, (short) 3);
    h.putShort(42, checkedShort(file, volume.nx()));
    h.putShort(44, checkedShort(file, volume.ny()));
    h.putShort(46, checkedShort(file, volume.nz()));
    for (int d = 4; d < 8; d++) {
      h.putShort(40 + 2 * d, (short) 1);
    }
    h.putShort(70, (short) (volume.isInt16() ? 4 : 16));
    h.putShort(72, (short) (volume.isInt16() ? 16 : 32));
    h.putFloat(108, 352f);
    h.putFloat(112, 1f);
    h.putFloat(116, 0f);
    h.put(123, (byte) 10); // xyzt_units: mm and seconds
    for (int a = 0; a < 3; a++) {
      h.putFloat(80 + 4 * a, (float) sp[a]);
    }
    h.putFloat(76, 1f);
    double[] quat = NiftiQuaternion.fromAffine(m, sp);
    if (quat != null) {
      h.putShort(252, (short) 1);
      h.putFloat(76, (float) quat[3]);
      h.putFloat(256, (float) quat[0]);
      h.putFloat(260, (float) quat[1]);
      h.putFloat(264, (float) quat[2]);
      h.putFloat(268, (float) m[3]);
      h.putFloat(272, (float) m[7]);
      h.putFloat(276, (float) m[11]);
    }
    h.putShort(254, (short) 1);
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        h.putFloat(280 + 16 * r + 4 * c, (float) m[r * 4 + c]);
      }
    }
    h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
    AtomicFileWrite.write(file, out -> {
      OutputStream data = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
      data.write(h.array());
      writeVoxels(volume, data);
      if (gzip) {
        ((GZIPOutputStream) data).finish();
      }
    });
  }

  private static void writeVoxels(Volume v, OutputStream out) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    if (v.isInt16()) {
      for (short s : v.int16()) {
        if (b.remaining() < 2) {
          out.write(b.array(), 0, b.position());
          b.clear();
        }
        b.putShort(s);
      }
    } else {
      for (float f : v.float32()) {
        if (b.remaining() < 4) {
          out.write(b.array(), 0, b.position());
          b.clear();
        }
        b.putFloat(f);
      }
    }
    out.write(b.array(), 0, b.position());
  }

  private static short checkedShort(Path file, int n) throws ModelFileException {
    if (n > Short.MAX_VALUE) {
      throw new ModelFileException(file, "NIfTI-1 dimensions are limited to 32767, size=" + n);
    }
    return (short) n;
  }

  private static String num(double v) {
    return Double.toString(v);
  }
}
