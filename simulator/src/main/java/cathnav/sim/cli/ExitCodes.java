package cathnav.sim.cli;

import cathnav.core.geometry.GeometryFormatException;
import cathnav.core.model.ModelFileException;
import cathnav.gpu.BackendUnavailableException;
import cathnav.sim.scenario.ScenarioFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;

/**
 * The command line's exit codes (shared by every subcommand) and the mapping of failures to them.
 */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int RUNTIME_FAILURE = 1;
  public static final int USAGE = 2;
  public static final int BAD_INPUT_FILE = 3;
  public static final int NETWORK = 4;
  public static final int BACKEND_UNAVAILABLE = 5;

  private ExitCodes() {}

  /** The exit code for a failure, after printing one line that says what went wrong to {@code err}. */
  public static int report(Throwable failure, PrintWriter err) {
    int code = of(failure);
    String what = switch (code) {
      case BAD_INPUT_FILE -> "bad input file";
      case NETWORK -> "network or peer failure";
      case BACKEND_UNAVAILABLE -> "compute backend unavailable";
      default -> "failed";
    };
    err.println("cathnav: " + what + ": " + failure.getMessage());
    err.flush();
    return code;
  }

  /** The exit code for a failure. */
  public static int of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BackendUnavailableException) {
        return BACKEND_UNAVAILABLE;
      }
      if (t instanceof ModelFileException || t instanceof GeometryFormatException
          || t instanceof ScenarioFormatException || t instanceof NoSuchFileException
          || t instanceof InputFileException || t instanceof cathnav.igtl.frames.FrameFileFormatException
          || t instanceof cathnav.igtl.rec.RecordingFormatException) {
        return BAD_INPUT_FILE;
      }
      if (t instanceof ConnectException || t instanceof PeerException) {
        return NETWORK;
      }
    }
    return RUNTIME_FAILURE;
  }

  /** An input file that cannot be used (exit code 3); the message names the file and the problem. */
  public static final class InputFileException extends IOException {
    public InputFileException(String message) {
      super(message);
    }
  }

  /** A network peer that cannot be reached or failed (exit code 4); the message names the peer. */
  public static final class PeerException extends IOException {
    public PeerException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
