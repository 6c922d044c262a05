package cathnav.sim.cli;

import cathnav.gpu.BackendSelection;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --backend auto|java|opencl|cuda}: a named backend that is unavailable is an error (exit code 5). */
final class BackendOption {

  @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME", converter = BackendName.class,
      description = "Compute backend: auto (best available), java, opencl or cuda (default: ${DEFAULT-VALUE}).")
  String backend;

  BackendSelection open(PrintWriter err) {
    BackendSelection s = ComputeBackends.select(backend, FallbackPolicy.FAIL);
    err.println("cathnav: compute " + s.describe());
    err.flush();
    return s;
  }

  /** Accepts {@code auto} and the known backend names; anything else is a usage error. */
  static final class BackendName implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      if (!v.equals(ComputeBackends.AUTO) && !ComputeBackends.NAMES.contains(v)) {
        throw new picocli.CommandLine.TypeConversionException(
            "unknown backend '" + value + "', expected auto or one of " + ComputeBackends.NAMES);
      }
      return v;
    }
  }
}
