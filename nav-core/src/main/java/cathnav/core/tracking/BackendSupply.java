package cathnav.core.tracking;

import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import java.util.Objects;
import java.util.function.Supplier;

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
   * A new backend, owned by the calling thread.
   *
   * @throws IllegalStateException when the opener returns nothing or a backend of another name (closed first)
   */
  ComputeBackend open() {
    ComputeBackend backend = opener.get();
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
