package cathnav.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared data folder is: system property {@code cathnav.shared.data}, else {@code ../shared/data} beside
 * the checkout found by walking up from the working directory to the folder holding the {@code cathnav} launcher.
 */
final class SharedData {

  private SharedData() {}

  static Path folder() {
    String prop = System.getProperty("cathnav.shared.data");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("cathnav"))) {
        return d.resolveSibling("shared").resolve("data");
      }
    }
    return dir.resolveSibling("shared").resolve("data");
  }
}
