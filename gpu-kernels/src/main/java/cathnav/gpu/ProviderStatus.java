package cathnav.gpu;

import java.util.Objects;

/**
 * One installed backend provider and what its probe found, for listings ({@code cathnav bench drr --list}) and
 * selection messages.
 *
 * @param name the provider's backend name
 * @param priority its priority (higher is preferred by {@code auto})
 * @param probe the probe result: available with the device description, or unavailable with the reason
 */
public record ProviderStatus(String name, int priority, ComputeBackendProvider.Probe probe) {

  public ProviderStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(probe, "probe");
  }

  public boolean available() {
    return probe.available();
  }

  /** {@code name (priority N): available, DEVICE} or {@code name (priority N): unavailable, REASON}. */
  @Override
  public String toString() {
    return name
        + " (priority "
        + priority
        + "): "
        + (probe.available() ? "available, " : "unavailable, ")
        + probe.description();
  }
}
