package cathnav.core.model;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads MetaImage volumes: {@code .mha} (header and data in one file, {@code ElementDataFile = LOCAL}) and
 * {@code .mhd} (data in the named file beside the header), raw or zlib/gzip compressed ({@code CompressedData}).
 *
 * <p>Voxel to world: {@code Offset} (alias {@code Position}, {@code Origin}), {@code ElementSpacing} and
 * {@code TransformMatrix} (alias {@code Rotation}, {@code Orientation}), whose consecutive triples are the
 * directions of the i, j and k axes, as ITK writes them. MetaImage world coordinates are ITK's LPS; they are
 * converted to RAS by negating x and y ({@code AnatomicalOrientation} describes the axes, not the world, and is
 * not used). Single-channel 2D and 3D images only. Stateless and thread-safe.
 */
public final class MetaImageReader {

  private static final Logger LOG = LoggerFactory.getLogger(MetaImageReader.class);

  private MetaImageReader() {}

  /** Reads a MetaImage volume; throws {@link ModelFileException} naming the file and the problem. */
  public static Volume read(Path file) throws ModelFileException {
    HeaderLines header =
        HeaderLines.read(file, line -> line.trim().toLowerCase(Locale.ROOT).startsWith("elementdatafile"));
    Map<String, String> f = fields(file, header.lines());
    if (!f.containsKey("elementdatafile")) {
      throw new ModelFileException(file, "not a MetaImage file or header incomplete, field=ElementDataFile missing");
    }
    String objectType = f.get("objecttype");
    if (objectType != null && !objectType.equalsIgnoreCase("Image")) {
      throw new ModelFileException(file, "unsupported ObjectType=" + NrrdReader.abbreviate(objectType));
    }
    int ndims = (int) NrrdReader.longValue(file, "NDims", NrrdReader.require(file, f, "ndims"));
    if (ndims < 2 || ndims > 4) {
      throw new ModelFileException(file, "unsupported NDims=" + ndims + ", expected 2 or 3");
    }
    long[] sizes = NrrdReader.longs(file, "DimSize", NrrdReader.require(file, f, "dimsize"), ndims);
    if (ndims == 4 && sizes[3] != 1) {
      throw new ModelFileException(file, "4D images are not supported, DimSize[3]=" + sizes[3]);
    }
    long voxels = VoxelPayload.checkedVoxelCount(file, sizes);
    String channels = f.get("elementnumberofchannels");
    if (channels != null && NrrdReader.longValue(file, "ElementNumberOfChannels", channels) != 1) {
      throw new ModelFileException(file, "multi-channel images are not supported, ElementNumberOfChannels=" + channels);
    }
    SampleType type = elementType(file, NrrdReader.require(file, f, "elementtype"));
    String msb = f.containsKey("binarydatabyteordermsb") ? f.get("binarydatabyteordermsb") : f.get("elementbyteordermsb");
    ByteOrder order = msb != null && msb.trim().equalsIgnoreCase("true") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    boolean compressed = "true".equalsIgnoreCase(f.getOrDefault("compresseddata", "false").trim());

    int sd = Math.min(ndims, 3);
    double[] spacing = doubles(file, "ElementSpacing", f.containsKey("elementspacing") ? f.get("elementspacing")
        : f.getOrDefault("elementsize", null), ndims, 1.0);
    String offsetText = f.containsKey("offset") ? f.get("offset")
        : f.containsKey("position") ? f.get("position") : f.get("origin");
    double[] origin = doubles(file, "Offset", offsetText, ndims, 0.0);
    String tmText = f.containsKey("transformmatrix") ? f.get("transformmatrix")
        : f.containsKey("rotation") ? f.get("rotation") : f.get("orientation");
    double[] tm = new double[ndims * ndims];
    for (int a = 0; a < ndims; a++) {
      tm[a * ndims + a] = 1;
    }
    if (tmText != null) {
      tm = doubles(file, "TransformMatrix", tmText, ndims * ndims, 0.0);
    }
    double[] m = new double[16];
    m[15] = 1;
    double[] flip = {-1, -1, 1};
    for (int axis = 0; axis < 3; axis++) {
      for (int r = 0; r < 3; r++) {
        double d;
        if (axis < sd) {
          d = r < sd ? tm[axis * ndims + r] * spacing[axis] : 0;
        } else {
          d = r == axis ? 1 : 0;
        }
        m[r * 4 + axis] = d * flip[r];
      }
    }
    for (int r = 0; r < 3; r++) {
      m[r * 4 + 3] = r < sd ? origin[r] * flip[r] : 0;
    }

    String dataName = f.get("elementdatafile").trim();
    Path dataFile;
    long offset;
    if (dataName.equalsIgnoreCase("LOCAL")) {
      dataFile = file;
      offset = header.dataOffset();
    } else {
      if (dataName.startsWith("LIST") || dataName.contains("%")) {
        throw new ModelFileException(file, "multi-file data is not supported, ElementDataFile=" + NrrdReader.abbreviate(dataName));
      }
      dataFile = file.toAbsolutePath().resolveSibling(dataName);
      if (!Files.isRegularFile(dataFile)) {
        throw new ModelFileException(file, "data file missing, ElementDataFile=" + dataFile);
      }
      offset = 0;
      String hs = f.get("headersize");
      if (hs != null) {
        long headerSize = NrrdReader.longValue(file, "HeaderSize", hs);
        try {
          offset = headerSize == -1 ? Files.size(dataFile) - voxels * type.bytes() : headerSize;
        } catch (java.io.IOException e) {
          throw new ModelFileException(dataFile, "read failed, " + e, e);
        }
        if (offset < 0) {
          throw new ModelFileException(file, "invalid HeaderSize=" + headerSize + " for the data file size");
        }
      }
    }
    VoxelPayload.Compression compression = VoxelPayload.Compression.RAW;
    if (compressed) {
      String magic = peekAt(dataFile, offset);
      compression = magic.equals("\u001f\u008b") ? VoxelPayload.Compression.GZIP : VoxelPayload.Compression.ZLIB;
    }
    VoxelPayload.Voxels v = VoxelPayload.read(dataFile, offset, voxels, type, order, compression, 1, 0);
    Volume vol = new Volume((int) sizes[0], (int) sizes[1], ndims >= 3 ? (int) sizes[2] : 1, m, v.int16(), v.float32());
    LOG.debug("volume read, format=metaimage, file={}, volume={}", file, vol);
    return vol;
  }

