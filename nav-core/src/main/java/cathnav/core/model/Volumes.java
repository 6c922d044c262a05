package cathnav.core.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a volume file of any supported format into a {@link Volume}, choosing the reader by file name and, when
 * the name says nothing, by the file's first bytes: NIfTI-1 ({@code .nii}, {@code .nii.gz}, {@code .hdr}), NRRD
 * ({@code .nrrd}, {@code .nhdr}), MetaImage ({@code .mha}, {@code .mhd}). Stateless and thread-safe; reading
 * blocks, so call it off the event loop.
 */
public final class Volumes {

  private Volumes() {}

  /** Reads {@code file}; any failure is a {@link ModelFileException} naming the file and the problem. */
  public static Volume read(Path file) throws ModelFileException {
    checkReadable(file);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".nii") || name.endsWith(".nii.gz") || name.endsWith(".hdr")) {
      return NiftiReader.read(file);
    }
    if (name.endsWith(".nrrd") || name.endsWith(".nhdr")) {
      return NrrdReader.read(file);
    }
    if (name.endsWith(".mha") || name.endsWith(".mhd")) {
      return MetaImageReader.read(file);
    }
    String head = HeaderLines.peek(file, 16);
    if (head.startsWith("NRRD")) {
      return NrrdReader.read(file);
    }
    if (head.startsWith("\u001f\u008b") || isNiftiHeaderStart(head)) {
      return NiftiReader.read(file);
    }
    if (head.startsWith("ObjectType") || head.startsWith("NDims")) {
      return MetaImageReader.read(file);
    }
    throw new ModelFileException(file, "unknown volume format (expected .nii, .nii.gz, .nrrd, .nhdr, .mha, .mhd)");
  }

  /** Fails unless {@code file} is an existing readable regular file. */
  static void checkReadable(Path file) throws ModelFileException {
    if (!Files.exists(file)) {
      throw new ModelFileException(file, "file not found");
    }
    if (!Files.isRegularFile(file)) {
      throw new ModelFileException(file, "not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new ModelFileException(file, "file not readable");
    }
  }

  /** Whether the file starts with the gzip magic bytes. */
  static boolean isGzip(Path file) throws ModelFileException {
    return HeaderLines.peek(file, 2).equals("\u001f\u008b");
  }

  private static boolean isNiftiHeaderStart(String head) {
    if (head.length() < 4) {
      return false;
    }
    int le = (head.charAt(0) & 0xff) | (head.charAt(1) & 0xff) << 8 | (head.charAt(2) & 0xff) << 16 | (head.charAt(3) & 0xff) << 24;
    int be = (head.charAt(3) & 0xff) | (head.charAt(2) & 0xff) << 8 | (head.charAt(1) & 0xff) << 16 | (head.charAt(0) & 0xff) << 24;
    return le == NiftiReader.HEADER_BYTES || be == NiftiReader.HEADER_BYTES;
  }
}
