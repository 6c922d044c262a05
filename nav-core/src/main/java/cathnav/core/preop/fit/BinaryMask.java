package cathnav.core.preop.fit;

import cathnav.core.model.Volume;

/**
 * A binary voxel mask on a {@link VoxelGrid} (for example a whole-heart segmentation, or meshes voxelised by
 * {@link MeshVoxeliser}). Immutable by contract: the array is owned by the mask and must not be changed.
 */
public final class BinaryMask {

  private final VoxelGrid grid;
  private final boolean[] inside;
  private final int count;

  /** Takes {@code inside} (not copied); its length must be the grid's voxel count. */
  public BinaryMask(VoxelGrid grid, boolean[] inside) {
    if (inside.length != grid.voxelCount()) {
      throw new IllegalArgumentException("mask length does not match the grid, length=" + inside.length
          + ", voxels=" + grid.voxelCount());
    }
    this.grid = grid;
    this.inside = inside;
    int c = 0;
    for (boolean b : inside) {
      c += b ? 1 : 0;
    }
    this.count = c;
  }

  /** The voxels of {@code v} with a value above zero. */
  public static BinaryMask of(Volume v) {
    boolean[] in = new boolean[(int) v.voxelCount()];
    if (v.isInt16()) {
      short[] s = v.int16();
      for (int i = 0; i < in.length; i++) {
        in[i] = s[i] > 0;
      }
    } else {
      float[] f = v.float32();
      for (int i = 0; i < in.length; i++) {
        in[i] = f[i] > 0;
      }
    }
    return new BinaryMask(VoxelGrid.of(v), in);
  }

  public VoxelGrid grid() {
    return grid;
  }

  /** Voxels inside. */
  public int count() {
    return count;
  }

  public boolean inside(int i, int j, int k) {
    return inside[(k * grid.ny() + j) * grid.nx() + i];
  }

  /** The enclosed volume, mm³. */
  public double volumeMm3() {
    return count * grid.voxelVolume();
  }

  /**
   * The RAS centres (packed triples, mm) of the boundary voxels: inside voxels with at least one of their six
   * face neighbours outside (or off the grid). They lie about half a voxel inside the true surface.
   */
  public double[] boundaryPoints() {
    int nx = grid.nx();
    int ny = grid.ny();
    int nz = grid.nz();
    int n = 0;
    double[] out = new double[3 * 1024];
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          int idx = (k * ny + j) * nx + i;
          if (!inside[idx]) {
            continue;
          }
          boolean edge = i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1
              || !inside[idx - 1] || !inside[idx + 1] || !inside[idx - nx] || !inside[idx + nx]
              || !inside[idx - nx * ny] || !inside[idx + nx * ny];
          if (edge) {
            if (3 * n + 3 > out.length) {
              out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            grid.centre(i, j, k, out, 3 * n);
            n++;
          }
        }
      }
    }
    return java.util.Arrays.copyOf(out, 3 * n);
  }

  /** The centroid (RAS mm) and covariance (mm², row-major 3x3) of the inside voxel centres. */
  public Moments moments() {
    if (count == 0) {
      throw new IllegalStateException("empty mask has no moments");
    }
    double[] s1 = new double[3];
    double[] s2 = new double[9];
    double[] p = new double[3];
    int nx = grid.nx();
    int ny = grid.ny();
    for (int k = 0; k < grid.nz(); k++) {
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          if (inside[(k * ny + j) * nx + i]) {
            grid.centre(i, j, k, p, 0);
            for (int r = 0; r < 3; r++) {
              s1[r] += p[r];
              for (int c = 0; c < 3; c++) {
                s2[3 * r + c] += p[r] * p[c];
              }
            }
          }
        }
      }
    }
    double[] mean = {s1[0] / count, s1[1] / count, s1[2] / count};
    double[] cov = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        cov[3 * r + c] = s2[3 * r + c] / count - mean[r] * mean[c];
      }
    }
    return new Moments(mean, cov, volumeMm3());
  }

  /** Dice overlap {@code 2|A ∩ B| / (|A| + |B|)} with a mask on the same grid (sizes must match). */
  public double dice(BinaryMask other) {
    if (other.inside.length != inside.length) {
      throw new IllegalArgumentException("masks on different grids, voxels=" + inside.length + " vs "
          + other.inside.length);
    }
    long both = 0;
    for (int i = 0; i < inside.length; i++) {
      both += inside[i] && other.inside[i] ? 1 : 0;
    }
    int sum = count + other.count;
    return sum == 0 ? 1 : 2.0 * both / sum;
  }

  /**
   * First and second moments of a solid.
   *
   * @param centroid RAS mm
   * @param covariance row-major 3x3, mm²
   * @param volumeMm3 enclosed volume, mm³
   */
  public record Moments(double[] centroid, double[] covariance, double volumeMm3) {

    public Moments {
      centroid = centroid.clone();
      covariance = covariance.clone();
    }

    @Override
    public double[] centroid() {
      return centroid.clone();
    }

    @Override
    public double[] covariance() {
      return covariance.clone();
    }
  }
}
