package cathnav.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.testing.AvailableBackends;
import cathnav.gpu.testing.CArmProjection;
import cathnav.gpu.testing.RandomInputs;
import cathnav.gpu.testing.ReferenceImages;
import cathnav.gpu.testing.Renders;
import cathnav.gpu.testing.TestSeeds;
import cathnav.gpu.testing.Tolerances;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every other backend against the java backend on the same random inputs, at sizes too large for the float64
 * reference: DRRs within the sum of both backends' DRR tolerances, scores within the sum of their score tolerances.
 * Runs once per non-java backend that probes (none when java is alone).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendAgreementTest {

  private final AvailableBackends backends = new AvailableBackends();

  @AfterAll
  void closeBackends() {
    backends.close();
  }

  @ParameterizedTest(name = "{0} vs java", allowZeroInvocations = true)
  @MethodSource("cathnav.gpu.testing.AvailableBackends#namesOtherThanJava")
  void drrAgreesWithJavaBackend(String name) {
    Random random = TestSeeds.random("BackendAgreementTest.drrAgreesWithJavaBackend[" + name + "]");
    RandomInputs in = new RandomInputs(random);
    VolumeGrid grid = in.huVolume(96, 80, 72, in.voxelToRas(0.8, 1.6));
    CArmProjection c = in.cArm(grid, 256, 192, 1.0);
    double[] pose = in.pose(RandomInputs.centre(grid), 20, 10);
    float[] java = Renders.drr(backends.get("java"), grid, RandomInputs.projection(c), pose, 1.0);
    float[] other = Renders.drr(backends.get(name), grid, RandomInputs.projection(c), pose, 1.0);
    double tolerance = Tolerances.forBackend(name).drrRelativeL2() + Tolerances.forBackend("java").drrRelativeL2();
    double error = ReferenceImages.relativeL2(other, java);
    assertTrue(error < tolerance, "relativeL2=" + error + ", tolerance=" + tolerance + ", seed=" + TestSeeds.seedOf(random));
  }

  @ParameterizedTest(name = "{0} vs java", allowZeroInvocations = true)
  @MethodSource("cathnav.gpu.testing.AvailableBackends#namesOtherThanJava")
  void scoresAgreeWithJavaBackend(String name) {
    Random random = TestSeeds.random("BackendAgreementTest.scoresAgreeWithJavaBackend[" + name + "]");
    RandomInputs in = new RandomInputs(random);
    VolumeGrid grid = in.huVolume(64, 64, 64, in.voxelToRas(1.0, 1.5));
    CArmProjection c = in.cArm(grid, 128, 128, 1.0);
    Projection projection = RandomInputs.projection(c);
    double[] centre = RandomInputs.centre(grid);
    float[] target = Renders.drr(backends.get("java"), grid, projection, in.pose(centre, 4, 3), 1.0);
    float[] mask = in.mask(c.width(), c.height());
    double[] poses = in.poses(centre, 16, 8, 6);
    double tolerance = Tolerances.forBackend(name).scoreAbsolute() + Tolerances.forBackend("java").scoreAbsolute();
    for (SimilarityMetric metric : SimilarityMetric.values()) {
      float[] expected = score(backends.get("java"), grid, projection, target, mask, metric, poses);
      float[] actual = score(backends.get(name), grid, projection, target, mask, metric, poses);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], actual[i], tolerance, "metric=" + metric + ", pose=" + i + ", seed=" + TestSeeds.seedOf(random));
      }
    }
  }

  private static float[] score(
      ComputeBackend backend,
      VolumeGrid grid,
      Projection projection,
      float[] target,
      float[] mask,
      SimilarityMetric metric,
      double[] poses) {
    int count = poses.length / 16;
    float[] scores = new float[count];
    try (DeviceVolume volume = backend.uploadVolume(grid, Attenuation.DEFAULT);
        DeviceImage t = backend.uploadImage(projection.width(), projection.height(), target);
        DeviceImage m = backend.uploadImage(projection.width(), projection.height(), mask);
        PreparedTarget prepared = backend.prepareTarget(t, metric, m)) {
      backend.scorePoses(volume, projection, prepared, poses, count, RenderOptions.DEFAULT, scores);
    }
    return scores;
  }
}
