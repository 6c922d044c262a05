package cathnav.gpu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the installed {@link ComputeBackendProvider}s with {@link ServiceLoader} and opens the one a caller asks
 * for: {@code auto}, {@code cuda}, {@code opencl} or {@code java}.
 *
 * <ul>
 *   <li>{@code auto} takes the highest-priority provider that probes and opens (cuda 300, opencl 200, java 100);
 *       that is its definition, so it never counts as a fallback.
 *   <li>A named backend that does not probe (or fails to open) is handled by the {@link FallbackPolicy}:
 *       {@code FAIL} throws {@link BackendUnavailableException}; {@code ACCEPT} (logged at INFO) and {@code WARN}
 *       (logged at WARN) take the best other backend and say why in {@link BackendSelection#fallbackReason()}.
 * </ul>
 *
 * <p>Every selection is logged on one line ({@code compute backend selected, backend=..., requested=...}).
 * Thread-safe: stateless; each call loads and probes the providers afresh.
 */
public final class ComputeBackends {

  /** The request that takes the best available backend. */
  public static final String AUTO = "auto";

  /** The backend names a request may use besides {@link #AUTO}, best first. */
  public static final List<String> NAMES = List.of("cuda", "opencl", "java");

  private static final Logger LOG = LoggerFactory.getLogger(ComputeBackends.class);

  private ComputeBackends() {}

  /** The providers found on the class path, highest priority first. Providers that fail to load are logged and skipped. */
  public static List<ComputeBackendProvider> installed() {
    List<ComputeBackendProvider> found = new ArrayList<>();
    Iterator<ComputeBackendProvider> it =
        ServiceLoader.load(ComputeBackendProvider.class, ComputeBackends.class.getClassLoader()).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        LOG.warn("compute backend provider failed to load, error={}", e.toString());
      }
    }
    found.sort(Comparator.comparingInt(ComputeBackendProvider::priority).reversed());
    return List.copyOf(found);
  }

  /** Every installed provider with its probe result, highest priority first. */
  public static List<ProviderStatus> probeAll() {
    return probeAll(installed());
  }

  /** {@code providers} with their probe results, highest priority first. */
  public static List<ProviderStatus> probeAll(List<ComputeBackendProvider> providers) {
    return byPriority(providers).stream()
        .map(p -> new ProviderStatus(p.name(), p.priority(), safeProbe(p)))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Opens the backend named by {@code request} among the installed providers.
   *
   * @param request {@code auto}, {@code cuda}, {@code opencl} or {@code java} (case-insensitive)
   * @param policy what to do when a named backend is unavailable
   * @throws BackendUnavailableException when nothing acceptable can be opened
   * @throws IllegalArgumentException when {@code request} names no known backend
   */
  public static BackendSelection select(String request, FallbackPolicy policy) {
    return select(request, policy, installed());
  }

  /** As {@link #select(String, FallbackPolicy)}, among the given providers (tests, embedding). */
  public static BackendSelection select(
      String request, FallbackPolicy policy, List<ComputeBackendProvider> providers) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(policy, "policy");
    String wanted = request.trim().toLowerCase(Locale.ROOT);
    List<ComputeBackendProvider> ordered = byPriority(providers);
    if (wanted.equals(AUTO)) {
      return selectBest(wanted, ordered, null, Optional.empty(), policy);
    }
    boolean known = NAMES.contains(wanted) || ordered.stream().anyMatch(p -> p.name().equals(wanted));
    if (!known) {
      throw new IllegalArgumentException(
          "unknown compute backend, requested=" + request + ", expected one of auto, " + String.join(", ", NAMES));
    }
    Optional<ComputeBackendProvider> named = ordered.stream().filter(p -> p.name().equals(wanted)).findFirst();
    String reason;
    if (named.isEmpty()) {
      reason = "no provider installed for " + wanted + " (this build does not include it)";
    } else {
      ComputeBackendProvider.Probe probe = safeProbe(named.get());
      if (probe.available()) {
        Attempt attempt = tryOpen(named.get());
        if (attempt.backend != null) {
          return selected(new BackendSelection(attempt.backend, wanted, Optional.empty()));
        }
        reason = attempt.failure;
      } else {
        reason = probe.description();
      }
    }
    if (policy == FallbackPolicy.FAIL) {
      throw new BackendUnavailableException(
          wanted,
          "requested compute backend unavailable, requested="
              + wanted
              + ", reason="
              + reason
              + ", policy=FAIL; choose another with --backend or allow fallback");
    }
    return selectBest(wanted, ordered, wanted, Optional.of(wanted + " unavailable: " + reason), policy);
  }

  private static BackendSelection selectBest(
      String requested,
      List<ComputeBackendProvider> ordered,
      String skip,
      Optional<String> fallbackReason,
      FallbackPolicy policy) {
    List<String> reasons = new ArrayList<>();
    for (ComputeBackendProvider provider : ordered) {
      if (provider.name().equals(skip)) {
        continue;
      }
      ComputeBackendProvider.Probe probe = safeProbe(provider);
      if (!probe.available()) {
        reasons.add(provider.name() + ": " + probe.description());
        continue;
      }
      Attempt attempt = tryOpen(provider);
      if (attempt.backend == null) {
        reasons.add(provider.name() + ": " + attempt.failure);
        continue;
      }
      if (!reasons.isEmpty()) {
        LOG.info("compute backends skipped, requested={}, skipped=[{}]", requested, String.join("; ", reasons));
      }
      BackendSelection selection = new BackendSelection(attempt.backend, requested, fallbackReason);
      if (fallbackReason.isPresent()) {
        if (policy == FallbackPolicy.WARN) {
          LOG.warn("compute backend fallback, {}, policy={}", selection.describe(), policy);
        } else {
          LOG.info("compute backend fallback, {}, policy={}", selection.describe(), policy);
        }
      }
      return selected(selection);
    }
    throw new BackendUnavailableException(
        requested,
        "no compute backend available, requested="
            + requested
            + fallbackReason.map(r -> ", reason=" + r).orElse("")
            + ", probes=["
            + String.join("; ", reasons)
            + "]");
  }

  private static BackendSelection selected(BackendSelection selection) {
    LOG.info("compute backend selected, {}", selection.describe());
    return selection;
  }

  private static List<ComputeBackendProvider> byPriority(List<ComputeBackendProvider> providers) {
    List<ComputeBackendProvider> ordered = new ArrayList<>(providers);
    ordered.sort(Comparator.comparingInt(ComputeBackendProvider::priority).reversed());
    return ordered;
  }

  /** A probe that cannot throw, whatever the provider does (native libraries fail with LinkageError). */
  static ComputeBackendProvider.Probe safeProbe(ComputeBackendProvider provider) {
    try {
      ComputeBackendProvider.Probe probe = provider.probe();
      return probe != null ? probe : ComputeBackendProvider.Probe.unavailable("probe returned nothing");
    } catch (RuntimeException | LinkageError e) {
      return ComputeBackendProvider.Probe.unavailable("probe failed: " + e);
    }
  }

  private static Attempt tryOpen(ComputeBackendProvider provider) {
    try {
      ComputeBackend backend = provider.open();
      if (backend == null) {
        return new Attempt(null, "open returned nothing");
      }
      return new Attempt(backend, null);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("compute backend failed to open, backend={}, error={}", provider.name(), e.toString());
      return new Attempt(null, "open failed: " + e);
    }
  }

  private record Attempt(ComputeBackend backend, String failure) {}
}
