package cathnav.sim.motion;

import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;

/**
 * The rigid transform of the heart region for a {@link MotionState}: a twist about the long axis through the heart
 * centre, then the displacement: {@code x -> R (x - c) + c + d}. Model frame, RAS mm.
 */
public final class HeartMotionTransform {

  private HeartMotionTransform() {}

  /** The heart-region transform of {@code state} about {@code centre} and {@code longAxis} (unit or not). */
  public static RigidTransform of(MotionState state, Vec3 centre, Vec3 longAxis) {
    Vec3 k = longAxis.normalized();
    double th = Math.toRadians(state.twistDeg());
    double c = Math.cos(th);
    double s = Math.sin(th);
    double v = 1 - c;
    double[][] r = {
      {c + k.x() * k.x() * v, k.x() * k.y() * v - k.z() * s, k.x() * k.z() * v + k.y() * s},
      {k.y() * k.x() * v + k.z() * s, c + k.y() * k.y() * v, k.y() * k.z() * v - k.x() * s},
      {k.z() * k.x() * v - k.y() * s, k.z() * k.y() * v + k.x() * s, c + k.z() * k.z() * v}
    };
    double[] d = state.translationMm();
    double[] cc = centre.toArray();
    double[] m = new double[16];
    for (int row = 0; row < 3; row++) {
      double rc = r[row][0] * cc[0] + r[row][1] * cc[1] + r[row][2] * cc[2];
      m[row * 4] = r[row][0];
      m[row * 4 + 1] = r[row][1];
      m[row * 4 + 2] = r[row][2];
      m[row * 4 + 3] = cc[row] + d[row] - rc;
    }
    m[15] = 1;
    return new RigidTransform(m);
  }
}
