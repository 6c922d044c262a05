package cathnav.sim.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class HeartMotionTransformTest {

  @Property(tries = 200)
  void transformIsRigidTwistsAboutTheAxisAndShiftsTheCentre(
      @ForAll @DoubleRange(min = -100, max = 100) double cx, @ForAll @DoubleRange(min = -100, max = 100) double cy,
      @ForAll @DoubleRange(min = -15, max = 15) double dz, @ForAll @DoubleRange(min = -10, max = 10) double twist,
      @ForAll @DoubleRange(min = -1, max = 1) double ax) {
    Vec3 centre = new Vec3(cx, cy, 20);
    Vec3 axis = new Vec3(ax, 0.4, -0.7).normalized();
    MotionState s = new MotionState(0, 0, 0, 60, new double[] {1, -2, dz}, twist);
    RigidTransform t = HeartMotionTransform.of(s, centre, axis).checkedRigid();
    Vec3 movedCentre = t.apply(centre);
    assertEquals(0, movedCentre.distance(centre.plus(new Vec3(1, -2, dz))), 1e-9, "centre moves by d");
    Vec3 onAxis = centre.plus(axis.times(30));
    assertEquals(0, t.apply(onAxis).distance(onAxis.plus(new Vec3(1, -2, dz))), 1e-9, "the axis only translates");
    assertEquals(Math.toRadians(Math.abs(twist)), t.rotationAngle(), 1e-9, "rotation angle is the twist");
  }
}
