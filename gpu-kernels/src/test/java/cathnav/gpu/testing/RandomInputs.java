package cathnav.gpu.testing;

import cathnav.gpu.Projection;
import cathnav.gpu.VolumeGrid;
import java.util.Random;

/** Random volumes, affines, C-arm projections, poses and images for the backend tests (never zeros). */
public final class RandomInputs {

  private final Random random;

  public RandomInputs(Random random) {
    this.random = random;
  }

  public Random random() {
    return random;
  }

  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  public int uniformInt(int lo, int hiInclusive) {
    return lo + random.nextInt(hiInclusive - lo + 1);
  }

  /** A voxel-to-RAS affine with a random rotation, per-axis spacing in {@code [minSpacing, maxSpacing]} mm and origin. */
  public double[] voxelToRas(double minSpacing, double maxSpacing) {
    double[] rot =
        Matrix4.multiply(
            Matrix4.rotationZ(uniform(-Math.PI, Math.PI)),
            Matrix4.multiply(Matrix4.rotationY(uniform(-Math.PI, Math.PI)), Matrix4.rotationX(uniform(-Math.PI, Math.PI))));
    double[] scale = Matrix4.identity();
    scale[0] = uniform(minSpacing, maxSpacing);
    scale[5] = uniform(minSpacing, maxSpacing);
    scale[10] = uniform(minSpacing, maxSpacing);
    double[] m = Matrix4.multiply(rot, scale);
    m[3] = uniform(-80, 80);
    m[7] = uniform(-80, 80);
    m[11] = uniform(-80, 80);
    return m;
  }

  /**
   * Random attenuation in {@code [0.002, 0.04]} /mm per voxel inside a random inner box, zero in a random margin
   * (0 to 4 voxels per side: exercises the skipping of empty space).
   */
  public VolumeGrid muVolume(int nx, int ny, int nz, double[] voxelToRas) {
    float[] mu = new float[nx * ny * nz];
    int[] lo = {random.nextInt(5), random.nextInt(5), random.nextInt(5)};
    int[] hi = {nx - 1 - random.nextInt(5), ny - 1 - random.nextInt(5), nz - 1 - random.nextInt(5)};
    for (int k = 0; k < nz; k++) {
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          boolean inside = i >= lo[0] && i <= hi[0] && j >= lo[1] && j <= hi[1] && k >= lo[2] && k <= hi[2];
          mu[(k * ny + j) * nx + i] = inside ? (float) uniform(0.002, 0.04) : 0f;
        }
      }
    }
    return VolumeGrid.ofMu(nx, ny, nz, voxelToRas, mu);
  }

  /** Random int16 HU in {@code [-1200, 2500]}: air, tissue, contrast and bone, including clamped values. */
  public VolumeGrid huVolume(int nx, int ny, int nz, double[] voxelToRas) {
    short[] hu = new short[nx * ny * nz];
    for (int i = 0; i < hu.length; i++) {
      hu[i] = (short) uniformInt(-1200, 2500);
    }
    return VolumeGrid.ofHu(nx, ny, nz, voxelToRas, hu);
  }

  /** RAS centre of a grid. */
  public static double[] centre(VolumeGrid grid) {
    return Matrix4.transformPoint(grid.voxelToRas(), (grid.nx() - 1) / 2.0, (grid.ny() - 1) / 2.0, (grid.nz() - 1) / 2.0);
  }

  /** Largest distance between two corners of a grid's box, mm. */
  public static double extent(VolumeGrid grid) {
    double[] a = Matrix4.transformPoint(grid.voxelToRas(), -0.5, -0.5, -0.5);
    double[] b = Matrix4.transformPoint(grid.voxelToRas(), grid.nx() - 0.5, grid.ny() - 0.5, grid.nz() - 0.5);
    return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
  }

  /**
   * A random C-arm view of {@code grid} (alpha in [-100, 100] degrees, beta in [-45, 45], SOD 600-800 mm, SID
   * 1000-1300 mm), isocentre at the volume centre, pixel spacing such that the volume spans about
   * {@code fill} of the detector.
   */
  public CArmProjection cArm(VolumeGrid grid, int width, int height, double fill) {
    double sod = uniform(600, 800);
    double sid = uniform(1000, 1300);
    double spacing = extent(grid) * sid / sod / (fill * Math.min(width, height));
    return new CArmProjection(uniform(-100, 100), uniform(-45, 45), sod, sid, spacing, width, height, centre(grid));
  }

  public static Projection projection(CArmProjection c) {
    return new Projection(c.width(), c.height(), c.matrix());
  }

  /** A rigid pose about {@code centre}: rotations up to {@code maxDeg} per axis, translations up to {@code maxMm}. */
  public double[] pose(double[] centre, double maxDeg, double maxMm) {
    double r = Math.toRadians(maxDeg);
    return Matrix4.rigidAbout(
        centre, uniform(-r, r), uniform(-r, r), uniform(-r, r), uniform(-maxMm, maxMm), uniform(-maxMm, maxMm),
        uniform(-maxMm, maxMm));
  }

  /** {@code count} poses, consecutive 16 values each. */
  public double[] poses(double[] centre, int count, double maxDeg, double maxMm) {
    double[] all = new double[16 * count];
    for (int i = 0; i < count; i++) {
      System.arraycopy(pose(centre, maxDeg, maxMm), 0, all, 16 * i, 16);
    }
    return all;
  }

  /** Uniform pixels in {@code [lo, hi]}. */
  public float[] image(int width, int height, double lo, double hi) {
    float[] p = new float[width * height];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) uniform(lo, hi);
    }
    return p;
  }

  /** A random rectangular mask covering 30 to 80 percent of each axis, 1 inside and 0 outside. */
  public float[] mask(int width, int height) {
    int w = (int) (width * uniform(0.3, 0.8));
    int h = (int) (height * uniform(0.3, 0.8));
    int u0 = random.nextInt(width - w + 1);
    int v0 = random.nextInt(height - h + 1);
    float[] m = new float[width * height];
    for (int v = v0; v < v0 + h; v++) {
      for (int u = u0; u < u0 + w; u++) {
        m[v * width + u] = 1f;
      }
    }
    return m;
  }
}
