package cathnav.core.registration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.gpu.Attenuation;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.FallbackPolicy;
import cathnav.gpu.RenderOptions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ground-truth recoveries on the real CT with the java backend at low resolution: a noisy raw frame rendered at a
 * known pose, registration started 10 mm and 5 degrees off, the pose recovered within 1 mm mTRE over the heart on
 * fixed draws; on fresh draws, a pose that is not recovered is not trusted (its confidence below the service's).
 */
class RegistrationRecoveryTest {

  private static ComputeBackend backend;
  private static DeviceVolume volume;

  @BeforeAll
  static void upload() {
    backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
    volume = backend.uploadVolume(RealCtFixture.CT.toGrid(), Attenuation.DEFAULT);
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  /** Below this calibrated confidence the service does not trust a registration ({@code TrackerSettings}). */
  private static final double ACCEPTED_CONFIDENCE = 0.5;

  private record Recovery(double startMtre, double mtre, double confidence) {}

  /** Fixed draws: the recovery itself is the regression (deterministic, the same draws on every machine). */
  @ParameterizedTest(name = "view LAO {0} CRAN {1}, seed {2}")
  @CsvSource({"30, 15, 11", "-40, -20, 12"})
  void recoversATenMillimetreFiveDegreeOffsetWithinOneMillimetre(double alpha, double beta, long seed) {
    Recovery r = recover(alpha, beta, seed);
    assertTrue(r.mtre() < 1.0, "mTRE=" + r.mtre() + " mm, seed=" + seed);
    assertTrue(r.confidence() >= ACCEPTED_CONFIDENCE, "confidence=" + r.confidence() + ", seed=" + seed);
  }

  /**
   * Fresh draws, and one kept draw on which the coarsest search settles in a wrong optimum (rare; the bench
   * measures the success rate): a registration is either right or not trusted, never wrong and confident.
   */
  @ParameterizedTest(name = "view LAO {0} CRAN {1}, seed {2} (0: fresh)")
  @CsvSource({"30, 15, 0", "-40, -20, 0", "30, 15, 17922978096875"})
  void aRegistrationIsRightOrNotTrusted(double alpha, double beta, long keptSeed) {
    long seed = keptSeed != 0 ? keptSeed : Long.getLong("cathnav.test.seed", System.nanoTime());
    Recovery r = recover(alpha, beta, seed);
    assertTrue(r.mtre() < 1.0 || r.confidence() < ACCEPTED_CONFIDENCE,
        "wrong and trusted: mTRE=" + r.mtre() + " mm, confidence=" + r.confidence() + ", seed=" + seed);
  }

  private static Recovery recover(double alpha, double beta, long seed) {
    System.out.println("seed=" + seed + ", view=(" + alpha + ", " + beta + ") (reproduce: -Dcathnav.test.seed=" + seed
        + ")");
    SplittableRandom r = new SplittableRandom(seed);
    Vec3 centre = RealCtFixture.HEART_CENTRE;
    CArmGeometry view = CArmGeometry.of(alpha, beta, 1100, 750, 128, 128, 2.4, 2.4).withIsocenter(centre);
    RigidTransform truth = new PoseParameters(r.nextDouble(-5, 5), r.nextDouble(-5, 5), r.nextDouble(-5, 5),
        Math.toRadians(r.nextDouble(-3, 3)), Math.toRadians(r.nextDouble(-3, 3)), Math.toRadians(r.nextDouble(-3, 3)))
        .toTransform(centre);
    RawFrame frame = SyntheticFrame.render(backend, volume, view.toProjection(), truth, new RenderOptions(0.75),
        5000, seed);
    // 10 mm along a random direction and 5 degrees about a random axis, about the truth's centre
    Vec3 dir = randomUnit(r);
    Vec3 axis = randomUnit(r).times(Math.toRadians(5));
    RigidTransform offset = new PoseParameters(10 * dir.x(), 10 * dir.y(), 10 * dir.z(), 0, 0, 0)
        .toTransform(truth.apply(centre))
        .compose(rotationAbout(truth.apply(centre), axis));
    RigidTransform start = offset.compose(truth);

    Registrar registrar = new Registrar(backend, volume, centre, ConfidenceCalibration.load());
    RegistrationResult result;
    try (AttenuationPyramid pyramid = AttenuationPyramid.build(backend, frame, view.toProjection(),
        RegistrationOptions.DEFAULT.finestMaxSize(), RegistrationOptions.DEFAULT.levels())) {
      result = registrar.register(pyramid, start, RegistrationOptions.DEFAULT);
    }
    double before = RealCtFixture.mtre(start, truth);
    double after = RealCtFixture.mtre(result.transform(), truth);
    System.out.printf("mTRE start=%.2f mm, result=%.3f mm, similarity=%.4f, confidence=%.3f, seed=%d%n", before,
        after, result.similarity(), result.confidence(), seed);
    assertTrue(before > 8, "start must be far off, mTRE=" + before);
    return new Recovery(before, after, result.confidence());
  }

  private static Vec3 randomUnit(SplittableRandom r) {
    while (true) {
      Vec3 v = new Vec3(r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1));
      if (v.norm() > 0.1 && v.norm() <= 1) {
        return v.normalized();
      }
    }
  }

  /** Rotation by the rotation vector {@code w} (radians) about {@code c}. */
  private static RigidTransform rotationAbout(Vec3 c, Vec3 w) {
    double angle = w.norm();
    Vec3 k = w.times(1 / angle);
    double cs = Math.cos(angle);
    double s = Math.sin(angle);
    double u = 1 - cs;
    double[] r = {
      u * k.x() * k.x() + cs, u * k.x() * k.y() - s * k.z(), u * k.x() * k.z() + s * k.y(),
      u * k.x() * k.y() + s * k.z(), u * k.y() * k.y() + cs, u * k.y() * k.z() - s * k.x(),
      u * k.x() * k.z() - s * k.y(), u * k.y() * k.z() + s * k.x(), u * k.z() * k.z() + cs
    };
    double[] m = new double[16];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(r, 3 * i, m, 4 * i, 3);
      m[4 * i + 3] = (i == 0 ? c.x() : i == 1 ? c.y() : c.z())
          - (r[3 * i] * c.x() + r[3 * i + 1] * c.y() + r[3 * i + 2] * c.z());
    }
    m[15] = 1;
    return new RigidTransform(m);
  }
}
