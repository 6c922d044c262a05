package cathnav.sim.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.gpu.Attenuation;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.FallbackPolicy;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.VolumeGrid;
import cathnav.sim.phantom.PhantomVolumes;
import cathnav.sim.phantom.ThoraxPhantom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnatomyRendererTest {

  private static final int SIZE = 160;
  private static ComputeBackend backend;
  private static PhantomVolumes volumes;
  private static AnatomyScene scene;

  @BeforeAll
  static void setUp() {
    backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
    ThoraxPhantom phantom = ThoraxPhantom.standard();
    volumes = PhantomVolumes.rasterise(phantom, 3.0);
    scene = volumes.scene(phantom, "phantom-3mm");
  }

  @AfterAll
  static void tearDown() {
    backend.close();
  }

  private static Projection randomView(SplittableRandom random) {
    return CArmGeometry.of(random.nextDouble(-60, 60), random.nextDouble(-30, 30), 1100, 750, SIZE, SIZE, 2, 2)
        .toProjection();
  }

  private static long seed() {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println("seed=" + seed + " (reproduce: -Dcathnav.test.seed=" + seed + ")");
    return seed;
  }

  @Test
  void staticPlusRestingHeartAddsUpToTheWholeVolume() {
    Projection view = randomView(new SplittableRandom(seed()));
    float[] split = new float[SIZE * SIZE];
    try (AnatomyRenderer r = new AnatomyRenderer(backend, scene, new RenderOptions(1.0), true, 0.5)) {
      assertEquals(HeartRendering.REST,
          r.render(view, RigidTransform.IDENTITY, RigidTransform.IDENTITY, split).heart());
    }
    AxisGridMu whole = AxisGridMu.of(volumes);
    float[] reference = new float[SIZE * SIZE];
    try (DeviceVolume v = backend.uploadVolume(whole.grid(), Attenuation.DEFAULT);
        DeviceImage img = backend.createImage(SIZE, SIZE)) {
      backend.render(v, view, RigidTransform.IDENTITY.matrix(), new RenderOptions(1.0), img);
      backend.download(img, reference);
    }
    double err = 0;
    double norm = 0;
    for (int i = 0; i < reference.length; i++) {
      err += (split[i] - reference[i]) * (split[i] - reference[i]);
      norm += reference[i] * reference[i];
    }
    double relative = Math.sqrt(err / norm);
    System.out.println("relativeRms=" + relative);
    // the two parts are sampled from their own boxes, so samples fall at other points along each ray
    assertTrue(relative < 0.01, "relative RMS difference " + relative);
  }

  @Test
  void translatedHeartWarpMatchesExactRayCast() {
    SplittableRandom random = new SplittableRandom(seed());
    Projection view = randomView(random);
    RigidTransform moved = new PoseParameters(random.nextDouble(-5, 5), random.nextDouble(-5, 5),
        random.nextDouble(-12, 0), 0, 0, 0).toTransform(Vec3.ZERO);
    float[] warped = new float[SIZE * SIZE];
    float[] exact = new float[SIZE * SIZE];
    float[] rest = new float[SIZE * SIZE];
    try (AnatomyRenderer w = new AnatomyRenderer(backend, scene, new RenderOptions(1.0), true, 10);
        AnatomyRenderer e = new AnatomyRenderer(backend, scene, new RenderOptions(1.0), false, 0)) {
      w.render(view, RigidTransform.IDENTITY, RigidTransform.IDENTITY, warped); // caches the rest DRR
      AnatomyRenderer.Result rw = w.render(view, RigidTransform.IDENTITY, moved, warped);
      AnatomyRenderer.Result re = e.render(view, RigidTransform.IDENTITY, moved, exact);
      e.render(view, RigidTransform.IDENTITY, RigidTransform.IDENTITY, rest);
      assertEquals(HeartRendering.WARPED, rw.heart());
      assertEquals(HeartRendering.EXACT, re.heart());
      System.out.println("warpResidualPx=" + rw.warpResidualPx());
    }
    // compare what motion changed: the warped frame must explain the exact frame's change from rest
    double err = 0;
    double change = 0;
    for (int i = 0; i < exact.length; i++) {
      err += (warped[i] - exact[i]) * (warped[i] - exact[i]);
      change += (exact[i] - rest[i]) * (exact[i] - rest[i]);
    }
    double relative = Math.sqrt(err / change);
    System.out.println("warpErrorRelativeToMotion=" + relative);
    assertTrue(change > 0, "the motion must change the frame");
    assertTrue(relative < 0.2, "warp error relative to the motion's effect " + relative);
  }

  @Test
  void staticAnatomyIsRayCastOncePerView() {
    Projection view = randomView(new SplittableRandom(seed()));
    float[] out = new float[SIZE * SIZE];
    try (AnatomyRenderer r = new AnatomyRenderer(backend, scene, new RenderOptions(1.0), true, 10)) {
      for (int i = 0; i < 5; i++) {
        RigidTransform heart = new PoseParameters(0, 0, -2.0 * i, 0, 0, 0).toTransform(Vec3.ZERO);
        r.render(view, RigidTransform.IDENTITY, heart, out);
      }
      assertEquals(2, r.rayCasts(), "one static and one resting-heart ray cast for one view");
    }
  }

  @Test
  void coarseHeartCastMatchesFullResolutionCast() {
    SplittableRandom random = new SplittableRandom(seed());
    Projection view = randomView(random);
    // a breathing-sized move (6 to 12 mm inferior): the error is judged relative to the motion's effect, which
    // for a move of a few millimetres is too small a yardstick (a 3 mm move gave a ratio of 0.34 for the same cast)
    RigidTransform moved = new PoseParameters(random.nextDouble(-5, 5), random.nextDouble(-5, 5),
        random.nextDouble(-12, -6), 0.05, -0.03, 0.02).toTransform(scene.heartCentre());
    float[] fine = new float[SIZE * SIZE];
    float[] coarse = new float[SIZE * SIZE];
    float[] rest = new float[SIZE * SIZE];
    try (AnatomyRenderer r = new AnatomyRenderer(backend, scene, new RenderOptions(1.0), false, 0)) {
      assertEquals(HeartRendering.EXACT, r.render(view, RigidTransform.IDENTITY, moved, 1, fine).heart());
      AnatomyRenderer.Result rc = r.render(view, RigidTransform.IDENTITY, moved, 2, coarse);
      assertEquals(HeartRendering.EXACT_COARSE, rc.heart());
      assertEquals(2, rc.heartScale());
      r.render(view, RigidTransform.IDENTITY, RigidTransform.IDENTITY, rest);
    }
    double err = 0;
    double signal = 0;
    for (int i = 0; i < fine.length; i++) {
      err += (coarse[i] - fine[i]) * (coarse[i] - fine[i]);
      signal += (fine[i] - rest[i]) * (fine[i] - rest[i]);
    }
    double relative = Math.sqrt(err / signal);
    System.out.println("coarseErrorRelativeToMotion=" + relative);
    // pixels of 4 mm at the heart against 3 mm voxels: the coarse cast loses detail, not position
    assertTrue(relative < 0.35, "coarse cast error relative to the motion's effect " + relative);
  }

  @Test
  void adoptedViewRendersIdenticallyWithoutRayCasting() {
    Projection view = randomView(new SplittableRandom(seed()));
    float[] own = new float[SIZE * SIZE];
    float[] adopted = new float[SIZE * SIZE];
    try (AnatomyRenderer ahead = new AnatomyRenderer(backend, scene, new RenderOptions(1.0), false, 0);
        AnatomyRenderer frames = new AnatomyRenderer(backend, scene, new RenderOptions(1.0), false, 0)) {
      PreparedView prepared = ahead.prepare(view, RigidTransform.IDENTITY);
      ahead.render(view, RigidTransform.IDENTITY, RigidTransform.IDENTITY, own);
      frames.adopt(prepared);
      assertEquals(HeartRendering.REST,
          frames.render(view, RigidTransform.IDENTITY, RigidTransform.IDENTITY, adopted).heart());
      assertEquals(0, frames.rayCasts(), "an adopted view needs no ray cast");
      assertEquals(2, ahead.rayCasts(), "preparing casts the static anatomy and the resting heart once");
    }
    assertArrayEquals(own, adopted);
  }

  @Test
  void passingViewIsRenderedCoarseAndNotCached() {
    SplittableRandom random = new SplittableRandom(seed());
    Projection view = randomView(random);
    float[] passing = new float[SIZE * SIZE];
    float[] exact = new float[SIZE * SIZE];
    try (AnatomyRenderer r = new AnatomyRenderer(backend, scene, new RenderOptions(1.0), true, 0.5)) {
      AnatomyRenderer.Result rp = r.render(view, RigidTransform.IDENTITY, RigidTransform.IDENTITY, 1, 4, passing);
      assertEquals(HeartRendering.EXACT_COARSE, rp.heart());
      assertEquals(4, rp.heartScale());
      assertEquals(1, r.passingRenders());
      long casts = r.rayCasts();
      assertEquals(HeartRendering.REST, r.render(view, RigidTransform.IDENTITY, RigidTransform.IDENTITY, exact).heart());
      assertEquals(casts + 2, r.rayCasts(), "the passing view left nothing cached: static and heart cast again");
    }
    double err = 0;
    double norm = 0;
    for (int i = 0; i < exact.length; i++) {
      err += (passing[i] - exact[i]) * (passing[i] - exact[i]);
      norm += exact[i] * exact[i];
    }
    double relative = Math.sqrt(err / norm);
    System.out.println("passingViewRelativeRms=" + relative);
    // 8 mm detector pixels (4 x 2 mm): edges blur, the line integrals stay where they are
    assertTrue(relative < 0.1, "coarse passing view against the exact view, relative RMS " + relative);
  }

  @Test
  void coarsenedProjectionMapsCoarsePixelCentresToFinePixelBlocks() {
    Projection p = randomView(new SplittableRandom(seed()));
    Projection q = AnatomyRenderer.coarsened(p, 3);
    assertEquals((SIZE + 2) / 3, q.width());
    cathnav.core.geometry.ProjectionGeometry fine = new cathnav.core.geometry.ProjectionGeometry(p);
    cathnav.core.geometry.ProjectionGeometry coarse = new cathnav.core.geometry.ProjectionGeometry(q);
    Vec3 x = new Vec3(12, -7, 30);
    double[] f = fine.project(x);
    double[] c = coarse.project(x);
    assertEquals((f[0] - 1) / 3, c[0], 1e-9);
    assertEquals((f[1] - 1) / 3, c[1], 1e-9);
  }

  @Test
  void motionBeyondTheWarpToleranceIsRayCastExactly() {
    Projection view = randomView(new SplittableRandom(seed()));
    RigidTransform twisted = new PoseParameters(0, 0, 0, 0.2, 0.1, 0).toTransform(scene.heartCentre());
    float[] out = new float[SIZE * SIZE];
    try (AnatomyRenderer r = new AnatomyRenderer(backend, scene, new RenderOptions(1.0), true, 0.01)) {
      assertEquals(HeartRendering.EXACT, r.render(view, RigidTransform.IDENTITY, twisted, out).heart());
    }
  }

  /** The phantom's whole attenuation volume, unsplit. */
  private record AxisGridMu(VolumeGrid grid) {
    static AxisGridMu of(PhantomVolumes v) {
      float[] mu = new float[v.hu().length];
      for (int i = 0; i < mu.length; i++) {
        mu[i] = PhantomVolumes.PHANTOM_ATTENUATION.mu(v.hu()[i]);
      }
      return new AxisGridMu(VolumeGrid.ofMu(v.grid().nx(), v.grid().ny(), v.grid().nz(), v.grid().voxelToRas(), mu));
    }
  }
}
