package cathnav.core.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.PoseParameters;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class ViewAlignedPoseTest {

  private static final Vec3 CENTRE = new Vec3(-20, 180, 640);

  private static ViewAlignedPose pose(double alpha, double beta, RigidTransform base) {
    ProjectionGeometry view = CArmGeometry.of(alpha, beta, 1100, 750, 256, 256, 1, 1)
        .withIsocenter(CENTRE.plus(new Vec3(5, -3, 8))).projectionGeometry();
    return new ViewAlignedPose(base, CENTRE, view);
  }

  private static RigidTransform base(double a, double b, double c) {
    return new PoseParameters(a, b, c, 0.05, -0.03, 0.02).toTransform(CENTRE);
  }

  @Property(tries = 200)
  void zeroParametersGiveTheBasePose(
      @ForAll @DoubleRange(min = -60, max = 60) double alpha, @ForAll @DoubleRange(min = -30, max = 30) double beta,
      @ForAll @DoubleRange(min = -10, max = 10) double t) {
    RigidTransform b = base(t, -t, 2 * t);
    RigidTransform p = pose(alpha, beta, b).transform(new double[6]);
    for (int i = 0; i < 16; i++) {
      assertEquals(b.matrix()[i], p.matrix()[i], 1e-12);
    }
  }

  @Property(tries = 200)
  void depthMovesTheCentreAlongItsRayAndKeepsItsProjection(
      @ForAll @DoubleRange(min = -60, max = 60) double alpha, @ForAll @DoubleRange(min = -30, max = 30) double beta,
      @ForAll @DoubleRange(min = -20, max = 20) double depth) {
    ProjectionGeometry view = CArmGeometry.of(alpha, beta, 1100, 750, 256, 256, 1, 1)
        .withIsocenter(CENTRE.plus(new Vec3(5, -3, 8))).projectionGeometry();
    RigidTransform b = base(3, 4, -5);
    RigidTransform moved = new ViewAlignedPose(b, CENTRE, view).transform(new double[] {0, 0, depth, 0, 0, 0});
    double[] before = view.project(b.apply(CENTRE));
    double[] after = view.project(moved.apply(CENTRE));
    assertEquals(before[0], after[0], 1e-9);
    assertEquals(before[1], after[1], 1e-9);
    assertEquals(Math.abs(depth), moved.apply(CENTRE).distance(b.apply(CENTRE)), 1e-9);
  }

  @Property(tries = 200)
  void rotationsTurnAboutTheMovedCentreByTheirMagnitude(
      @ForAll @DoubleRange(min = -10, max = 10) double wu, @ForAll @DoubleRange(min = -10, max = 10) double wv,
      @ForAll @DoubleRange(min = -10, max = 10) double wb) {
    RigidTransform b = base(1, 2, 3);
    RigidTransform p = pose(25, -10, b).transform(new double[] {0, 0, 0, wu, wv, wb});
    assertEquals(0, p.apply(CENTRE).distance(b.apply(CENTRE)), 1e-9);
    double expected = Math.toRadians(Math.sqrt(wu * wu + wv * wv + wb * wb));
    assertEquals(expected, p.compose(b.inverse()).rotationAngle(), 1e-9);
  }
}
