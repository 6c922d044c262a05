package cathnav.gpu;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link ComputeBackends#select}: the opened backend, the name that was asked for, and why another
 * backend was taken instead, if one was.
 *
 * <p>Callers report {@link #fallbackReason()} where the user sees it (the service sends a STATUS, the CLI prints
 * it): a fallback is never silent. The backend is owned by the caller, who closes it.
 *
 * @param backend the opened backend (owned by the caller)
 * @param requested the request as given: {@code auto}, {@code cuda}, {@code opencl} or {@code java}
 * @param fallbackReason why the requested backend was not taken (empty when it was, and always for {@code auto},
 *     which by definition takes the best backend that probes)
 */
public record BackendSelection(ComputeBackend backend, String requested, Optional<String> fallbackReason) {

  public BackendSelection {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(fallbackReason, "fallbackReason");
  }

  /** Whether a backend other than the requested one was taken. */
  public boolean fellBack() {
    return fallbackReason.isPresent();
  }

  /** One line for logs and STATUS messages, key=value. */
  public String describe() {
    return "backend="
        + backend.name()
        + ", device="
        + backend.deviceDescription()
        + ", requested="
        + requested
        + fallbackReason.map(r -> ", fallback=" + r).orElse("");
  }
}
