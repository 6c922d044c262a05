package cathnav.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A model file (volume, mesh, model description) that cannot be read or written: missing, truncated, of the wrong
 * format, or describing something impossible (negative or absurd sizes, an unknown data type).
 *
 * <p>The message always names the file and the problem as {@code key=value} context, for example
 * {@code "cannot read volume file=/data/ct.nii.gz: data truncated, expectedBytes=4959360, actualBytes=1024"}.
 * Readers throw it before any result object exists, so a failure never leaves a half-built volume or mesh behind.
 */
public final class ModelFileException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String problem;

  public ModelFileException(Path file, String problem) {
    this(file, problem, null);
  }

  public ModelFileException(Path file, String problem, Throwable cause) {
    super("cannot use model file=" + file + ": " + Objects.requireNonNull(problem, "problem"), cause);
    this.file = Objects.requireNonNull(file, "file");
    this.problem = problem;
  }

  /** The file that could not be read or written. */
  public Path file() {
    return file;
  }

  /** What is wrong with it, without the file name (for example {@code "not a NIfTI-1 file, sizeof_hdr=12"}). */
  public String problem() {
    return problem;
  }
}
