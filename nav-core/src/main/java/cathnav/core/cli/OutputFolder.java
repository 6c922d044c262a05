package cathnav.core.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Moves a command's finished output files from a scratch folder into the output folder, so that a failed command
 * leaves no partial output behind. Stateless.
 */
final class OutputFolder {

  private OutputFolder() {}

  /** Moves every file of {@code scratch} into {@code out} (created when missing), replacing files of the same name. */
  static void replace(Path scratch, Path out) throws IOException {
    Files.createDirectories(out);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(scratch)) {
      for (Path f : files) {
        Files.move(f, out.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Deletes {@code scratch} and its files, ignoring what cannot be deleted. */
  static void deleteQuietly(Path scratch) {
    if (!Files.isDirectory(scratch)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(scratch)) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(scratch);
    } catch (IOException ignored) {
      // best effort: a leftover scratch folder is harmless and replaced on the next run
    }
  }
}
