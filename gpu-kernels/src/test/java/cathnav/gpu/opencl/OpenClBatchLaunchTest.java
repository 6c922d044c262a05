package cathnav.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cathnav.gpu.Attenuation;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.PreparedTarget;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.SimilarityMetric;
import cathnav.gpu.VolumeGrid;
import cathnav.gpu.testing.CArmProjection;
import cathnav.gpu.testing.RandomInputs;
import cathnav.gpu.testing.TestSeeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Batched scoring on OpenCL costs the same kernel launches for 1 pose as for 40 (three per batch). */
class OpenClBatchLaunchTest {

  private static OpenClBackend backend;

  @BeforeAll
  static void open() {
    backend = new OpenClBackendProvider(OpenClDeviceSpec.ANY).openBackend();
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  @ParameterizedTest
  @EnumSource(SimilarityMetric.class)
  void scoringFortyPosesTakesAsManyLaunchesAsOne(SimilarityMetric metric) {
    RandomInputs in = new RandomInputs(TestSeeds.random("OpenClBatchLaunchTest[" + metric + "]"));
    VolumeGrid grid = in.muVolume(16, 16, 16, in.voxelToRas(1, 2));
    CArmProjection c = in.cArm(grid, 32, 24, 1.0);
    Projection projection = RandomInputs.projection(c);
    double[] poses = in.poses(RandomInputs.centre(grid), 40, 5, 5);
    try (DeviceVolume volume = backend.uploadVolume(grid, Attenuation.DEFAULT);
        DeviceImage target = backend.uploadImage(32, 24, in.image(32, 24, 0, 1));
        PreparedTarget prepared = backend.prepareTarget(target, metric, null)) {
      long before = backend.launches();
      backend.scorePoses(volume, projection, prepared, poses, 1, RenderOptions.DEFAULT, new float[1]);
      long one = backend.launches() - before;
      before = backend.launches();
      backend.scorePoses(volume, projection, prepared, poses, 40, RenderOptions.DEFAULT, new float[40]);
      long forty = backend.launches() - before;
      assertEquals(3, one, "launches for one pose");
      assertEquals(one, forty, "launches for forty poses");
    }
  }
}
