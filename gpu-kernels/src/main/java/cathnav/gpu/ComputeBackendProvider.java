package cathnav.gpu;

/**
 * A backend plugin, found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/cathnav.gpu.ComputeBackendProvider}.
 */
public interface ComputeBackendProvider {

  /** The backend's name: {@code java}, {@code opencl} or {@code cuda}. */
  String name();

  /** Higher is preferred by {@code auto}: cuda 300, opencl 200, java 100. */
  int priority();

  /**
   * Checks whether the backend can run here. Never throws: a missing native library or driver
   * ({@code LinkageError}, {@code UnsatisfiedLinkError}) becomes an unavailable result with its reason.
   */
  Probe probe();

  /** Opens the backend; call only after a successful probe. */
  ComputeBackend open();

  /** Result of a probe: available, with the device description, or not, with the reason. */
  record Probe(boolean available, String description) {
    public static Probe available(String device) {
      return new Probe(true, device);
    }

    public static Probe unavailable(String reason) {
      return new Probe(false, reason);
    }
  }
}
