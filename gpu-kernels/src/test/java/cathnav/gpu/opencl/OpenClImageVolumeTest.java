package cathnav.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.Attenuation;
import cathnav.gpu.VolumeGrid;
import cathnav.gpu.testing.CArmProjection;
import cathnav.gpu.testing.RandomInputs;
import cathnav.gpu.testing.ReferenceDrr;
import cathnav.gpu.testing.ReferenceImages;
import cathnav.gpu.testing.Renders;
import cathnav.gpu.testing.TestSeeds;
import cathnav.gpu.testing.Tolerances;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The opencl backend with volumes in 3D images ({@code cathnav.opencl.volume=image}) on the default device. */
class OpenClImageVolumeTest {

  private static OpenClBackend backend;

  @BeforeAll
  static void open() {
    backend = new OpenClBackendProvider(OpenClDeviceSpec.ANY).openBackend(OpenClVolumeMode.IMAGE);
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  @Test
  void imageVolumeDrrStaysWithinTheTextureFilteringBound() {
    Random random = TestSeeds.random("OpenClImageVolumeTest.imageVolumeDrrStaysWithinTheTextureFilteringBound");
    RandomInputs in = new RandomInputs(random);
    for (int trial = 0; trial < 4; trial++) {
      VolumeGrid grid = trial % 2 == 0
          ? in.muVolume(in.uniformInt(10, 30), in.uniformInt(10, 30), in.uniformInt(10, 30), in.voxelToRas(0.6, 2.0))
          : in.huVolume(in.uniformInt(10, 30), in.uniformInt(10, 30), in.uniformInt(10, 30), in.voxelToRas(0.6, 2.0));
      CArmProjection c = in.cArm(grid, in.uniformInt(32, 64), in.uniformInt(32, 64), in.uniform(0.9, 1.4));
      double[] pose = in.pose(RandomInputs.centre(grid), 25, 15);
      double step = in.uniform(0.3, 2.0);
      double[] expected =
          ReferenceDrr.of(grid, Attenuation.DEFAULT).render(c.matrix(), c.width(), c.height(), pose, step);
      float[] actual = Renders.drr(backend, grid, RandomInputs.projection(c), pose, step);
      double error = ReferenceImages.relativeL2(actual, expected);
      double bound = Tolerances.textureFilteringBound(grid);
      System.out.printf("opencl image trial=%d relativeL2=%.3g bound=%.3g%n", trial, error, bound);
      assertTrue(error < bound, "trial=" + trial + ", relativeL2=" + error + ", bound=" + bound + ", seed="
          + TestSeeds.seedOf(random));
    }
  }

  @Test
  void volumeModeNamesItsPropertyWhenUnknown() {
    assertEquals(OpenClVolumeMode.IMAGE, OpenClVolumeMode.parse(" Image "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenClVolumeMode.parse("tex"));
    assertTrue(e.getMessage().contains("cathnav.opencl.volume=tex"), e.getMessage());
  }
}
