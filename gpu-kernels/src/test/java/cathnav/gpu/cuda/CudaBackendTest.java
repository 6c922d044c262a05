package cathnav.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.Attenuation;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.PreparedTarget;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.SimilarityMetric;
import cathnav.gpu.VolumeGrid;
import cathnav.gpu.testing.CArmProjection;
import cathnav.gpu.testing.Matrix4;
import cathnav.gpu.testing.RandomInputs;
import cathnav.gpu.testing.ReferenceDrr;
import cathnav.gpu.testing.ReferenceImages;
import cathnav.gpu.testing.Renders;
import cathnav.gpu.testing.TestSeeds;
import cathnav.gpu.testing.Tolerances;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cuda backend in each {@link CudaVolumeMode} against the float64 reference, on the lent GPU machine
 * ({@code bash .device/run.sh test}): the exact path within 1e-4 relative L2, the texture paths within the analytic
 * filtering bound computed from each test volume, fused and batched scoring against one-at-a-time host scoring, and a
 * 512^3 int16 volume. The shared backend suite covers the rest (run it with {@code -Dcathnav.test.backends=cuda}).
 */
@Tag("gpu")
class CudaBackendTest {

  private static final Map<CudaVolumeMode, CudaBackend> BACKENDS = new EnumMap<>(CudaVolumeMode.class);

  @BeforeAll
  static void open() {
    for (CudaVolumeMode mode : CudaVolumeMode.values()) {
      BACKENDS.put(mode, new CudaBackendProvider().openBackend(mode));
    }
    System.out.println("cuda device: " + BACKENDS.get(CudaVolumeMode.EXACT).deviceDescription());
  }

  @AfterAll
  static void close() {
    BACKENDS.values().forEach(CudaBackend::close);
  }

