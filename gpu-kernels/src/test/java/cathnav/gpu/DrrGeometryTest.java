package cathnav.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.testing.AvailableBackends;
import cathnav.gpu.testing.CArmProjection;
import cathnav.gpu.testing.Matrix4;
import cathnav.gpu.testing.RandomInputs;
import cathnav.gpu.testing.Renders;
import cathnav.gpu.testing.TestSeeds;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DESIGN.md geometry, end to end: a single dense voxel {@code x} (RAS through the volume's affine) must appear
 * where {@code P * T * x} predicts, for random C-arm angles, volume affines and poses. {@code P} is built in the test
 * from the angles ({@link CArmProjection}), not by production code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrrGeometryTest {

  private final AvailableBackends backends = new AvailableBackends();

  @AfterAll
  void closeBackends() {
    backends.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cathnav.gpu.testing.AvailableBackends#names")
  void denseVoxelProjectsWherePtxPredicts(String name) {
    Random random = TestSeeds.random("DrrGeometryTest.denseVoxelProjectsWherePtxPredicts[" + name + "]");
    RandomInputs in = new RandomInputs(random);
    for (int trial = 0; trial < 6; trial++) {
      int n = 21;
      double[] affine = in.voxelToRas(1.0, 1.5);
      int i = in.uniformInt(4, n - 5);
      int j = in.uniformInt(4, n - 5);
      int k = in.uniformInt(4, n - 5);
      float[] mu = new float[n * n * n];
      mu[(k * n + j) * n + i] = 1f;
      VolumeGrid grid = VolumeGrid.ofMu(n, n, n, affine, mu);
      CArmProjection c = in.cArm(grid, 96, 80, 0.9);
      double[] pose = in.pose(RandomInputs.centre(grid), 30, 6);
      double[] p = c.matrix();
      double[] x = Matrix4.transformPoint(Matrix4.multiply(pose, affine), i, j, k);
      double[] expected = CArmProjection.project(p, x);

      float[] drr = Renders.drr(backends.get(name), grid, RandomInputs.projection(c), pose, 0.1);

      double s = 0;
      double su = 0;
      double sv = 0;
      for (int v = 0; v < c.height(); v++) {
        for (int u = 0; u < c.width(); u++) {
          double value = drr[v * c.width() + u];
          s += value;
          su += value * u;
          sv += value * v;
        }
      }
      String context =
          "backend=" + name + ", trial=" + trial + ", seed=" + TestSeeds.seedOf(random) + ", alpha="
              + c.primaryDeg() + ", beta=" + c.secondaryDeg() + ", voxel=(" + i + "," + j + "," + k + "), expected=("
              + expected[0] + "," + expected[1] + ")";
      assertTrue(s > 0, "the voxel is not in the image, " + context);
      double du = su / s - expected[0];
      double dv = sv / s - expected[1];
      assertTrue(
          Math.hypot(du, dv) < 0.5,
          "voxel drawn away from P*T*x, centroid=(" + su / s + "," + sv / s + "), " + context);
    }
  }
}
