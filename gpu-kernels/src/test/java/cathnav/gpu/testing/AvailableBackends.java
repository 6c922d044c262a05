package cathnav.gpu.testing;

import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackendProvider;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.ProviderStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The backends the parameterised suite runs on: every installed provider that probes (so backends join the suite
 * by registering with {@code ServiceLoader}), optionally narrowed with {@code -Dcathnav.test.backends=java,opencl}.
 * Use {@link #names()} as a {@code @MethodSource}; open an instance per test class ({@code @BeforeAll}) and close it
 * in {@code @AfterAll}.
 *
 * <p>Not thread-safe (tests run sequentially within a class).
 */
public final class AvailableBackends implements AutoCloseable {

  public static final String PROPERTY = "cathnav.test.backends";

  private static List<ComputeBackendProvider> available;

  private final Map<String, ComputeBackend> opened = new LinkedHashMap<>();

  /** Names of the backends that probe here (and pass the filter), best first. */
  public static synchronized Stream<String> names() {
    return providers().stream().map(ComputeBackendProvider::name);
  }

  /** As {@link #names()}, without {@code java}: the backends compared with the java backend. */
  public static Stream<String> namesOtherThanJava() {
    return names().filter(n -> !n.equals("java"));
  }

  private static synchronized List<ComputeBackendProvider> providers() {
    if (available == null) {
      String filter = System.getProperty(PROPERTY, "").trim();
      Set<String> wanted =
          filter.isEmpty() ? Set.of() : Arrays.stream(filter.split(",")).map(String::trim).collect(Collectors.toSet());
      List<ComputeBackendProvider> installed = ComputeBackends.installed();
      List<ProviderStatus> statuses = ComputeBackends.probeAll(installed);
      statuses.forEach(s -> System.out.println("backend under test? " + s));
      available =
          installed.stream()
              .filter(p -> wanted.isEmpty() || wanted.contains(p.name()))
              .filter(p -> statuses.stream().anyMatch(s -> s.name().equals(p.name()) && s.available()))
              .collect(Collectors.toUnmodifiableList());
    }
    return available;
  }

  /** The opened backend called {@code name} (opened on first use, kept until {@link #close()}). */
  public ComputeBackend get(String name) {
    return opened.computeIfAbsent(
        name,
        n ->
            providers().stream()
                .filter(p -> p.name().equals(n))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("backend not available here, name=" + n))
                .open());
  }

  @Override
  public void close() {
    opened.values().forEach(ComputeBackend::close);
    opened.clear();
  }
}
