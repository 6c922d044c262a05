package cathnav.gpu.testing;

/**
 * What "equal" means per backend, stated once. Exact-interpolation paths (float32 arithmetic on the
 * {@link cathnav.gpu.RenderOptions} rule: java, OpenCL, CUDA from global memory) must meet the defaults. A backend
 * whose path is inexact by design (hardware texture filtering keeps 8 fractional bits of the interpolation weight)
 * adds its own entry here with the justification.
 *
 * @param drrRelativeL2 DRR relative L2 error against the float64 reference
 * @param scoreAbsolute similarity score difference against the float64 reference
 * @param why where the figure comes from
 */
public record Tolerances(double drrRelativeL2, double scoreAbsolute, String why) {

  /** float32 positions and sums: errors are about 1e-6 relative; 1e-4 leaves a margin and still catches any rule change. */
  public static final Tolerances EXACT =
      new Tolerances(1e-4, 1e-4, "float32 exact-interpolation path: rounding only (~1e-6 relative)");

  public static Tolerances forBackend(String name) {
    return EXACT;
  }
}
