package cathnav.gpu.testing;

import cathnav.gpu.Attenuation;
import cathnav.gpu.VolumeGrid;

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

  /**
   * cuda with a texture volume ({@code cathnav.cuda.volume=texture|texture16}, the default) and opencl with an image
   * volume ({@code cathnav.opencl.volume=image}; on GPUs the same texture unit): hardware trilinear
   * weights have 8 fractional bits, so a sample is off by at most {@code 2^-8 (|dx| + |dy| + |dz|)} (neighbour
   * differences along each axis); for this suite's white-noise volumes (uniform in [0.002, 0.04] /mm) that bounds the
   * DRR relative L2 error by {@code 2^-8 * 1.81 = 7.1e-3} (see {@code cathnav.gpu.cuda.CudaVolumeMode}). A score moves
   * by at most about twice the relative error of the centred DRR, which is a few times the DRR's own relative error
   * for the suite's small scenes: 3e-2.
   */
  public static final Tolerances TEXTURE_FILTERING =
      new Tolerances(1e-2, 3e-2, "hardware texture filtering: 8 fractional bits in the trilinear weights");

  /**
   * The DRR relative L2 bound of hardware trilinear filtering (8 fractional weight bits) for {@code grid}:
   * {@code 2^-8 E[|dx| + |dy| + |dz|] / E[mu]}, with {@code dx, dy, dz} the differences between neighbouring voxels
   * (voxels outside reading zero) and {@code mu} in 1/mm (HU converted with {@link Attenuation#DEFAULT}).
   */
  public static double textureFilteringBound(VolumeGrid grid) {
    int nx = grid.nx();
    int ny = grid.ny();
    int nz = grid.nz();
    double diff = 0;
    double sum = 0;
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          double m = voxel(grid, i, j, k);
          diff += Math.abs(voxel(grid, i + 1, j, k) - m) + Math.abs(voxel(grid, i, j + 1, k) - m)
              + Math.abs(voxel(grid, i, j, k + 1) - m);
          sum += m;
        }
      }
    }
    return Math.scalb(diff / sum, -8);
  }

  private static double voxel(VolumeGrid grid, int i, int j, int k) {
    if (i >= grid.nx() || j >= grid.ny() || k >= grid.nz()) {
      return 0;
    }
    int index = (k * grid.ny() + j) * grid.nx() + i;
    return grid.hu() != null ? Attenuation.DEFAULT.mu(grid.hu()[index]) : grid.mu()[index];
  }

  public static Tolerances forBackend(String name) {
    if (name.equals("cuda") && !System.getProperty("cathnav.cuda.volume", "texture").trim().equals("exact")) {
      return TEXTURE_FILTERING;
    }
    if (name.equals("opencl") && System.getProperty("cathnav.opencl.volume", "buffer").trim().equals("image")) {
      return TEXTURE_FILTERING;
    }
    return EXACT;
  }
}
