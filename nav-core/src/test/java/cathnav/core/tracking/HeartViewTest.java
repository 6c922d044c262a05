package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.core.registration.RealCtFixture;
import cathnav.gpu.Projection;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The heart stage on the real CT: a breathing shift of the heart against the static thorax is found in the frame's
 * heart-only residual, by the 2D match and by the 3D heart registration, within 2 mm; a frame without the heart
 * does not match.
 */
class HeartViewTest {

  private static HeartFrames frames;
  private static final Vec3 BREATHING = HeartVerification.DEFAULT.breathingDirection();

  @BeforeAll
  static void open() {
    frames = new HeartFrames();
  }

  @AfterAll
  static void close() {
    frames.close();
  }

  private static HeartView view(Projection grid, RigidTransform patient, float[] raw, Projection frameProjection) {
    HostAttenuation intensity = HostAttenuation.intensities(raw, frameProjection,
        Math.max(grid.width(), grid.height()));
    Vec3 centre = patient.apply(frames.layers.heartCentre());
    int margin = (int) Math.ceil(25 / new ProjectionGeometry(intensity.projection).mmPerPixelUAt(centre));
    return HeartView.render(frames.backend, frames.staticLayer, frames.heartLayer, intensity.projection, patient,
        frames.layers.heartCentre(), frames.render, margin, intensity.pixels);
  }

  @Test
  void breathingShiftOfTheHeartIsRecoveredWithinTwoMm() {
    long seed = System.nanoTime();
    System.out.println("HeartViewTest seed=" + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    // the patient a little off the nominal pose; the heart 4..12 mm along the breathing direction plus up to 1 mm
    RigidTransform patient = new PoseParameters(rnd.nextDouble(-3, 3), rnd.nextDouble(-3, 3), rnd.nextDouble(-3, 3),
        rnd.nextDouble(-0.03, 0.03), rnd.nextDouble(-0.03, 0.03), rnd.nextDouble(-0.03, 0.03))
        .toTransform(RealCtFixture.HEART_CENTRE);
    Vec3 shift = BREATHING.times(rnd.nextDouble(4, 12))
        .plus(new Vec3(rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1)));
    RigidTransform heart = HeartFrames.heartPose(patient, shift);
    CArmGeometry c = HeartFrames.view(rnd.nextDouble(-40, 40), rnd.nextDouble(-20, 20), 256, 1.2);
    Projection p = c.toProjection();
    float[] raw = frames.frame(p, patient, heart, seed);
    // the view is built on an earlier frame with the heart at rest, as the background does at registration time
    HeartView view = view(p, patient, frames.frame(p, patient, patient, seed + 1), p);
    float[] residual = view.residual(HostAttenuation.intensities(raw, p, 256).pixels);
    assertNotNull(residual, "residual");
    HeartView.Match m = view.match(residual);
    Vec3 t = view.translation(m.du(), m.dv(), BREATHING);
    Vec3 c0 = frames.layers.heartCentre();
    double error = view.heartPose(t).apply(c0).distance(heart.apply(c0));
    double inPlane = view.inPlaneDistance(t, shift);
    System.out.printf("heart shift %.1f mm: 2D estimate error %.2f mm (in-plane %.2f), ncc %.3f%n", shift.norm(),
        error, inPlane, m.correlation());
    assertTrue(m.correlation() >= HeartVerification.DEFAULT.minCorrelation(), "ncc=" + m.correlation());
    assertTrue(inPlane < 1.0, "in-plane error=" + inPlane + " mm, shift=" + shift);
    assertTrue(error < 2.0, "3D error=" + error + " mm, shift=" + shift);
  }

