package cathnav.core.model;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real data folder, from system property {@code cathnav.shared.data} (set by the root pom). */
public final class SharedData {

  private SharedData() {}

  /** A file under the shared data folder; fails the test when the folder or the file is missing. */
  public static Path file(String relative) {
    String root = System.getProperty("cathnav.shared.data");
    if (root == null) {
      fail("system property cathnav.shared.data is not set (run through Maven, or pass -Dcathnav.shared.data=...)");
    }
    Path p = Path.of(root).resolve(relative);
    if (!Files.isRegularFile(p)) {
      fail("shared data file missing: " + p);
    }
    return p;
  }
}
