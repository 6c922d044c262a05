package cathnav.gpu.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.Attenuation;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.Projection;
import cathnav.gpu.VolumeGrid;
import cathnav.gpu.testing.CArmProjection;
import cathnav.gpu.testing.Matrix4;
import cathnav.gpu.testing.RandomInputs;
import cathnav.gpu.testing.ReferenceDrr;
import cathnav.gpu.testing.ReferenceImages;
import cathnav.gpu.testing.Renders;
import cathnav.gpu.testing.TestSeeds;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The java backend's memory layouts (x, y or z fastest, chosen per view): each one renders the float64 reference's
 * DRR, and each transposed copy holds the same voxels.
 */
class JavaBackendLayoutTest {

  /** Views whose rows run along x, y and z of the volume: the volume is turned, the C-arm stays AP. */
  private static final double[][] TURNS = {{0.05, 0, 0}, {0, Math.PI / 2, 0.05}, {0.05, 0, Math.PI / 2}};

  @Test
  void everyLayoutRendersTheReferenceDrr() {
    Random random = TestSeeds.random("JavaBackendLayoutTest.everyLayoutRendersTheReferenceDrr");
    RandomInputs in = new RandomInputs(random);
    double[] spacing = Matrix4.identity();
    spacing[0] = in.uniform(0.8, 1.5);
    spacing[5] = in.uniform(0.8, 1.5);
    spacing[10] = in.uniform(0.8, 1.5);
    VolumeGrid grid = in.muVolume(in.uniformInt(20, 30), in.uniformInt(20, 30), in.uniformInt(20, 30), spacing);
    double[] centre = RandomInputs.centre(grid);
    CArmProjection c = new CArmProjection(0, 0, 700, 1100, 0.6, 72, 64, centre);
    Projection projection = RandomInputs.projection(c);
    Set<Integer> axes = new TreeSet<>();
    try (ComputeBackend backend = new JavaBackend(2)) {
      for (double[] turn : TURNS) {
        double[] pose = Matrix4.rigidAbout(centre, turn[0], turn[1], turn[2], 1, -2, 0.5);
        RayGeometry geometry = new RayGeometry(projection, pose, Matrix4.inverse(grid.voxelToRas()));
        axes.add(geometry.layoutAxis());
        double[] expected = ReferenceDrr.of(grid, Attenuation.DEFAULT).render(c.matrix(), 72, 64, pose, 0.7);
        float[] actual = Renders.drr(backend, grid, projection, pose, 0.7);
        double error = ReferenceImages.relativeL2(actual, expected);
        assertTrue(
            error < 1e-5,
            "layoutAxis=" + geometry.layoutAxis() + ", relativeL2=" + error + ", seed=" + TestSeeds.seedOf(random));
      }
    }
    assertEquals(Set.of(0, 1, 2), axes, "the views must exercise every layout");
  }

  @Test
  void transposedLayoutHoldsTheSameVoxels() {
    Random random = TestSeeds.random("JavaBackendLayoutTest.transposedLayoutHoldsTheSameVoxels");
    RandomInputs in = new RandomInputs(random);
    int nx = in.uniformInt(3, 9);
    int ny = in.uniformInt(3, 9);
    int nz = in.uniformInt(3, 9);
    VolumeGrid grid = in.muVolume(nx, ny, nz, Matrix4.identity());
    try (JavaBackend backend = new JavaBackend(2);
        WorkerPool pool = new WorkerPool(2, "layout-test")) {
      HostVolume volume = (HostVolume) backend.uploadVolume(grid, Attenuation.DEFAULT);
      for (int fast = 0; fast < 3; fast++) {
        VoxelLayout layout = volume.layout(fast, pool);
        assertEquals(fast, layout.fastAxis());
        int[] n = {nx, ny, nz};
        for (int k = -1; k <= nz; k++) {
          for (int j = -1; j <= ny; j++) {
            for (int i = -1; i <= nx; i++) {
              int[] g = {i, j, k};
              boolean inside = i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
              float expected = inside ? grid.mu()[(k * ny + j) * nx + i] : 0f;
              int a = g[layout.axes[0]];
              int b = g[layout.axes[1]];
              int c = g[layout.axes[2]];
              int index = (c + 1) * layout.stride2 + (b + 1) * layout.stride1 + (a + 1);
              assertEquals(expected, layout.data[index], "voxel=(" + i + "," + j + "," + k + "), fastAxis=" + fast);
            }
          }
        }
        assertEquals(n[layout.axes[0]], layout.n0);
      }
    }
  }
}