  private static Map<String, String> fields(Path file, List<String> lines) throws ModelFileException {
    Map<String, String> f = new HashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new ModelFileException(file, "malformed header line " + (n + 1) + ": '" + NrrdReader.abbreviate(line) + "'");
      }
      f.putIfAbsent(line.substring(0, eq).trim().toLowerCase(Locale.ROOT), line.substring(eq + 1).trim());
    }
    return f;
  }

  private static double[] doubles(Path file, String key, String text, int count, double fill) throws ModelFileException {
    double[] out = new double[count];
    java.util.Arrays.fill(out, fill);
    if (text == null) {
      return out;
    }
    String[] parts = text.trim().split("\\s+");
    if (parts.length < count) {
      throw new ModelFileException(file, "too few values, field=" + key + ", expected=" + count + ", actual=" + parts.length);
    }
    for (int n = 0; n < count; n++) {
      out[n] = NrrdReader.NrrdSpace.parseDouble(file, key, parts[n]);
      if (!Double.isFinite(out[n])) {
        throw new ModelFileException(file, "non-finite value, field=" + key);
      }
    }
    return out;
  }

  static SampleType elementType(Path file, String name) throws ModelFileException {
    switch (name.trim().toUpperCase(Locale.ROOT)) {
      case "MET_CHAR":
        return SampleType.INT8;
      case "MET_UCHAR":
        return SampleType.UINT8;
      case "MET_SHORT":
        return SampleType.INT16;
      case "MET_USHORT":
        return SampleType.UINT16;
      case "MET_INT":
      case "MET_LONG":
        return SampleType.INT32;
      case "MET_UINT":
      case "MET_ULONG":
        return SampleType.UINT32;
      case "MET_LONG_LONG":
        return SampleType.INT64;
      case "MET_ULONG_LONG":
        return SampleType.UINT64;
      case "MET_FLOAT":
        return SampleType.FLOAT32;
      case "MET_DOUBLE":
        return SampleType.FLOAT64;
      default:
        throw new ModelFileException(file, "unsupported ElementType=" + NrrdReader.abbreviate(name));
    }
  }

  private static String peekAt(Path file, long offset) throws ModelFileException {
    try (var ch = java.nio.channels.FileChannel.open(file)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2);
      ch.read(b, offset);
      return new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException e) {
      throw new ModelFileException(file, "read failed, " + e, e);
    }
  }
}