  @Test
  void translationAlongAKnownDirectionInvertsThePerspectiveProjectionExactly() {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println("translationAlongAKnownDirectionInvertsThePerspectiveProjectionExactly seed=" + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    RigidTransform patient = new PoseParameters(rnd.nextDouble(-20, 20), rnd.nextDouble(-20, 20),
        rnd.nextDouble(-20, 20), 0, 0, 0).toTransform(RealCtFixture.HEART_CENTRE);
    CArmGeometry c = HeartFrames.view(rnd.nextDouble(-60, 60), rnd.nextDouble(-30, 30), 128, 2.4);
    Projection p = c.toProjection();
    HeartView view = view(p, patient, frames.frame(p, patient, patient, seed), p);
    ProjectionGeometry g = new ProjectionGeometry(p);
    Vec3 ray = view.trackedPoint.minus(g.source()).normalized();
    int checked = 0;
    while (checked < 50) {
      Vec3 d = new Vec3(rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1));
      if (d.norm() < 0.2 || Math.abs(d.normalized().dot(ray)) > Math.cos(Math.toRadians(25))) {
        continue; // the depth of a direction near the ray is not seen
      }
      Vec3 moved = d.normalized().times(rnd.nextDouble(-15, 15));
      double[] a = g.project(view.trackedPoint);
      double[] b = g.project(view.trackedPoint.plus(moved));
      Vec3 t = view.translation(b[0] - a[0], b[1] - a[1], d);
      assertTrue(view.seesDepthAlong(d));
      assertTrue(t.distance(moved) < 1e-6, "direction " + d + ": translation " + t + " for " + moved);
      checked++;
    }
  }

  @Test
  void heartRegistrationAgreesWithTheTruthWithinTwoMmInPlane() {
    long seed = System.nanoTime();
    System.out.println("HeartViewTest 3D seed=" + seed);
    SplittableRandom rnd = new SplittableRandom(seed);
    RigidTransform patient = new PoseParameters(rnd.nextDouble(-3, 3), rnd.nextDouble(-3, 3), rnd.nextDouble(-3, 3),
        0, 0, 0).toTransform(RealCtFixture.HEART_CENTRE);
    Vec3 shift = BREATHING.times(rnd.nextDouble(4, 12));
    CArmGeometry c = HeartFrames.view(rnd.nextDouble(-40, 40), rnd.nextDouble(-20, 20), 128, 2.4);
    Projection p = c.toProjection();
    float[] raw = frames.frame(p, patient, HeartFrames.heartPose(patient, shift), seed);
    HeartView view = view(p, patient, frames.frame(p, patient, patient, seed + 1), p);
    float[] residual = view.residual(HostAttenuation.intensities(raw, p, 128).pixels);
    HeartRegistration.Result r = new HeartRegistration(frames.backend, frames.heartLayer, frames.render)
        .register(view, residual, seed);
    double inPlane = view.inPlaneDistance(r.translation(), shift);
    System.out.printf("heart shift %.1f mm: 3D registration in-plane error %.2f mm, ncc %.3f, evaluations %d%n",
        shift.norm(), inPlane, r.correlation(), r.evaluations());
    assertTrue(r.correlation() >= HeartVerification.DEFAULT.minCorrelation(), "ncc=" + r.correlation());
    assertTrue(inPlane < 2.0, "in-plane error=" + inPlane + " mm, shift=" + shift);
  }

  @Test
  void aFrameWithoutTheHeartDoesNotMatch() {
    long seed = System.nanoTime();
    System.out.println("HeartViewTest no-heart seed=" + seed);
    RigidTransform patient = RigidTransform.IDENTITY;
    Projection p = HeartFrames.view(10, 5, 128, 2.4).toProjection();
    HeartView view = view(p, patient, frames.frame(p, patient, patient, seed + 1), p);
    // the heart's region holds only the background it leaves behind: nothing heart-shaped anywhere
    float[] residual = view.residual(HostAttenuation.intensities(frames.frame(p, patient, null, seed), p, 128).pixels);
    HeartView.Match m = view.match(residual);
    HeartRegistration.Result r = new HeartRegistration(frames.backend, frames.heartLayer, frames.render)
        .register(view, residual, seed);
    System.out.printf("no heart: 2D ncc %.3f, 3D ncc %.3f%n", m.correlation(), r.correlation());
    assertTrue(m.correlation() < HeartVerification.DEFAULT.minCorrelation(), "2D ncc=" + m.correlation());
    assertTrue(r.correlation() < HeartVerification.DEFAULT.minCorrelation(), "3D ncc=" + r.correlation());
  }
}
