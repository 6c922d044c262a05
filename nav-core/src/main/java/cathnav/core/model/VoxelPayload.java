package cathnav.core.model;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads the voxel block of a volume file and decodes it into a {@link Volume}'s int16 or float32 array.
 *
 * <p>Memory safety: nothing proportional to the header's claimed size is allocated until the data has been shown to
 * exist. Raw data is checked against the file length first; compressed data is inflated into chunks that grow only
 * as real bytes arrive, and the voxel array is allocated once the whole block has been read. A header claiming
 * 2^31 voxels in a small file therefore fails with a {@link ModelFileException}, never an OutOfMemoryError.
 */
final class VoxelPayload {

  /** Java arrays hold at most about this many elements. */
  static final long MAX_VOXELS = Integer.MAX_VALUE - 8;

  private static final int CHUNK = 1 << 22;

  /** How the voxel block is stored. */
  enum Compression {
    RAW,
    GZIP,
    ZLIB
  }

  /** The decoded voxels: exactly one array is non-null. */
  record Voxels(short[] int16, float[] float32) {}

  private VoxelPayload() {}

  /** Checks a voxel count against what an array can hold, before anything is allocated. */
  static long checkedVoxelCount(Path file, long... dims) throws ModelFileException {
    long n = 1;
    for (long d : dims) {
      if (d <= 0) {
        throw new ModelFileException(file, "volume size must be positive, dims=" + java.util.Arrays.toString(dims));
      }
      if (n > MAX_VOXELS / d) {
        throw new ModelFileException(
            file, "volume too large, dims=" + java.util.Arrays.toString(dims) + ", maxVoxels=" + MAX_VOXELS);
      }
      n *= d;
    }
    return n;
  }

  /**
   * Reads {@code voxels} samples of {@code type} from {@code file} starting at byte {@code offset} (of the file for
   * raw data; of the file too for compressed data, where the compressed stream starts there).
   *
   * @param slope scale applied as {@code value * slope + inter}; {@code slope = 1, inter = 0} for none
   */
  static Voxels read(
      Path file, long offset, long voxels, SampleType type, ByteOrder order, Compression compression,
      double slope, double inter)
      throws ModelFileException {
    long bytes = voxels * type.bytes();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (offset < 0 || offset > size) {
        throw new ModelFileException(file, "data offset outside the file, offset=" + offset + ", fileBytes=" + size);
      }
      ch.position(offset);
      InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
      if (compression == Compression.RAW) {
        if (size - offset < bytes) {
          throw new ModelFileException(
              file, "data truncated, expectedBytes=" + bytes + ", availableBytes=" + (size - offset));
        }
        return decode(file, in, voxels, type, order, slope, inter);
      }
      InputStream inflated;
      try {
        inflated = compression == Compression.GZIP ? new GZIPInputStream(in, 1 << 16) : new InflaterInputStream(in);
      } catch (ZipException | EOFException e) {
        throw new ModelFileException(file, "data is not gzip-compressed although the header says so, " + e.getMessage(), e);
      }
      ChunkedBytes data = ChunkedBytes.readExactly(file, inflated, bytes);
      return decode(file, data.stream(), voxels, type, order, slope, inter);
    } catch (ModelFileException e) {
      throw e;
    } catch (ZipException e) {
      throw new ModelFileException(file, "corrupt compressed data, " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ModelFileException(file, "read failed, " + e, e);
    }
  }

  /** Decodes exactly {@code voxels} samples from {@code in}; stores int16 when every scaled value fits. */
  static Voxels decode(
      Path file, InputStream in, long voxels, SampleType type, ByteOrder order, double slope, double inter)
      throws IOException {
    int n = Math.toIntExact(voxels);
    boolean identity = slope == 1.0 && inter == 0.0;
    boolean integralScale = slope == Math.rint(slope) && inter == Math.rint(inter);
    if (type.fitsInt16() && identity) {
      short[] out = new short[n];
      forEachBlock(file, in, n, type, order, (buf, start, count) -> {
        for (int q = 0; q < count; q++) {
          out[start + q] = (short) sample(buf, type);
        }
      });
      return new Voxels(out, null);
    }
    float[] out = new float[n];
    boolean[] fits = {type.isInteger() && integralScale};
    forEachBlock(file, in, n, type, order, (buf, start, count) -> {
      for (int q = 0; q < count; q++) {
        double v = sample(buf, type) * slope + inter;
        out[start + q] = (float) v;
        if (fits[0] && (v < Short.MIN_VALUE || v > Short.MAX_VALUE)) {
          fits[0] = false;
        }
      }
    });
    if (!fits[0]) {
      return new Voxels(null, out);
    }
    short[] s = new short[n];
    for (int q = 0; q < n; q++) {
      s[q] = (short) out[q];
    }
    return new Voxels(s, null);
  }

  private interface BlockSink {
    void accept(ByteBuffer buf, int start, int count);
  }

  private static void forEachBlock(Path file, InputStream in, int n, SampleType type, ByteOrder order, BlockSink sink)
      throws IOException {
    int per = type.bytes();
    int blockSamples = (1 << 16) / per;
    byte[] raw = new byte[blockSamples * per];
    ByteBuffer buf = ByteBuffer.wrap(raw).order(order);
    int done = 0;
    while (done < n) {
      int count = Math.min(blockSamples, n - done);
      int want = count * per;
      int got = in.readNBytes(raw, 0, want);
      if (got < want) {
        throw new ModelFileException(
            file,
            "data truncated, expectedBytes=" + ((long) n * per) + ", actualBytes=" + ((long) done * per + got));
      }
      buf.clear();
      sink.accept(buf, done, count);
      done += count;
    }
  }

  private static double sample(ByteBuffer b, SampleType type) {
    switch (type) {
      case INT8:
        return b.get();
      case UINT8:
        return b.get() & 0xff;
      case INT16:
        return b.getShort();
      case UINT16:
        return b.getShort() & 0xffff;
      case INT32:
        return b.getInt();
      case UINT32:
        return b.getInt() & 0xffffffffL;
      case INT64:
        return b.getLong();
      case UINT64:
        long v = b.getLong();
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
      case FLOAT32:
        return b.getFloat();
      case FLOAT64:
        return b.getDouble();
      default:
        throw new IllegalStateException("unknown sample type " + type);
    }
  }

  /** Inflated bytes held in chunks that grow only as data arrives. */
  static final class ChunkedBytes {
    private final List<byte[]> chunks;
    private final long length;

    private ChunkedBytes(List<byte[]> chunks, long length) {
      this.chunks = chunks;
      this.length = length;
    }

    static ChunkedBytes readExactly(Path file, InputStream in, long expected) throws IOException {
      List<byte[]> chunks = new ArrayList<>();
      long total = 0;
      while (total < expected) {
        byte[] c = new byte[(int) Math.min(CHUNK, expected - total)];
        int got;
        try {
          got = in.readNBytes(c, 0, c.length);
        } catch (EOFException e) {
          throw new ModelFileException(
              file, "compressed data truncated, expectedBytes=" + expected + ", inflatedBytes=" + total, e);
        }
        total += got;
        if (got < c.length) {
          throw new ModelFileException(
              file, "compressed data truncated, expectedBytes=" + expected + ", inflatedBytes=" + total);
        }
        chunks.add(c);
      }
      return new ChunkedBytes(chunks, total);
    }

    InputStream stream() {
      return new java.io.SequenceInputStream(
          java.util.Collections.enumeration(
              chunks.stream().map(c -> (InputStream) new java.io.ByteArrayInputStream(c)).toList()));
    }

    long length() {
      return length;
    }
  }
}
