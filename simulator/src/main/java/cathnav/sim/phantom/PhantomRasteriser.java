package cathnav.sim.phantom;

import cathnav.core.geometry.Vec3;
import java.util.List;

/**
 * Paints analytic shapes into a voxel grid with partial-volume blending: a voxel that the surface crosses takes the
 * fraction {@code f} of its sub-samples inside the shape, {@code value = old (1 - f) + hu f}. Voxels whose centre is
 * farther than half a diagonal from the surface are fully in or out and are not sub-sampled.
 *
 * <p>Thread-safety: stateless; each call writes only to its array argument.
 */
public final class PhantomRasteriser {

  private final AxisGrid grid;
  private final int subsamples;

  /** @param subsamples sub-samples per axis in boundary voxels (4 gives 64 per voxel) */
  public PhantomRasteriser(AxisGrid grid, int subsamples) {
    if (subsamples < 1) {
      throw new IllegalArgumentException("subsamples must be positive, subsamples=" + subsamples);
    }
    this.grid = grid;
    this.subsamples = subsamples;
  }

  /** Paints the shapes in order (later ones over earlier ones) into {@code values} (x fastest). */
  public void paint(List<? extends PhantomShape> shapes, float[] values) {
    for (PhantomShape s : shapes) {
      paint(s, s.hu(), values, false);
    }
  }

  /**
   * Writes the inside fraction of {@code shape} into {@code values} where it exceeds the current value
   * ({@code values = max(values, f)}): builds occupancy masks of unions of shapes.
   */
  public void maxFraction(PhantomShape shape, float[] values) {
    paint(shape, 1.0, values, true);
  }

  private void paint(PhantomShape shape, double hu, float[] values, boolean max) {
    double[] b = shape.bounds();
    double s = grid.spacing();
    Vec3 o = grid.origin();
    int i0 = Math.max(0, (int) Math.floor((b[0] - o.x()) / s));
    int j0 = Math.max(0, (int) Math.floor((b[1] - o.y()) / s));
    int k0 = Math.max(0, (int) Math.floor((b[2] - o.z()) / s));
    int i1 = Math.min(grid.nx() - 1, (int) Math.ceil((b[3] - o.x()) / s));
    int j1 = Math.min(grid.ny() - 1, (int) Math.ceil((b[4] - o.y()) / s));
    int k1 = Math.min(grid.nz() - 1, (int) Math.ceil((b[5] - o.z()) / s));
    double halfDiagonal = 0.8661 * s;
    int n = subsamples;
    for (int k = k0; k <= k1; k++) {
      for (int j = j0; j <= j1; j++) {
        for (int i = i0; i <= i1; i++) {
          Vec3 c = grid.centre(i, j, k);
          double d = shape.signedDistanceBound(c);
          double f;
          if (d <= -halfDiagonal) {
            f = 1;
          } else if (d >= halfDiagonal) {
            continue;
          } else {
            int inside = 0;
            for (int a = 0; a < n; a++) {
              for (int bb = 0; bb < n; bb++) {
                for (int cc = 0; cc < n; cc++) {
                  Vec3 x = new Vec3(c.x() + s * ((a + 0.5) / n - 0.5), c.y() + s * ((bb + 0.5) / n - 0.5),
                      c.z() + s * ((cc + 0.5) / n - 0.5));
                  if (shape.contains(x)) {
                    inside++;
                  }
                }
              }
            }
            if (inside == 0) {
              continue;
            }
            f = inside / (double) (n * n * n);
          }
          int idx = (k * grid.ny() + j) * grid.nx() + i;
          if (max) {
            values[idx] = (float) Math.max(values[idx], f);
          } else {
            values[idx] = (float) (values[idx] * (1 - f) + hu * f);
          }
        }
      }
    }
  }
}
