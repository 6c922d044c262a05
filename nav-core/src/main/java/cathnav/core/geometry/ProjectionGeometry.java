package cathnav.core.geometry;

import cathnav.gpu.Projection;
import java.util.Objects;

/**
 * A projection {@code P} (any overall scale and sign, as read from a file) and what it implies: the source
 * position, the beam direction, the principal point, the focal lengths and the pixel size at a given depth.
 *
 * <p>{@code P} is first scaled so that its third row's first three entries have unit length and the left 3x3
 * block {@code M} has a negative determinant (the DESIGN.md convention: {@code R} with rows u-axis, v-axis, beam
 * has {@code det R = -1}); then {@code w = P (X, 1)} is the depth of {@code X} in mm along the beam from the
 * source, positive in front of the source. The decomposition assumes square-cornered pixels (zero skew), which
 * holds for every {@link CArmGeometry}. Immutable and thread-safe.
 */
public final class ProjectionGeometry {

  private final Projection projection;
  private final double[] p; // normalised, row-major 3x4

  public ProjectionGeometry(Projection projection) {
    this.projection = Objects.requireNonNull(projection, "projection");
    double[] m = projection.matrix();
    for (double x : m) {
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException("P has a non-finite entry, P=" + java.util.Arrays.toString(m));
      }
    }
    double n3 = Math.sqrt(m[8] * m[8] + m[9] * m[9] + m[10] * m[10]);
    double det = det3(m);
    if (!(n3 > 0) || det == 0) {
      throw new IllegalArgumentException(
          "P is not a projection (singular left 3x3), P=" + java.util.Arrays.toString(m));
    }
    double s = 1.0 / n3;
    if (det * s > 0) { // det scales by s^3, which has the sign of s
      s = -s;
    }
    p = new double[12];
    for (int i = 0; i < 12; i++) {
      p[i] = m[i] * s;
    }
  }

  private static double det3(double[] m) {
    return m[0] * (m[5] * m[10] - m[6] * m[9])
        - m[1] * (m[4] * m[10] - m[6] * m[8])
        + m[2] * (m[4] * m[9] - m[5] * m[8]);
  }

  /** The projection as given (not normalised). */
  public Projection projection() {
    return projection;
  }

  /** The normalised {@code P}, row-major 3x4 (12 values). */
  public double[] normalizedMatrix() {
    return p.clone();
  }

  /** Detector pixel {@code {u, v}} of the RAS point {@code x}. */
  public double[] project(Vec3 x) {
    double w = depth(x);
    return new double[] {
      (p[0] * x.x() + p[1] * x.y() + p[2] * x.z() + p[3]) / w,
      (p[4] * x.x() + p[5] * x.y() + p[6] * x.z() + p[7]) / w
    };
  }

  /** Depth of {@code x} along the beam from the source, mm (positive in front of the source). */
  public double depth(Vec3 x) {
    return p[8] * x.x() + p[9] * x.y() + p[10] * x.z() + p[11];
  }

  /** The source {@code C}, solving {@code M C = -p4}, RAS mm. */
  public Vec3 source() {
    return solveM(-p[3], -p[7], -p[11]);
  }

  /** Solves {@code M X = b} for the left 3x3 block {@code M} of the normalised P (Cramer's rule). */
  private Vec3 solveM(double b0, double b1, double b2) {
    double det = det3(p);
    double[] b = {b0, b1, b2};
    double[] x = new double[3];
    for (int col = 0; col < 3; col++) {
      double[] q = p.clone();
      for (int r = 0; r < 3; r++) {
        q[r * 4 + col] = b[r];
      }
      x[col] = det3(q) / det;
    }
    return new Vec3(x[0], x[1], x[2]);
  }

  /** Unit beam direction (source towards the detector), RAS. */
  public Vec3 beamDirection() {
    return new Vec3(p[8], p[9], p[10]);
  }

  /** Principal point u (foot of the perpendicular from the source on the detector), pixels. */
  public double principalU() {
    return p[0] * p[8] + p[1] * p[9] + p[2] * p[10];
  }

  /** Principal point v, pixels. */
  public double principalV() {
    return p[4] * p[8] + p[5] * p[9] + p[6] * p[10];
  }

  /** Focal length along u, {@code sid / su}, pixels. */
  public double focalLengthU() {
    double cu = principalU();
    return new Vec3(p[0] - cu * p[8], p[1] - cu * p[9], p[2] - cu * p[10]).norm();
  }

  /** Focal length along v, {@code sid / sv}, pixels. */
  public double focalLengthV() {
    double cv = principalV();
    return new Vec3(p[4] - cv * p[8], p[5] - cv * p[9], p[6] - cv * p[10]).norm();
  }

  /** Unit RAS direction of increasing u on the detector. */
  public Vec3 uAxis() {
    double cu = principalU();
    return new Vec3(p[0] - cu * p[8], p[1] - cu * p[9], p[2] - cu * p[10]).normalized();
  }

  /** Unit RAS direction of increasing v on the detector. */
  public Vec3 vAxis() {
    double cv = principalV();
    return new Vec3(p[4] - cv * p[8], p[5] - cv * p[9], p[6] - cv * p[10]).normalized();
  }

  /** Size along u, in mm, of one detector pixel seen at the depth of {@code x} (at the isocentre: su / magnification). */
  public double mmPerPixelUAt(Vec3 x) {
    return depth(x) / focalLengthU();
  }

  /** Size along v, in mm, of one detector pixel seen at the depth of {@code x}. */
  public double mmPerPixelVAt(Vec3 x) {
    return depth(x) / focalLengthV();
  }

  /** The RAS point on the ray through pixel {@code (u, v)} at {@code depthMm} along the beam from the source. */
  public Vec3 backProject(double u, double v, double depthMm) {
    // depth * (u, v, 1) = M X + p4  =>  M X = depth * (u, v, 1) - p4
    return solveM(depthMm * u - p[3], depthMm * v - p[7], depthMm - p[11]);
  }

  /**
   * The projection of the image {@link cathnav.gpu.ComputeBackend#downsample2x} makes from this detector: size
   * {@code floor(w / 2) x floor(h / 2)}; coarse pixel {@code u'} averages fine pixels {@code 2u'} and
   * {@code 2u' + 1}, so {@code u' = (u - 0.5) / 2}.
   */
  public Projection downsample2x() {
    int w = projection.width() / 2;
    int h = projection.height() / 2;
    if (w == 0 || h == 0) {
      throw new IllegalArgumentException(
          "detector too small to downsample, size=" + projection.width() + "x" + projection.height());
    }
    double[] q = new double[12];
    for (int c = 0; c < 4; c++) {
      q[c] = 0.5 * p[c] - 0.25 * p[8 + c];
      q[4 + c] = 0.5 * p[4 + c] - 0.25 * p[8 + c];
      q[8 + c] = p[8 + c];
    }
    return new Projection(w, h, q);
  }
}
