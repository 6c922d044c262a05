package cathnav.core.geometry;

/**
 * Six rigid-pose parameters about a centre {@code c} (the model centre): the transform is
 * {@code x -> R (x - c) + c + t} with {@code R = Rz(rz) Ry(ry) Rx(rx)} (right-handed rotations about the RAS axes,
 * x applied first). Identity is all zeros. The Euler form is singular at {@code |ry| = 90 deg}; registration works
 * well inside that.
 *
 * @param tx translation along x (patient right), mm
 * @param ty translation along y (anterior), mm
 * @param tz translation along z (superior), mm
 * @param rx rotation about x, radians
 * @param ry rotation about y, radians
 * @param rz rotation about z, radians
 */
public record PoseParameters(double tx, double ty, double tz, double rx, double ry, double rz) {

  public static final PoseParameters IDENTITY = new PoseParameters(0, 0, 0, 0, 0, 0);

  /** From {@code {tx, ty, tz, rx, ry, rz}} (mm, radians). */
  public static PoseParameters of(double[] v) {
    if (v.length != 6) {
      throw new IllegalArgumentException("a pose has 6 parameters, length=" + v.length);
    }
    return new PoseParameters(v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  /** {@code {tx, ty, tz, rx, ry, rz}} (mm, radians). */
  public double[] toArray() {
    return new double[] {tx, ty, tz, rx, ry, rz};
  }

  /** The rigid transform of these parameters about {@code centre} (RAS mm). */
  public RigidTransform toTransform(Vec3 centre) {
    double[] m = new double[16];
    writeMatrix(tx, ty, tz, rx, ry, rz, centre, m, 0);
    return new RigidTransform(m);
  }

  /**
   * Writes the row-major 4x4 of the parameters into {@code out[offset .. offset + 16)} without allocating (the
   * batched pose scoring fills one array with a whole generation).
   */
  public static void writeMatrix(
      double tx, double ty, double tz, double rx, double ry, double rz, Vec3 centre, double[] out, int offset) {
    double cx = Math.cos(rx);
    double sx = Math.sin(rx);
    double cy = Math.cos(ry);
    double sy = Math.sin(ry);
    double cz = Math.cos(rz);
    double sz = Math.sin(rz);
    // Rz * Ry * Rx
    double r00 = cz * cy;
    double r01 = cz * sy * sx - sz * cx;
    double r02 = cz * sy * cx + sz * sx;
    double r10 = sz * cy;
    double r11 = sz * sy * sx + cz * cx;
    double r12 = sz * sy * cx - cz * sx;
    double r20 = -sy;
    double r21 = cy * sx;
    double r22 = cy * cx;
    double c0 = centre.x();
    double c1 = centre.y();
    double c2 = centre.z();
    out[offset] = r00;
    out[offset + 1] = r01;
    out[offset + 2] = r02;
    out[offset + 3] = c0 + tx - (r00 * c0 + r01 * c1 + r02 * c2);
    out[offset + 4] = r10;
    out[offset + 5] = r11;
    out[offset + 6] = r12;
    out[offset + 7] = c1 + ty - (r10 * c0 + r11 * c1 + r12 * c2);
    out[offset + 8] = r20;
    out[offset + 9] = r21;
    out[offset + 10] = r22;
    out[offset + 11] = c2 + tz - (r20 * c0 + r21 * c1 + r22 * c2);
    out[offset + 12] = 0;
    out[offset + 13] = 0;
    out[offset + 14] = 0;
    out[offset + 15] = 1;
  }

  /** The parameters of a rigid transform about {@code centre}; the inverse of {@link #toTransform}. */
  public static PoseParameters fromTransform(RigidTransform t, Vec3 centre) {
    double r20 = t.get(2, 0);
    double ry = Math.asin(Math.max(-1, Math.min(1, -r20)));
    double rx = Math.atan2(t.get(2, 1), t.get(2, 2));
    double rz = Math.atan2(t.get(1, 0), t.get(0, 0));
    Vec3 moved = t.apply(centre).minus(centre);
    return new PoseParameters(moved.x(), moved.y(), moved.z(), rx, ry, rz);
  }
}
