package cathnav.core.model;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads NIfTI-1 volumes: single files ({@code .nii}, {@code .nii.gz}, magic {@code n+1}) and header/image pairs
 * ({@code .hdr} + {@code .img}, magic {@code ni1}), either byte order.
 *
 * <p>Voxel to RAS: the sform ({@code srow_x/y/z}) when {@code sform_code > 0}, else the qform (quaternion, offsets,
 * {@code pixdim} and the {@code qfac} sign in {@code pixdim[0]}) when {@code qform_code > 0}, else a scaling by
 * {@code pixdim[1..3]}. NIfTI's world frame is already RAS. Data types int8, uint8, int16, uint16, int32, uint32,
 * int64, float32 and float64; {@code scl_slope/scl_inter} are applied when the slope is finite and non-zero. Only
 * 2D and 3D images (a fourth dimension of size 1 is accepted). Stateless and thread-safe.
 *
 * <pre>
 *  offset  field           offset  field
 *     0    sizeof_hdr=348    108   vox_offset (float)
 *    40    dim[8] (short)    112   scl_slope, 116 scl_inter
 *    70    datatype          252   qform_code, 254 sform_code
 *    72    bitpix            256   quatern_b/c/d, qoffset_x/y/z (float)
 *    76    pixdim[8]         280   srow_x[4], srow_y[4], srow_z[4] (float)
 *                            344   magic "n+1\0" or "ni1\0"
 * </pre>
 */
public final class NiftiReader {

  private static final Logger LOG = LoggerFactory.getLogger(NiftiReader.class);
  static final int HEADER_BYTES = 348;

  private NiftiReader() {}

  /** Reads a NIfTI-1 volume; throws {@link ModelFileException} naming the file and the problem. */
  public static Volume read(Path file) throws ModelFileException {
    boolean gz = Volumes.isGzip(file);
    ByteBuffer h = readHeader(file, gz);
    String magic = new String(new byte[] {h.get(344), h.get(345), h.get(346)}, java.nio.charset.StandardCharsets.US_ASCII);
    Path dataFile = file;
    if (magic.equals("ni1") && gz) {
      throw new ModelFileException(file, "compressed NIfTI header/image pairs are not supported, magic=ni1");
    } else if (magic.equals("ni1")) {
      dataFile = pairedImage(file);
    } else if (!magic.equals("n+1")) {
      throw new ModelFileException(file, "not a NIfTI-1 file, magic=" + printable(magic));
    }
    int ndim = h.getShort(40);
    if (ndim < 1 || ndim > 7) {
      throw new ModelFileException(file, "invalid dim[0]=" + ndim + ", expected 1..7");
    }
    long[] dims = new long[3];
    for (int d = 0; d < 3; d++) {
      dims[d] = d < ndim ? h.getShort(42 + 2 * d) : 1;
      if (dims[d] <= 0) {
        throw new ModelFileException(file, "invalid dim[" + (d + 1) + "]=" + dims[d] + ", sizes must be positive");
      }
    }
    for (int d = 3; d < ndim; d++) {
      int extra = h.getShort(42 + 2 * d);
      if (extra != 1) {
        throw new ModelFileException(
            file, "only 2D and 3D volumes are supported, dim[" + (d + 1) + "]=" + extra + " (a time series?)");
      }
    }
    long voxels = VoxelPayload.checkedVoxelCount(file, dims);
    SampleType type = sampleType(file, h.getShort(70));
    float voxOffset = h.getFloat(108);
    long offset = dataFile.equals(file) ? (long) voxOffset : 0L;
    if (dataFile.equals(file) && (!(voxOffset >= HEADER_BYTES) || voxOffset > Integer.MAX_VALUE)) {
      throw new ModelFileException(file, "invalid vox_offset=" + voxOffset + ", expected >= 348");
    }
    double slope = h.getFloat(112);
    double inter = h.getFloat(116);
    if (slope == 0 || !Double.isFinite(slope) || !Double.isFinite(inter)) {
      slope = 1;
      inter = 0;
    }
    double[] affine = affine(file, h);
    VoxelPayload.Voxels v;
    if (gz) {
      v = readGzipData(dataFile, offset, voxels, type, h.order(), slope, inter);
    } else {
      v = VoxelPayload.read(dataFile, offset, voxels, type, h.order(), VoxelPayload.Compression.RAW, slope, inter);
    }
    Volume vol = new Volume((int) dims[0], (int) dims[1], (int) dims[2], affine, v.int16(), v.float32());
    LOG.debug("volume read, format=nifti, file={}, volume={}", file, vol);
    return vol;
  }

