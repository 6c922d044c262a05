package cathnav.gpu.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cathnav.gpu.Projection;
import cathnav.gpu.testing.CArmProjection;
import cathnav.gpu.testing.Matrix4;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Round trips of the java backend's per-pose ray set-up against the projection built from C-arm angles. */
class RayGeometryPropertiesTest {

  @Property(tries = 200)
  void pointsAlongAPixelsRayProjectBackOntoThatPixel(
      @ForAll @DoubleRange(min = -120, max = 120) double alpha,
      @ForAll @DoubleRange(min = -45, max = 45) double beta,
      @ForAll @DoubleRange(min = -0.6, max = 0.6) double rx,
      @ForAll @DoubleRange(min = -0.6, max = 0.6) double rz,
      @ForAll @DoubleRange(min = 0.5, max = 2.0) double spacing,
      @ForAll @IntRange(min = 0, max = 127) int u,
      @ForAll @IntRange(min = 0, max = 95) int v,
      @ForAll @DoubleRange(min = 100, max = 1200) double t,
      @ForAll @IntRange(min = 0, max = 2) int layoutAxis) {
    double[] centre = {10, -20, 35};
    CArmProjection c = new CArmProjection(alpha, beta, 750, 1200, 0.8, 128, 96, centre);
    double[] voxelToRas = Matrix4.multiply(Matrix4.rotationY(0.3), Matrix4.identity());
    voxelToRas[0] *= spacing;
    voxelToRas[3] = -40;
    voxelToRas[7] = 15;
    double[] pose = Matrix4.rigidAbout(centre, rx, 0.2, rz, 3, -4, 5);
    int[][] orders = {{0, 1, 2}, {1, 0, 2}, {2, 0, 1}};
    int[] axes = orders[layoutAxis];
    RayGeometry g =
        new RayGeometry(new Projection(128, 96, c.matrix()), pose, Matrix4.inverse(voxelToRas)).inLayout(axes, 128, 96);

    // the layout-space point at t mm along the ray, back to grid voxel coordinates, then to RAS through T * A
    double[] w = g.toWorldDirection;
    double wx = w[0] * u + w[1] * v + w[2];
    double wy = w[3] * u + w[4] * v + w[5];
    double wz = w[6] * u + w[7] * v + w[8];
    double norm = Math.sqrt(wx * wx + wy * wy + wz * wz);
    double[] e = g.toVoxelDirection;
    double[] s = {g.sx, g.sy, g.sz};
    double[] grid = new double[3];
    for (int i = 0; i < 3; i++) {
      grid[axes[i]] = s[i] + t * (e[i * 3] * u + e[i * 3 + 1] * v + e[i * 3 + 2]) / norm;
    }
    double[] ras = Matrix4.transformPoint(Matrix4.multiply(pose, voxelToRas), grid[0], grid[1], grid[2]);
    double[] pixel = CArmProjection.project(c.matrix(), ras);
    assertEquals(u, pixel[0], 1e-6);
    assertEquals(v, pixel[1], 1e-6);
    // and t is the distance from the source in mm
    double[] source = c.source();
    double distance =
        Math.sqrt(
            (ras[0] - source[0]) * (ras[0] - source[0])
                + (ras[1] - source[1]) * (ras[1] - source[1])
                + (ras[2] - source[2]) * (ras[2] - source[2]));
    assertEquals(t, distance, 1e-6 * t);
  }
}
