package cathnav.core.geometry;

import cathnav.gpu.Projection;
import java.util.Objects;

/**
 * An isocentric C-arm view and its detector, the parameters a fluoroscope reports (DICOM Positioner Primary /
 * Secondary Angle, Distance Source to Detector / Patient, Imager Pixel Spacing).
 *
 * <p>Conventions (DESIGN.md, exact): world frame patient RAS, mm. At {@code alpha = beta = 0} (AP) the beam (source
 * to detector) points {@code +y}, image u points patient-left ({@code -x}) and image v points inferior
 * ({@code -z}). Other angles rotate the whole source/detector frame by {@code Rz(alpha) * Rx(beta)} about the
 * isocentre (both right-handed), so the beam is {@code (-sin a cos b, cos a cos b, sin b)}. The projection is
 * {@code P = K [R | t]} with the rows of {@code R} the u-axis, v-axis and beam in RAS; {@code (u, v, beam)} is
 * left-handed, so {@code det R = -1} by design (the image is seen from the detector side, as cath-lab monitors show
 * it). The source is at {@code C = -R^T t = isocenter - sod * beam}; {@code K} has focal lengths {@code sid / su},
 * {@code sid / sv} (pixels) and the principal point {@code (principalU, principalV)}, where the ray from the source
 * perpendicular to the detector meets it. Pixel centres are at integer coordinates; the default principal point is
 * the detector centre {@code ((width - 1) / 2, (height - 1) / 2)}.
 *
 * @param primaryAngleDeg alpha, LAO positive, RAO negative, degrees
 * @param secondaryAngleDeg beta, CRAN positive, CAUD negative, degrees
 * @param sidMm source to detector distance, mm
 * @param sodMm source to isocentre distance, mm ({@code 0 < sod < sid})
 * @param width detector width, pixels
 * @param height detector height, pixels
 * @param pixelSpacingU detector pixel spacing along u (along a row), mm
 * @param pixelSpacingV detector pixel spacing along v (down a column), mm
 * @param principalU principal point u, pixels
 * @param principalV principal point v, pixels
 * @param isocenter isocentre, RAS mm
 */
