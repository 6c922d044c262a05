package cathnav.core.model;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decodes whitespace-separated text voxels (NRRD {@code encoding: ascii}). */
final class AsciiVoxels {

  private AsciiVoxels() {}

  static VoxelPayload.Voxels read(Path file, long offset, long voxels, SampleType type) throws ModelFileException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      long available = Files.size(file) - offset;
      // every value takes at least one character and one separator (the last may omit it)
      if (available < 0 || (available + 1) / 2 < voxels) {
        throw new ModelFileException(
            file, "data truncated, expectedValues=" + voxels + ", availableBytes=" + Math.max(0, available));
      }
      in.skipNBytes(offset);
      int n = (int) voxels;
      float[] out = new float[n];
      StringBuilder tok = new StringBuilder();
      int count = 0;
      int b;
      while (count < n) {
        b = in.read();
        boolean sep = b < 0 || b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == ',';
        if (!sep) {
          tok.append((char) b);
          continue;
        }
        if (tok.length() > 0) {
          try {
            out[count++] = (float) Double.parseDouble(tok.toString());
          } catch (NumberFormatException e) {
            throw new ModelFileException(file, "not a number in text data, index=" + count + ", value="
                + NrrdReader.abbreviate(tok.toString()));
          }
          tok.setLength(0);
        }
        if (b < 0) {
          break;
        }
      }
      if (count < n) {
        throw new ModelFileException(file, "data truncated, expectedValues=" + n + ", actualValues=" + count);
      }
      if (type.fitsInt16()) {
        short[] s = new short[n];
        for (int q = 0; q < n; q++) {
          s[q] = (short) out[q];
        }
        return new VoxelPayload.Voxels(s, null);
      }
      return new VoxelPayload.Voxels(null, out);
    } catch (ModelFileException e) {
      throw e;
    } catch (IOException e) {
      throw new ModelFileException(file, "read failed, " + e, e);
    }
  }
}
