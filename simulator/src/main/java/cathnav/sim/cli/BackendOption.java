package cathnav.sim.cli;

import cathnav.gpu.BackendSelection;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --backend auto|java|opencl|cuda}: a named backend that is unavailable is an error (exit code 5). */
final class BackendOption {

  @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME",
      description = "Compute backend: auto (best available), java, opencl or cuda (default: ${DEFAULT-VALUE}).")
  String backend;

  BackendSelection open(PrintWriter err) {
    BackendSelection s = ComputeBackends.select(backend, FallbackPolicy.FAIL);
    err.println("cathnav: compute " + s.describe());
    err.flush();
    return s;
  }
}