  static double[] affine(Path file, ByteBuffer h) throws ModelFileException {
    int qformCode = h.getShort(252);
    int sformCode = h.getShort(254);
    double[] pix = new double[8];
    for (int n = 0; n < 8; n++) {
      pix[n] = h.getFloat(76 + 4 * n);
    }
    double[] m = new double[16];
    m[15] = 1;
    if (sformCode > 0) {
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 4; c++) {
          m[r * 4 + c] = h.getFloat(280 + 16 * r + 4 * c);
        }
      }
    } else if (qformCode > 0) {
      double b = h.getFloat(256);
      double c = h.getFloat(260);
      double d = h.getFloat(264);
      double a2 = 1.0 - (b * b + c * c + d * d);
      double a;
      if (a2 < 1e-7) {
        // the quaternion is a 180-degree rotation; renormalise (b, c, d) as the standard prescribes
        double s = Math.sqrt(b * b + c * c + d * d);
        b /= s;
        c /= s;
        d /= s;
        a = 0;
      } else {
        a = Math.sqrt(a2);
      }
      double qfac = pix[0] < 0 ? -1 : 1;
      double[] r = {
        a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
        2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b),
        2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b
      };
      double[] sp = {pix[1], pix[2], qfac * pix[3]};
      double[] off = {h.getFloat(268), h.getFloat(272), h.getFloat(276)};
      for (int row = 0; row < 3; row++) {
        for (int col = 0; col < 3; col++) {
          m[row * 4 + col] = r[row * 3 + col] * sp[col];
        }
        m[row * 4 + 3] = off[row];
      }
    } else {
      for (int a = 0; a < 3; a++) {
        double s = pix[a + 1];
        m[a * 5] = s > 0 && Double.isFinite(s) ? s : 1.0;
      }
      LOG.warn("nifti without sform or qform, using pixdim scaling only, file={}", file);
    }
    for (double v : m) {
      if (!Double.isFinite(v)) {
        throw new ModelFileException(file, "voxel-to-world transform is not finite, sformCode=" + sformCode
            + ", qformCode=" + qformCode);
      }
    }
    return m;
  }

  private static ByteBuffer readHeader(Path file, boolean gz) throws ModelFileException {
    byte[] hdr;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        InputStream in = gz ? new GZIPInputStream(raw) : raw) {
      hdr = in.readNBytes(HEADER_BYTES);
    } catch (ZipException e) {
      throw new ModelFileException(file, "not a gzip file although named .gz, " + e.getMessage(), e);
    } catch (EOFException e) {
      throw new ModelFileException(file, "header truncated, " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ModelFileException(file, "read failed, " + e, e);
    }
    if (hdr.length < HEADER_BYTES) {
      throw new ModelFileException(file, "header truncated, headerBytes=" + hdr.length + ", expected=348");
    }
    ByteBuffer h = ByteBuffer.wrap(hdr).order(ByteOrder.LITTLE_ENDIAN);
    if (h.getInt(0) != HEADER_BYTES) {
      h.order(ByteOrder.BIG_ENDIAN);
      if (h.getInt(0) != HEADER_BYTES) {
        throw new ModelFileException(file, "not a NIfTI-1 file, sizeof_hdr=" + h.order(ByteOrder.LITTLE_ENDIAN).getInt(0));
      }
    }
    return h;
  }

  private static VoxelPayload.Voxels readGzipData(
      Path file, long offset, long voxels, SampleType type, ByteOrder order, double slope, double inter)
      throws ModelFileException {
    long bytes = voxels * type.bytes();
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
      try {
        in.skipNBytes(offset);
      } catch (EOFException e) {
        throw new ModelFileException(file, "data truncated before vox_offset=" + offset, e);
      }
      VoxelPayload.ChunkedBytes data = VoxelPayload.ChunkedBytes.readExactly(file, in, bytes);
      return VoxelPayload.decode(file, data.stream(), voxels, type, order, slope, inter);
    } catch (ModelFileException e) {
      throw e;
    } catch (ZipException e) {
      throw new ModelFileException(file, "corrupt gzip data, " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ModelFileException(file, "read failed, " + e, e);
    }
  }

  static SampleType sampleType(Path file, int datatype) throws ModelFileException {
    switch (datatype) {
      case 2:
        return SampleType.UINT8;
      case 4:
        return SampleType.INT16;
      case 8:
        return SampleType.INT32;
      case 16:
        return SampleType.FLOAT32;
      case 64:
        return SampleType.FLOAT64;
      case 256:
        return SampleType.INT8;
      case 512:
        return SampleType.UINT16;
      case 768:
        return SampleType.UINT32;
      case 1024:
        return SampleType.INT64;
      default:
        throw new ModelFileException(file, "unsupported NIfTI datatype=" + datatype
            + " (supported: uint8 2, int16 4, int32 8, float32 16, float64 64, int8 256, uint16 512, uint32 768, int64 1024)");
    }
  }

  private static Path pairedImage(Path hdr) throws ModelFileException {
    String name = hdr.getFileName().toString();
    if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".hdr")) {
      throw new ModelFileException(hdr, "NIfTI pair header (magic ni1) must be named .hdr");
    }
    Path img = hdr.resolveSibling(name.substring(0, name.length() - 4) + ".img");
    if (!Files.isRegularFile(img)) {
      throw new ModelFileException(hdr, "NIfTI pair image file missing, expected=" + img);
    }
    return img;
  }

  private static String printable(String s) {
    return s.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
