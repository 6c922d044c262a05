package cathnav.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.testing.AvailableBackends;
import cathnav.gpu.testing.CArmProjection;
import cathnav.gpu.testing.Matrix4;
import cathnav.gpu.testing.RandomInputs;
import cathnav.gpu.testing.ReferenceDrr;
import cathnav.gpu.testing.ReferenceImages;
import cathnav.gpu.testing.Renders;
import cathnav.gpu.testing.TestSeeds;
import cathnav.gpu.testing.Tolerances;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DRRs of every backend against the float64 reference, on fresh random volumes, geometries, poses and steps. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrrAccuracyTest {

  /** Rays through the volume that make a compared image meaningful. */
  private static final int MIN_HITS = 20;

  /** Views drawn at most for one comparison before the generator is taken to be broken. */
  private static final int MAX_DRAWS = 20;

  private static final String BACKENDS = "cathnav.gpu.testing.AvailableBackends#names";

  private final AvailableBackends backends = new AvailableBackends();

  @AfterAll
  void closeBackends() {
    backends.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(BACKENDS)
  void attenuationVolumeMatchesReference(String name) {
    Random random = TestSeeds.random("DrrAccuracyTest.attenuationVolumeMatchesReference[" + name + "]");
    RandomInputs in = new RandomInputs(random);
    for (int trial = 0; trial < 3; trial++) {
      VolumeGrid grid =
          in.muVolume(in.uniformInt(10, 36), in.uniformInt(10, 36), in.uniformInt(10, 36), in.voxelToRas(0.6, 2.0));
      assertDrrMatchesReference(name, in, grid, random, trial);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(BACKENDS)
  void hounsfieldVolumeMatchesReference(String name) {
    Random random = TestSeeds.random("DrrAccuracyTest.hounsfieldVolumeMatchesReference[" + name + "]");
    RandomInputs in = new RandomInputs(random);
    for (int trial = 0; trial < 2; trial++) {
      VolumeGrid grid =
          in.huVolume(in.uniformInt(10, 30), in.uniformInt(10, 30), in.uniformInt(10, 30), in.voxelToRas(0.8, 1.6));
      assertDrrMatchesReference(name, in, grid, random, trial);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(BACKENDS)
  void volumeMovedOutOfViewRendersZero(String name) {
    Random random = TestSeeds.random("DrrAccuracyTest.volumeMovedOutOfViewRendersZero[" + name + "]");
    RandomInputs in = new RandomInputs(random);
    VolumeGrid grid = in.muVolume(16, 16, 16, in.voxelToRas(1, 1.5));
    CArmProjection c = in.cArm(grid, 32, 24, 0.8);
    // 5 m across the beam, along the detector's u axis: out of every ray. (Along a fixed axis it could stay on the
    // beam's line, beyond the detector, where the rays still integrate: they are clipped at the source only.)
    double[] r = c.rotationRows();
    double[] pose = Matrix4.translation(5000 * r[0], 5000 * r[1], 5000 * r[2]);
    float[] drr = Renders.drr(backends.get(name), grid, RandomInputs.projection(c), pose, 1.0);
    for (float value : drr) {
      assertEquals(0f, value, "pixel of a volume moved 5 m across the beam, seed=" + TestSeeds.seedOf(random));
    }
  }

  private void assertDrrMatchesReference(String name, RandomInputs in, VolumeGrid grid, Random random, int trial) {
    // a random pose can move a small volume mostly out of view: such a view is drawn again (the same seed gives the
    // same sequence of draws), so that every compared image has at least MIN_HITS rays through the volume
    CArmProjection c = null;
    double[] pose = null;
    double step = 0;
    double[] expected = null;
    for (int draw = 0; draw < MAX_DRAWS && (expected == null || nonZeroPixels(expected) < MIN_HITS); draw++) {
      c = in.cArm(grid, in.uniformInt(32, 72), in.uniformInt(24, 64), in.uniform(0.9, 1.4));
      pose = in.pose(RandomInputs.centre(grid), 25, 15);
      step = in.uniform(0.3, 2.0);
      expected = ReferenceDrr.of(grid, Attenuation.DEFAULT).render(c.matrix(), c.width(), c.height(), pose, step);
    }
    float[] actual = Renders.drr(backends.get(name), grid, RandomInputs.projection(c), pose, step);
    double error = ReferenceImages.relativeL2(actual, expected);
    double tolerance = Tolerances.forBackend(name).drrRelativeL2();
    String context =
        "backend=" + name + ", trial=" + trial + ", seed=" + TestSeeds.seedOf(random) + ", volume=" + grid.nx() + "x"
            + grid.ny() + "x" + grid.nz() + ", detector=" + c.width() + "x" + c.height() + ", stepMm=" + step
            + ", relativeL2=" + error;
    assertTrue(nonZeroPixels(expected) >= MIN_HITS, "too few rays hit the volume in " + MAX_DRAWS + " draws, hits="
        + nonZeroPixels(expected) + ", " + context);
    assertTrue(error < tolerance, "DRR differs from the float64 reference, tolerance=" + tolerance + ", " + context);
  }

  private static int nonZeroPixels(double[] image) {
    int n = 0;
    for (double v : image) {
      if (v != 0) {
        n++;
      }
    }
    return n;
  }
}
