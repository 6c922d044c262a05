package cathnav.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class PoseParametersTest {

  @Provide
  Arbitrary<Vec3> points() {
    return GeometryArbitraries.points(200);
  }

  @Property
  void parametersRoundTripThroughTheMatrix(
      @ForAll @DoubleRange(min = -50, max = 50) double tx, @ForAll @DoubleRange(min = -50, max = 50) double ty,
      @ForAll @DoubleRange(min = -50, max = 50) double tz, @ForAll @DoubleRange(min = -3.1, max = 3.1) double rx,
      @ForAll @DoubleRange(min = -1.5, max = 1.5) double ry, @ForAll @DoubleRange(min = -3.1, max = 3.1) double rz,
      @ForAll("points") Vec3 centre) {
    PoseParameters p = new PoseParameters(tx, ty, tz, rx, ry, rz);
    RigidTransform t = p.toTransform(centre).checkedRigid();
    PoseParameters back = PoseParameters.fromTransform(t, centre);
    double[] a = p.toArray();
    double[] b = back.toArray();
    for (int i = 0; i < 6; i++) {
      assertEquals(a[i], b[i], 1e-9, "parameter " + i);
    }
  }

  @Property
  void rotationKeepsTheCentreFixedAndTranslationMovesIt(
      @ForAll @DoubleRange(min = -3, max = 3) double rx, @ForAll @DoubleRange(min = -1.5, max = 1.5) double ry,
      @ForAll @DoubleRange(min = -3, max = 3) double rz, @ForAll("points") Vec3 centre, @ForAll("points") Vec3 t) {
    RigidTransform rot = new PoseParameters(0, 0, 0, rx, ry, rz).toTransform(centre);
    assertEquals(0, rot.apply(centre).distance(centre), 1e-9);
    RigidTransform moved = new PoseParameters(t.x(), t.y(), t.z(), rx, ry, rz).toTransform(centre);
    assertEquals(0, moved.apply(centre).distance(centre.plus(t)), 1e-9);
  }

  @Property
  void rotationOrderIsXThenYThenZ(
      @ForAll @DoubleRange(min = -3, max = 3) double rx, @ForAll @DoubleRange(min = -3, max = 3) double ry,
      @ForAll @DoubleRange(min = -3, max = 3) double rz, @ForAll("points") Vec3 x) {
    Vec3 expected = rotZ(rotY(rotX(x, rx), ry), rz);
    Vec3 actual = new PoseParameters(0, 0, 0, rx, ry, rz).toTransform(Vec3.ZERO).apply(x);
    assertEquals(0, actual.distance(expected), 1e-9);
  }

  private static Vec3 rotX(Vec3 p, double a) {
    return new Vec3(p.x(), Math.cos(a) * p.y() - Math.sin(a) * p.z(), Math.sin(a) * p.y() + Math.cos(a) * p.z());
  }

  private static Vec3 rotY(Vec3 p, double a) {
    return new Vec3(Math.cos(a) * p.x() + Math.sin(a) * p.z(), p.y(), -Math.sin(a) * p.x() + Math.cos(a) * p.z());
  }

  private static Vec3 rotZ(Vec3 p, double a) {
    return new Vec3(Math.cos(a) * p.x() - Math.sin(a) * p.y(), Math.sin(a) * p.x() + Math.cos(a) * p.y(), p.z());
  }

  @Property
  void composingWithTheInverseGivesIdentity(
      @ForAll @DoubleRange(min = -3, max = 3) double rx, @ForAll @DoubleRange(min = -1.5, max = 1.5) double ry,
      @ForAll @DoubleRange(min = -3, max = 3) double rz, @ForAll("points") Vec3 centre, @ForAll("points") Vec3 x) {
    RigidTransform t = new PoseParameters(5, -7, 11, rx, ry, rz).toTransform(centre);
    assertEquals(0, t.inverse().apply(t.apply(x)).distance(x), 1e-9);
    assertEquals(0, t.compose(t.inverse()).apply(x).distance(x), 1e-9);
  }

  @Test
  void rejectsAReflection() {
    RigidTransform mirror = new RigidTransform(new double[] {-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});
    assertThrows(IllegalArgumentException.class, mirror::checkedRigid);
  }

  @Test
  void rejectsAScaledRotation() {
    RigidTransform scaled = new RigidTransform(new double[] {2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1});
    assertThrows(IllegalArgumentException.class, scaled::checkedRigid);
  }
}
