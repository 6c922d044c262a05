package cathnav.gpu.cpu;

import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackendProvider;

/** The {@code java} backend's provider: priority 100, always available (it needs nothing but the JVM). */
public final class JavaBackendProvider implements ComputeBackendProvider {

  public static final String NAME = "java";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public Probe probe() {
    try {
      return Probe.available(
          "Java " + Runtime.version().feature() + " on " + JavaBackend.defaultThreads() + " threads");
    } catch (IllegalArgumentException e) {
      return Probe.unavailable(e.getMessage());
    }
  }

  @Override
  public ComputeBackend open() {
    return new JavaBackend(JavaBackend.defaultThreads());
  }
}
