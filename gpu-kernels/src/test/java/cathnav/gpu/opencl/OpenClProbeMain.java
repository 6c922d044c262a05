package cathnav.gpu.opencl;

import cathnav.gpu.ComputeBackendProvider.Probe;

/** Prints the default OpenCL probe as {@code available=<bool> description=<text>}; run in a child JVM by tests. */
public final class OpenClProbeMain {
  private OpenClProbeMain() {}

  public static void main(String[] args) {
    Probe probe = new OpenClBackendProvider().probe();
    System.out.println("available=" + probe.available() + " description=" + probe.description());
  }
}