public record CArmGeometry(
    double primaryAngleDeg,
    double secondaryAngleDeg,
    double sidMm,
    double sodMm,
    int width,
    int height,
    double pixelSpacingU,
    double pixelSpacingV,
    double principalU,
    double principalV,
    Vec3 isocenter) {

  public CArmGeometry {
    Objects.requireNonNull(isocenter, "isocenter");
    if (!Double.isFinite(primaryAngleDeg) || !Double.isFinite(secondaryAngleDeg)) {
      throw new IllegalArgumentException(
          "angles must be finite, primaryAngle=" + primaryAngleDeg + ", secondaryAngle=" + secondaryAngleDeg);
    }
    if (!(sodMm > 0) || !(sidMm > sodMm) || Double.isInfinite(sidMm)) {
      throw new IllegalArgumentException("need 0 < sod < sid, sod=" + sodMm + ", sid=" + sidMm);
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("detector size must be positive, size=" + width + "x" + height);
    }
    if (!(pixelSpacingU > 0) || !(pixelSpacingV > 0)
        || Double.isInfinite(pixelSpacingU) || Double.isInfinite(pixelSpacingV)) {
      throw new IllegalArgumentException(
          "pixel spacing must be positive, pixelSpacing=[" + pixelSpacingU + ", " + pixelSpacingV + "]");
    }
    if (!Double.isFinite(principalU) || !Double.isFinite(principalV) || !isocenter.isFinite()) {
      throw new IllegalArgumentException(
          "principal point and isocenter must be finite, principalPoint=[" + principalU + ", " + principalV
              + "], isocenter=" + isocenter);
    }
  }

  /** A view with the principal point at the detector centre and the isocentre at the RAS origin. */
  public static CArmGeometry of(
      double primaryAngleDeg, double secondaryAngleDeg, double sidMm, double sodMm,
      int width, int height, double pixelSpacingU, double pixelSpacingV) {
    return new CArmGeometry(primaryAngleDeg, secondaryAngleDeg, sidMm, sodMm, width, height,
        pixelSpacingU, pixelSpacingV, (width - 1) / 2.0, (height - 1) / 2.0, Vec3.ZERO);
  }

  /** The same view about another isocentre (RAS mm). */
  public CArmGeometry withIsocenter(Vec3 iso) {
    return new CArmGeometry(primaryAngleDeg, secondaryAngleDeg, sidMm, sodMm, width, height,
        pixelSpacingU, pixelSpacingV, principalU, principalV, iso);
  }

  /** The same detector and isocentre seen from other angles (degrees). */
  public CArmGeometry withAngles(double primaryDeg, double secondaryDeg) {
    return new CArmGeometry(primaryDeg, secondaryDeg, sidMm, sodMm, width, height,
        pixelSpacingU, pixelSpacingV, principalU, principalV, isocenter);
  }

  /** {@code Rz(alpha) * Rx(beta)}, row-major 3x3: the rotation of the source/detector frame from AP. */
  public double[][] carmRotation() {
    double a = Math.toRadians(primaryAngleDeg);
    double b = Math.toRadians(secondaryAngleDeg);
    double ca = Math.cos(a);
    double sa = Math.sin(a);
    double cb = Math.cos(b);
    double sb = Math.sin(b);
    // Rz(a) = [[ca,-sa,0],[sa,ca,0],[0,0,1]], Rx(b) = [[1,0,0],[0,cb,-sb],[0,sb,cb]]
    return new double[][] {
      {ca, -sa * cb, sa * sb},
      {sa, ca * cb, -ca * sb},
      {0, sb, cb}
    };
  }

  private Vec3 rotate(Vec3 apDirection) {
    double[][] m = carmRotation();
    return new Vec3(
        m[0][0] * apDirection.x() + m[0][1] * apDirection.y() + m[0][2] * apDirection.z(),
        m[1][0] * apDirection.x() + m[1][1] * apDirection.y() + m[1][2] * apDirection.z(),
        m[2][0] * apDirection.x() + m[2][1] * apDirection.y() + m[2][2] * apDirection.z());
  }

  /** Unit beam direction (source to detector), RAS. */
  public Vec3 beamDirection() {
    return rotate(new Vec3(0, 1, 0));
  }

  /** Unit RAS direction of increasing image u (along a row). */
  public Vec3 uAxis() {
    return rotate(new Vec3(-1, 0, 0));
  }

  /** Unit RAS direction of increasing image v (down a column). */
  public Vec3 vAxis() {
    return rotate(new Vec3(0, 0, -1));
  }

  /** The X-ray source (focal spot), RAS mm. */
  public Vec3 source() {
    return isocenter.minus(beamDirection().times(sodMm));
  }

  /** Where the central ray meets the detector plane, RAS mm. */
  public Vec3 detectorCentre() {
    return source().plus(beamDirection().times(sidMm));
  }

  /** Geometric magnification at the isocentre, {@code sid / sod}. */
  public double magnification() {
    return sidMm / sodMm;
  }

  /** Size at the isocentre of one pixel along u, mm. */
  public double mmPerPixelAtIsocenterU() {
    return pixelSpacingU / magnification();
  }

  /** Size at the isocentre of one pixel along v, mm. */
  public double mmPerPixelAtIsocenterV() {
    return pixelSpacingV / magnification();
  }

  /** {@code P = K [R | t]}, row-major 3x4 (12 values), mapping homogeneous RAS mm to homogeneous pixels. */
  public double[] projectionMatrix() {
    Vec3[] rows = {uAxis(), vAxis(), beamDirection()};
    Vec3 c = source();
    double fu = sidMm / pixelSpacingU;
    double fv = sidMm / pixelSpacingV;
    double[][] k = {{fu, 0, principalU}, {0, fv, principalV}, {0, 0, 1}};
    double[][] rt = new double[3][4];
    for (int r = 0; r < 3; r++) {
      rt[r][0] = rows[r].x();
      rt[r][1] = rows[r].y();
      rt[r][2] = rows[r].z();
      rt[r][3] = -rows[r].dot(c);
    }
    double[] p = new double[12];
    for (int r = 0; r < 3; r++) {
      for (int col = 0; col < 4; col++) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
          s += k[r][i] * rt[i][col];
        }
        p[r * 4 + col] = s;
      }
    }
    return p;
  }

  /** The projection handed to the compute backends. */
  public Projection toProjection() {
    return new Projection(width, height, projectionMatrix());
  }

  /** This view's projection with its decomposition helpers. */
  public ProjectionGeometry projectionGeometry() {
    return new ProjectionGeometry(toProjection());
  }
}
