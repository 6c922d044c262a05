package cathnav.core.tracking;

import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the background registration's compute backend comes from: the backend's {@code name} ({@code java},
 * {@code opencl}, {@code cuda}; what the tracker reports as its backend) and an {@code opener} that creates a new
 * backend of that name.
 *
 * <p>Thread affinity: {@link #open} is called on the thread that will own the backend (the registration thread),
 * which makes every call on it and closes it. A CUDA context and an OpenCL command queue are then created, used and
 * released by one thread, never shared with the pipeline thread.
 *
 * @param name the backend's name, as {@link ComputeBackend#name()} reports it
 * @param opener opens a new backend; may throw (for example
 *     {@link cathnav.gpu.BackendUnavailableException}) when the device cannot be opened
 */
record BackendSupply(String name, Supplier<ComputeBackend> opener) {

  private static final Logger LOG = LoggerFactory.getLogger(BackendSupply.class);

  /** The pure-Java backend (CPU mode). */
  static final BackendSupply JAVA = named("java");

  BackendSupply {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(opener, "opener");
  }

  /** Opens the installed backend called {@code name}, with no fallback to another ({@link FallbackPolicy#FAIL}). */
  static BackendSupply named(String name) {
    return new BackendSupply(name, () -> ComputeBackends.select(name, FallbackPolicy.FAIL).backend());
  }

  /**
   * A new backend, owned by the calling thread. An opener that fails is tried once more before the failure is
   * thrown: PoCL fails a program build now and then when another process writes its shared kernel cache
   * ({@code ~/.cache/pocl/kcache}) at the same moment, and one such failure would otherwise end GPU mode for the
   * session (the pipeline falls back to java). A device that is really unavailable fails twice and costs one more try.
   *
   * @throws IllegalStateException when the opener returns nothing or a backend of another name (closed first)
   * @throws RuntimeException the second failure of the opener, the first one suppressed in it
   */
  ComputeBackend open() {
    try {
      return checked(opener.get());
    } catch (RuntimeException first) {
      LOG.warn("compute backend failed to open, trying once more, backend={}, error={}", name, first.toString());
      try {
        return checked(opener.get());
      } catch (RuntimeException second) {
        second.addSuppressed(first);
        throw second;
      }
    }
  }

  private ComputeBackend checked(ComputeBackend backend) {
    if (backend == null) {
      throw new IllegalStateException("compute backend opener returned nothing, backend=" + name);
    }
    if (!name.equals(backend.name())) {
      backend.close();
      throw new IllegalStateException(
          "compute backend opener returned another backend, expected=" + name + ", got=" + backend.name());
    }
    return backend;
  }
}
