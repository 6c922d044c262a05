package cathnav.gpu;

/**
 * The requested compute backend cannot run here and the {@link FallbackPolicy} forbids (or no backend allows) taking
 * another. The message names the request and every provider's probe result. The CLI maps it to exit code 5.
 */
public final class BackendUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String requested;

  public BackendUnavailableException(String requested, String message) {
    super(message);
    this.requested = requested;
  }

  public BackendUnavailableException(String requested, String message, Throwable cause) {
    super(message, cause);
    this.requested = requested;
  }

  /** The backend name that was asked for ({@code auto}, {@code cuda}, {@code opencl} or {@code java}). */
  public String requested() {
    return requested;
  }
}