  /** The texture filtering bound ({@link Tolerances#textureFilteringBound}) plus uint16 quantisation. */
  private static double textureBound(VolumeGrid grid, CudaVolumeMode mode) {
    double bound = Tolerances.textureFilteringBound(grid);
    if (mode == CudaVolumeMode.TEXTURE_UINT16) {
      float[] mu = cathnav.gpu.device.HostAttenuation.of(grid, Attenuation.DEFAULT);
      double max = 0;
      double sum = 0;
      for (float m : mu) {
        max = Math.max(max, m);
        sum += m;
      }
      bound += max / 131070 / (sum / mu.length);
    }
    return bound;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(CudaVolumeMode.class)
  void drrMatchesFloat64ReferenceWithinTheModesBound(CudaVolumeMode mode) {
    Random random = TestSeeds.random("CudaBackendTest.drrMatchesFloat64ReferenceWithinTheModesBound[" + mode + "]");
    RandomInputs in = new RandomInputs(random);
    for (int trial = 0; trial < 4; trial++) {
      VolumeGrid grid = trial % 2 == 0
          ? in.muVolume(in.uniformInt(12, 40), in.uniformInt(12, 40), in.uniformInt(12, 40), in.voxelToRas(0.6, 2.0))
          : in.huVolume(in.uniformInt(12, 40), in.uniformInt(12, 40), in.uniformInt(12, 40), in.voxelToRas(0.6, 2.0));
      CArmProjection c = in.cArm(grid, in.uniformInt(40, 96), in.uniformInt(40, 96), in.uniform(0.9, 1.4));
      double[] pose = in.pose(RandomInputs.centre(grid), 25, 15);
      double step = in.uniform(0.3, 2.0);
      double[] expected = ReferenceDrr.of(grid, Attenuation.DEFAULT).render(c.matrix(), c.width(), c.height(), pose,
          step);
      float[] actual = Renders.drr(BACKENDS.get(mode), grid, RandomInputs.projection(c), pose, step);
      double error = ReferenceImages.relativeL2(actual, expected);
      double bound = mode == CudaVolumeMode.EXACT ? 1e-4 : textureBound(grid, mode);
      System.out.printf("mode=%s trial=%d relativeL2=%.3g bound=%.3g%n", mode.key(), trial, error, bound);
      assertTrue(error < bound, "mode=" + mode.key() + ", trial=" + trial + ", relativeL2=" + error + ", bound=" + bound
          + ", seed=" + TestSeeds.seedOf(random));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SimilarityMetric.class)
  void batchOfSixtyFourScoresEqualsHostScoresOfEachDrr(SimilarityMetric metric) {
    Random random = TestSeeds.random("CudaBackendTest.batchOfSixtyFourScoresEqualsHostScoresOfEachDrr[" + metric + "]");
    RandomInputs in = new RandomInputs(random);
    CudaBackend cuda = BACKENDS.get(CudaVolumeMode.EXACT);
    VolumeGrid grid = in.muVolume(32, 28, 24, in.voxelToRas(1.0, 2.0));
    CArmProjection c = in.cArm(grid, 64, 48, 1.0);
    Projection projection = RandomInputs.projection(c);
    int count = 64;
    double[] poses = in.poses(RandomInputs.centre(grid), count, 8, 5);
    float[] target = Renders.drr(cuda, grid, projection, in.pose(RandomInputs.centre(grid), 4, 3), 1.0);
    float[] mask = in.mask(64, 48);
    float[] scores = new float[count];
    try (DeviceVolume volume = cuda.uploadVolume(grid, Attenuation.DEFAULT);
        DeviceImage t = cuda.uploadImage(64, 48, target);
        DeviceImage m = cuda.uploadImage(64, 48, mask);
        PreparedTarget prepared = cuda.prepareTarget(t, metric, m);
        DeviceImage drr = cuda.createImage(64, 48)) {
      cuda.scorePoses(volume, projection, prepared, poses, count, RenderOptions.DEFAULT, scores);
      float[] pixels = new float[64 * 48];
      for (int i = 0; i < count; i++) {
        double[] pose = new double[16];
        System.arraycopy(poses, 16 * i, pose, 0, 16);
        cuda.render(volume, projection, pose, RenderOptions.DEFAULT, drr);
        cuda.download(drr, pixels);
        double[] d = ReferenceImages.toDouble(pixels);
        double[] tt = ReferenceImages.toDouble(target);
        double expected = metric == SimilarityMetric.NCC
            ? ReferenceImages.ncc(d, tt, mask)
            : ReferenceImages.gradientCorrelation(d, tt, 64, 48, mask);
        assertEquals(expected, scores[i], 1e-5, "pose=" + i + ", seed=" + TestSeeds.seedOf(random));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SimilarityMetric.class)
  void scoringSixtyFourPosesTakesAsManyLaunchesAsOne(SimilarityMetric metric) {
    RandomInputs in = new RandomInputs(TestSeeds.random("CudaBackendTest.launches[" + metric + "]"));
    CudaBackend cuda = BACKENDS.get(CudaVolumeMode.TEXTURE_FLOAT);
    VolumeGrid grid = in.muVolume(16, 16, 16, in.voxelToRas(1, 2));
    Projection projection = RandomInputs.projection(in.cArm(grid, 32, 24, 1.0));
    double[] poses = in.poses(RandomInputs.centre(grid), 64, 5, 5);
    try (DeviceVolume volume = cuda.uploadVolume(grid, Attenuation.DEFAULT);
        DeviceImage target = cuda.uploadImage(32, 24, in.image(32, 24, 0, 1));
        PreparedTarget prepared = cuda.prepareTarget(target, metric, null)) {
      long before = cuda.launches();
      cuda.scorePoses(volume, projection, prepared, poses, 1, RenderOptions.DEFAULT, new float[1]);
      long one = cuda.launches() - before;
      before = cuda.launches();
      cuda.scorePoses(volume, projection, prepared, poses, 64, RenderOptions.DEFAULT, new float[64]);
      assertEquals(metric == SimilarityMetric.NCC ? 2 : 3, one, "launches for one pose (NCC fused)");
      assertEquals(one, cuda.launches() - before, "launches for sixty-four poses");
    }
  }

  @Test
  void int16Volume512CubedFitsAndRendersInEveryMode() {
    int n = 512;
    short[] hu = new short[n * n * n];
    // a water cylinder with a contrast-filled sphere and a bone slab: smooth, as clinical CT is
    for (int k = 0; k < n; k++) {
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          double x = i - 255.5;
          double y = j - 255.5;
          double z = k - 300;
          short value = (short) (x * x + y * y < 200 * 200 ? 0 : -1000);
          if (x * x + y * y + z * z < 60 * 60) {
            value = 400;
          } else if (Math.abs(y + 150) < 10 && Math.abs(x) < 120) {
            value = 1200;
          }
          hu[(k * n + j) * n + i] = value;
        }
      }
    }
    double s = 0.5;
    double[] voxelToRas = {s, 0, 0, -s * 255.5, 0, s, 0, -s * 255.5, 0, 0, s, -s * 255.5, 0, 0, 0, 1};
    VolumeGrid grid = VolumeGrid.ofHu(n, n, n, voxelToRas, hu);
    CArmProjection c = new CArmProjection(20, 10, 750, 1200, 0.6, 512, 512, new double[] {0, 0, 0});
    Projection projection = RandomInputs.projection(c);
    Map<CudaVolumeMode, float[]> drrs = new EnumMap<>(CudaVolumeMode.class);
    for (CudaVolumeMode mode : CudaVolumeMode.values()) {
      drrs.put(mode, Renders.drr(BACKENDS.get(mode), grid, projection, Matrix4.identity(), 0.5));
    }
    float[] exact = drrs.get(CudaVolumeMode.EXACT);
    double peak = 0;
    for (float v : exact) {
      peak = Math.max(peak, v);
    }
    assertTrue(peak > 3, "the phantom must attenuate, peak line integral=" + peak);
    for (CudaVolumeMode mode : new CudaVolumeMode[] {CudaVolumeMode.TEXTURE_FLOAT, CudaVolumeMode.TEXTURE_UINT16}) {
      double error = ReferenceImages.relativeL2(drrs.get(mode), exact);
      System.out.printf("512^3 int16: mode=%s relativeL2 vs exact=%.3g%n", mode.key(), error);
      assertTrue(error < 1e-3, "mode=" + mode.key() + ", relativeL2 vs exact=" + error);
    }
  }
}
