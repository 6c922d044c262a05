package cathnav.core.preop.fit;

/**
 * Settings of {@link MeshToMaskFit}.
 *
 * @param startPoints boundary points of each side used while every start is tried (evenly strided subsample)
 * @param startIterations most ICP iterations per start
 * @param refinePoints boundary points of each side used to refine the winning start
 * @param refineIterations most ICP iterations of the refinement
 * @param keepFraction fraction of closest pairs kept in each direction (trimmed ICP: the rest, such as mask parts
 *     the meshes do not model, are ignored; pairs within two voxels are always kept), in (0, 1]
 * @param convergenceMm stop when the mean movement of the model points in one iteration is below this, mm
 * @param momentStarts also start from the principal-axes alignment (4 sign choices); otherwise only from the
 *     frames' own orientation (both RAS)
 */
public record MeshFitOptions(int startPoints, int startIterations, int refinePoints, int refineIterations,
    double keepFraction, double convergenceMm, boolean momentStarts) {

  public static final MeshFitOptions DEFAULT = new MeshFitOptions(1500, 30, 6000, 80, 0.9, 2e-3, true);

  public MeshFitOptions {
    if (startPoints < 10 || refinePoints < 10 || startIterations < 1 || refineIterations < 0
        || !(keepFraction > 0 && keepFraction <= 1) || !(convergenceMm > 0)) {
      throw new IllegalArgumentException("mesh fit options out of range, startPoints=" + startPoints
          + ", startIterations=" + startIterations + ", refinePoints=" + refinePoints + ", refineIterations="
          + refineIterations + ", keepFraction=" + keepFraction + ", convergenceMm=" + convergenceMm);
    }
  }

  /** These options with another kept fraction. */
  public MeshFitOptions withKeepFraction(double fraction) {
    return new MeshFitOptions(startPoints, startIterations, refinePoints, refineIterations, fraction, convergenceMm,
        momentStarts);
  }
}
