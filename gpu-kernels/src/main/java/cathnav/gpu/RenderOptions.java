package cathnav.gpu;

/**
 * How rays are sampled. The rule, identical on every backend: the ray from the source {@code C} through the
 * pixel centre is clipped to the volume's box (voxel index space {@code [-0.5, n - 0.5]} on each axis, after
 * the pose); samples are taken at {@code t0 + (k + 0.5) * stepMm} for every {@code k} with the sample inside
 * the clipped segment {@code [t0, t1]} (t in mm along the unit ray direction), each sample trilinearly
 * interpolated with voxels outside the grid treated as zero, and the line integral is the sum of samples times
 * {@code stepMm}.
 *
 * @param stepMm sampling step along the ray, mm (positive)
 */
public record RenderOptions(double stepMm) {

  public static final RenderOptions DEFAULT = new RenderOptions(1.0);

  public RenderOptions {
    if (!(stepMm > 0) || Double.isInfinite(stepMm)) {
      throw new IllegalArgumentException("stepMm must be positive, stepMm=" + stepMm);
    }
  }

  /**
   * One sample per voxel along the finest axis: the step is the smallest voxel spacing (mm) of a voxel-to-RAS
   * affine (row-major 4x4). The default 1 mm step samples a 1.5 mm CT about 1.5 times per voxel, which costs 1.5
   * times the samples for little information; registration usually wants this step instead.
   */
  public static RenderOptions voxelStep(double[] voxelToRas) {
    if (voxelToRas == null || voxelToRas.length != 16) {
      throw new IllegalArgumentException("voxelToRas must have 16 values");
    }
    double step = Double.POSITIVE_INFINITY;
    for (int c = 0; c < 3; c++) {
      double a = voxelToRas[c];
      double b = voxelToRas[4 + c];
      double d = voxelToRas[8 + c];
      step = Math.min(step, Math.sqrt(a * a + b * b + d * d));
    }
    return new RenderOptions(step);
  }
}
