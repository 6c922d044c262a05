package cathnav.core.registration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import cathnav.gpu.Projection;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttenuationPyramidTest {

  private ComputeBackend backend;
  private final Projection projection = CArmGeometry.of(20, 10, 1100, 750, 100, 80, 1.5, 1.5).toProjection();

  @BeforeEach
  void open() {
    backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
  }

  @AfterEach
  void close() {
    backend.close();
  }

  private RawFrame randomFrame(long seed, float gain) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] px = new float[100 * 80];
    for (int i = 0; i < px.length; i++) {
      px[i] = gain * (float) r.nextDouble(1, 4000);
    }
    return new RawFrame(100, 80, px);
  }

  private float[] level(AttenuationPyramid p, int level) {
    float[] out = new float[p.projection(level).width() * p.projection(level).height()];
    backend.download(p.image(level), out);
    return out;
  }

  @Test
  void detectorGainDoesNotChangeTheAttenuation() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    try (AttenuationPyramid a = AttenuationPyramid.build(backend, randomFrame(seed, 1), projection, 100, 2);
        AttenuationPyramid b = AttenuationPyramid.build(backend, randomFrame(seed, 13.7f), projection, 100, 2)) {
      assertArrayEquals(level(a, 0), level(b, 0), 1e-4f, "seed=" + seed);
      assertArrayEquals(level(a, 1), level(b, 1), 1e-4f, "seed=" + seed);
    }
  }

  @Test
  void attenuationIsMinusLogOfIntensityRelativeToTheBrightestPixel() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    RawFrame f = randomFrame(seed, 1);
    double max = f.maxIntensity();
    try (AttenuationPyramid p = AttenuationPyramid.build(backend, f, projection, 100, 1)) {
      float[] a = level(p, 0);
      for (int i = 0; i < a.length; i += 97) {
        double expected = -Math.log(f.pixels()[i] / max);
        assertEquals(expected, a[i], 1e-4 * Math.max(1, expected), "pixel " + i + ", seed=" + seed);
      }
    }
  }

  @Test
  void zeroCountPixelsBecomeFiniteStrongAttenuation() {
    RawFrame f = randomFrame(1, 1);
    f.pixels()[5] = 0;
    try (AttenuationPyramid p = AttenuationPyramid.build(backend, f, projection, 100, 1)) {
      float[] a = level(p, 0);
      assertTrue(Float.isFinite(a[5]), "attenuation=" + a[5]);
      assertEquals(Math.log(AttenuationPyramid.DYNAMIC_RANGE), a[5], 1e-3);
    }
  }

  @Test
  void framesLargerThanTheFinestSizeAreHalvedWithTheirProjection() {
    try (AttenuationPyramid p = AttenuationPyramid.build(backend, randomFrame(2, 1), projection, 60, 2)) {
      Projection half = new ProjectionGeometry(projection).downsample2x();
      Projection quarter = new ProjectionGeometry(half).downsample2x();
      assertEquals(50, p.image(0).width());
      assertEquals(40, p.image(0).height());
      assertArrayEquals(half.matrix(), p.projection(0).matrix(), 1e-12);
      assertEquals(25, p.image(1).width());
      assertArrayEquals(quarter.matrix(), p.projection(1).matrix(), 1e-12);
    }
  }

  @Test
  void rejectsAFrameOfAnotherSizeThanItsProjection() {
    RawFrame f = new RawFrame(10, 10, new float[100]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AttenuationPyramid.build(backend, f, projection, 100, 1));
    assertTrue(e.getMessage().contains("frame=10x10"), e.getMessage());
  }

  @Test
  void rejectsAFrameWithoutAnyCounts() {
    RawFrame f = new RawFrame(100, 80, new float[8000]);
    assertThrows(IllegalArgumentException.class, () -> AttenuationPyramid.build(backend, f, projection, 100, 1));
  }
}
