package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.Vec3;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The breathing direction from the heart's in-plane motion in two or more views, against the float64 geometry it
 * inverts: the heart moved along a known direction and projected exactly (perspective included), on fresh random
 * directions and views (the seed is printed; {@code -Dcathnav.test.seed=N} reproduces a run).
 */
class BreathingDirectionEstimatorTest {

  private static final Vec3 ISO = new Vec3(-20, 180, 640);
  private static final Vec3 PRIOR = new Vec3(0, 0.3, -0.95);
  private static final double FPS = 15;

  private static SplittableRandom random(String test) {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println(test + " seed=" + seed + " (reproduce: -Dcathnav.test.seed=" + seed + ")");
    return new SplittableRandom(seed);
  }

  private static CArmGeometry view(double primary, double secondary) {
    return CArmGeometry.of(primary, secondary, 1100, 750, 512, 512, 0.6, 0.6).withIsocenter(ISO);
  }

  /** The Lujan breathing profile (0 at exhale, 1 at inspiration), period 4 s. */
  private static double breath(double t) {
    double c = Math.cos(Math.PI * t / 4);
    return 1 - c * c * c * c;
  }

  /**
   * Feeds {@code seconds} of frames of {@code view}: the heart point {@code heart} moved by {@code amplitude} mm
   * along {@code direction} with the breathing profile, plus a beat of {@code beatMm} along {@code beatDirection},
   * projected, shifted by {@code noiseMm} (in-plane, Gaussian) and back-projected to its depth as the tracker does.
   */
  private static void feed(BreathingDirectionEstimator e, CArmGeometry view, Vec3 heart, Vec3 direction,
      double amplitude, Vec3 beatDirection, double beatMm, double noiseMm, double t0, double seconds,
      SplittableRandom random) {
    ProjectionGeometry g = view.projectionGeometry();
    double depth = g.depth(heart);
    double mmPerPixel = g.mmPerPixelUAt(heart);
    for (int k = 0; k < seconds * FPS; k++) {
      double t = t0 + k / FPS;
      double beat = 0.5 * (1 - Math.cos(2 * Math.PI * t * 70 / 60));
      Vec3 moved = heart.plus(direction.times(amplitude * breath(t))).plus(beatDirection.times(beatMm * beat));
      double[] p = g.project(moved);
      double du = noiseMm > 0 ? gaussian(random) * noiseMm / mmPerPixel : 0;
      double dv = noiseMm > 0 ? gaussian(random) * noiseMm / mmPerPixel : 0;
      e.add(view.toProjection(), (long) (t * 1e9), g.backProject(p[0] + du, p[1] + dv, depth));
    }
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static Vec3 randomUnit(SplittableRandom random) {
    while (true) {
      Vec3 v = new Vec3(2 * random.nextDouble() - 1, 2 * random.nextDouble() - 1, 2 * random.nextDouble() - 1);
      double n = v.norm();
      if (n > 0.1 && n <= 1) {
        return v.times(1 / n);
      }
    }
  }

  private static double angleDeg(Vec3 a, Vec3 b) {
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, a.normalized().dot(b.normalized())))));
  }

  /** The angle between the planes through each view's ray to the heart and the direction, degrees (float64). */
  private static double planeAngleDeg(CArmGeometry a, CArmGeometry b, Vec3 heart, Vec3 direction) {
    Vec3 ma = heart.minus(a.projectionGeometry().source()).cross(direction).normalized();
    Vec3 mb = heart.minus(b.projectionGeometry().source()).cross(direction).normalized();
    return Math.toDegrees(Math.acos(Math.min(1, Math.abs(ma.dot(mb)))));
  }

  private static double rayAngleDeg(CArmGeometry view, Vec3 heart, Vec3 direction) {
    double a = angleDeg(heart.minus(view.projectionGeometry().source()), direction);
    return Math.min(a, 180 - a);
  }

  @Test
  void recoversRandomDirectionsExactlyFromNoiseFreeMotionInTwoViews() {
    SplittableRandom random = random("recoversRandomDirectionsExactlyFromNoiseFreeMotionInTwoViews");
    int estimated = 0;
    int refused = 0;
    for (int trial = 0; trial < 200; trial++) {
      CArmGeometry a = view(-60 + 120 * random.nextDouble(), -30 + 60 * random.nextDouble());
      CArmGeometry b = view(-60 + 120 * random.nextDouble(), -30 + 60 * random.nextDouble());
      Vec3 heart = ISO.plus(randomUnit(random).times(40 * random.nextDouble()));
      Vec3 direction = randomUnit(random);
      double beams = angleDeg(heart.minus(a.projectionGeometry().source()), heart.minus(b.projectionGeometry().source()));
      double planes = planeAngleDeg(a, b, heart, direction);
      // away from the thresholds (rays to the heart 20, planes 15 degrees apart), and the line long enough in both views (1 mm sd)
      if (Math.abs(Math.min(beams, 180 - beams) - 20) < 1 || Math.abs(planes - 15) < 1
          || rayAngleDeg(a, heart, direction) < 20 || rayAngleDeg(b, heart, direction) < 20) {
        continue;
      }
      BreathingDirectionEstimator e = new BreathingDirectionEstimator(PRIOR);
      feed(e, a, heart, direction, 10, Vec3.ZERO, 0, 0, 0, 8, random);
      feed(e, b, heart, direction, 10, Vec3.ZERO, 0, 0, 20, 8, random);
      BreathingDirectionEstimator.Estimate got = e.estimate();
      boolean expected = Math.min(beams, 180 - beams) >= 20 && planes >= 15;
      String at = "trial " + trial + ": direction " + direction + ", rays " + beams + " deg, planes " + planes + " deg";
      if (!expected) {
        assertNull(got, at);
        refused++;
        continue;
      }
      assertNotNull(got, at);
      Vec3 truth = direction.dot(PRIOR) < 0 ? direction.times(-1) : direction;
      assertEquals(0, angleDeg(got.direction(), truth), 1e-5, at);
      assertEquals(planes, got.planeAngleDeg(), 1e-4, at);
      assertEquals(2, got.views());
      estimated++;
    }
    System.out.printf("noise-free: %d estimated, %d refused (views too alike)%n", estimated, refused);
    assertTrue(estimated > 50, "estimated=" + estimated);
  }

  @Test
  void noiseAndAHeartBeatTiltTheEstimateByAFewDegreesAtMost() {
    SplittableRandom random = random("noiseAndAHeartBeatTiltTheEstimateByAFewDegreesAtMost");
    Vec3 beat = new Vec3(0.5, 0.4, -0.6).normalized();
    double worst = 0;
    for (int trial = 0; trial < 40; trial++) {
      // clinical directions (inferior, anterior 0 to 0.6, left-right within 0.3) and views (an AP-like view and one
      // 30 to 60 degrees LAO or RAO, as the patient pose's confirmation uses)
      Vec3 direction = new Vec3(-0.3 + 0.6 * random.nextDouble(), 0.6 * random.nextDouble(), -1).normalized();
      CArmGeometry a = view(-10 + 20 * random.nextDouble(), -10 + 20 * random.nextDouble());
      double side = random.nextBoolean() ? 1 : -1;
      CArmGeometry b = view(side * (30 + 30 * random.nextDouble()), -10 + 20 * random.nextDouble());
      BreathingDirectionEstimator e = new BreathingDirectionEstimator(PRIOR);
      feed(e, a, ISO, direction, 8, beat, 2, 0.3, 0, 12, random);
      feed(e, b, ISO, direction, 8, beat, 2, 0.3, 30, 12, random);
      BreathingDirectionEstimator.Estimate got = e.estimate();
      assertNotNull(got, "trial " + trial + ": direction " + direction);
      worst = Math.max(worst, angleDeg(got.direction(), direction));
    }
    System.out.printf("8 mm breathing, 2 mm beat, 0.3 mm noise: worst direction error %.2f deg%n", worst);
    assertTrue(worst < 5, "worst direction error " + worst + " deg");
  }

  @Test
  void oneViewDoesNotDetermineTheDirection() {
    BreathingDirectionEstimator e = new BreathingDirectionEstimator(PRIOR);
    feed(e, view(0, 0), ISO, new Vec3(0.2, 0.45, -0.87).normalized(), 8, Vec3.ZERO, 0, 0, 0, 30, null);
    assertNull(e.estimate());
  }

  @Test
  void viewsWhoseBeamsAreCloseDoNotDetermineTheDirection() {
    BreathingDirectionEstimator e = new BreathingDirectionEstimator(PRIOR);
    Vec3 direction = new Vec3(0.2, 0.45, -0.87).normalized();
    feed(e, view(0, 0), ISO, direction, 8, Vec3.ZERO, 0, 0, 0, 10, null);
    feed(e, view(12, 0), ISO, direction, 8, Vec3.ZERO, 0, 0, 20, 10, null);
    assertNull(e.estimate());
  }

  @Test
  void viewsSharingAPlaneWithTheDirectionDoNotDetermineIt() {
    // AP and a 30 degree cranial tilt both contain a direction without a left-right part: each sees the same line
    BreathingDirectionEstimator e = new BreathingDirectionEstimator(PRIOR);
    Vec3 direction = new Vec3(0, 0.45, -0.89).normalized();
    feed(e, view(0, 0), ISO, direction, 8, Vec3.ZERO, 0, 0, 0, 10, null);
    feed(e, view(0, 30), ISO, direction, 8, Vec3.ZERO, 0, 0, 20, 10, null);
    assertNull(e.estimate());
  }

  @Test
  void aHeartThatDoesNotBreatheDoesNotDetermineTheDirection() {
    SplittableRandom random = random("aHeartThatDoesNotBreatheDoesNotDetermineTheDirection");
    BreathingDirectionEstimator e = new BreathingDirectionEstimator(PRIOR);
    feed(e, view(0, 0), ISO, PRIOR.normalized(), 0, Vec3.ZERO, 0, 0.3, 0, 10, random);
    feed(e, view(40, 0), ISO, PRIOR.normalized(), 0, Vec3.ZERO, 0, 0.3, 20, 10, random);
    assertNull(e.estimate());
  }

  @Test
  void lessThanABreathOfSamplesInTheSecondViewIsNotEnough() {
    BreathingDirectionEstimator e = new BreathingDirectionEstimator(PRIOR);
    Vec3 direction = new Vec3(0.2, 0.45, -0.87).normalized();
    feed(e, view(0, 0), ISO, direction, 8, Vec3.ZERO, 0, 0, 0, 10, null);
    feed(e, view(30, 0), ISO, direction, 8, Vec3.ZERO, 0, 0, 20, 3, null);
    assertNull(e.estimate());
    feed(e, view(30, 0), ISO, direction, 8, Vec3.ZERO, 0, 0, 23, 4, null);
    assertNotNull(e.estimate());
  }

  @Test
  void theEstimatePointsToThePriorsSide() {
    BreathingDirectionEstimator e = new BreathingDirectionEstimator(PRIOR);
    Vec3 direction = new Vec3(0.2, 0.45, -0.87).normalized();
    feed(e, view(0, 0), ISO, direction, 8, Vec3.ZERO, 0, 0, 0, 10, null);
    feed(e, view(30, 0), ISO, direction, 8, Vec3.ZERO, 0, 0, 20, 10, null);
    assertTrue(e.estimate().direction().dot(PRIOR) > 0);
    assertEquals(0, angleDeg(e.estimate().direction(), direction), 1e-5);
  }
}
