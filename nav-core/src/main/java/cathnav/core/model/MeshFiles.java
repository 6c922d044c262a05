package cathnav.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whole-file reads for mesh readers, refused before allocation when the file cannot fit an array. */
final class MeshFiles {

  /** Mesh files larger than this are refused (a Java array's limit). */
  static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  private MeshFiles() {}

  static byte[] readAll(Path file) throws ModelFileException {
    Volumes.checkReadable(file);
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new ModelFileException(file, "mesh file too large, fileBytes=" + size + ", maxBytes=" + MAX_BYTES);
      }
      return Files.readAllBytes(file);
    } catch (ModelFileException e) {
      throw e;
    } catch (IOException e) {
      throw new ModelFileException(file, "read failed, " + e, e);
    }
  }
}
