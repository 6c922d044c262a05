package cathnav.core.anatomy;

import cathnav.core.geometry.Vec3;
import java.util.Objects;

/**
 * The left-ventricle coordinate frame that the AHA segments are defined in, RAS mm.
 *
 * <p>The long axis runs from {@code apex} to {@code mitralCentre}; a point's level is its projection on that axis
 * as a fraction {@code t} of the apex-to-mitral distance ({@code t = 0} at the apex, 1 at the mitral-valve centre).
 * {@code anterior} is the unit direction, perpendicular to the axis, from the axis towards the anterior RV
 * insertion point; {@code septal} is the perpendicular unit direction a quarter turn from it on the septum's side.
 * The circumferential angle grows from the anterior insertion towards the septum, so the sectors run in AHA order
 * whatever the handedness of the data.
 *
 * <p>Sectors follow the patient's RV insertions, as the AHA statement defines the septum by them: the septal arc
 * (from the anterior to the inferior insertion, {@code septalArcDegrees} wide) is halved into anteroseptal and
 * inferoseptal; the free wall beyond the inferior insertion is quartered into inferior, inferolateral,
 * anterolateral and anterior. Apical sectors are 90 degrees wide with the septal one centred on the septum, then
 * inferior, lateral and anterior.
 *
 * @param apex the LV apex, RAS mm
 * @param mitralCentre the centre of the mitral-valve plane, RAS mm
 * @param anterior unit direction perpendicular to the axis towards the anterior RV insertion
 * @param septal unit direction perpendicular to the axis and to {@code anterior}, on the septal side
 * @param septalArcDegrees angle from the anterior to the inferior insertion across the septum, degrees (0, 360)
 * @param apicalCap fraction of the axis, from the apex, that forms segment 17 (the apical cap)
 */
public record AhaFrame(
    Vec3 apex, Vec3 mitralCentre, Vec3 anterior, Vec3 septal, double septalArcDegrees, double apicalCap) {

  /** The septal arc of the idealised AHA model: two 60-degree septal sectors. */
  public static final double DEFAULT_SEPTAL_ARC_DEGREES = 120;

  /** The default apical cap: about the apical wall thickness over the LV length. */
  public static final double DEFAULT_APICAL_CAP = 0.1;

  public AhaFrame {
    Objects.requireNonNull(apex, "apex");
    Objects.requireNonNull(mitralCentre, "mitralCentre");
    Objects.requireNonNull(anterior, "anterior");
    Objects.requireNonNull(septal, "septal");
    double length = mitralCentre.distance(apex);
    if (!(length > 1e-6)) {
      throw new IllegalArgumentException("apex and mitral centre coincide, apex=" + apex + ", mitralCentre=" + mitralCentre);
    }
    Vec3 axis = mitralCentre.minus(apex).times(1 / length);
    if (Math.abs(anterior.norm() - 1) > 1e-6 || Math.abs(septal.norm() - 1) > 1e-6
        || Math.abs(anterior.dot(axis)) > 1e-6 || Math.abs(septal.dot(axis)) > 1e-6
        || Math.abs(anterior.dot(septal)) > 1e-6) {
      throw new IllegalArgumentException("anterior and septal must be unit vectors perpendicular to the long axis "
          + "and to each other, anterior=" + anterior + ", septal=" + septal + ", axis=" + axis);
    }
    if (!(septalArcDegrees > 0 && septalArcDegrees < 360)) {
      throw new IllegalArgumentException("septalArcDegrees must be in (0, 360), septalArcDegrees=" + septalArcDegrees);
    }
    if (!(apicalCap >= 0 && apicalCap < 1.0 / 3)) {
      throw new IllegalArgumentException("apicalCap must be in [0, 1/3), apicalCap=" + apicalCap);
    }
  }

  /** The unit long axis, apex to mitral centre. */
  public Vec3 axis() {
    return mitralCentre.minus(apex).normalized();
  }

  /** The apex-to-mitral-centre distance, mm. */
  public double length() {
    return mitralCentre.distance(apex);
  }

  /** The level of {@code p}: its projection on the long axis, 0 at the apex, 1 at the mitral centre. */
  public double level(Vec3 p) {
    return p.minus(apex).dot(axis()) / length();
  }

  /** The circumferential angle of {@code p} about the long axis, radians in [0, 2 pi), 0 at the anterior insertion. */
  public double angle(Vec3 p) {
    Vec3 d = p.minus(apex);
    double a = Math.atan2(d.dot(septal), d.dot(anterior));
    return a < 0 ? a + 2 * Math.PI : a;
  }

  /** The AHA segment that holds point {@code p}. */
  public AhaSegment segmentOf(Vec3 p) {
    return segmentOf(level(p), angle(p));
  }

  /** The AHA segment at level {@code t} and angle {@code theta} (radians from the anterior insertion). */
  public AhaSegment segmentOf(double t, double theta) {
    if (t < apicalCap) {
      return AhaSegment.APEX;
    }
    double deg = ((Math.toDegrees(theta) % 360) + 360) % 360;
    double arc = septalArcDegrees;
    if (t < 1.0 / 3) {
      double a = ((deg - arc / 2 + 45) % 360 + 360) % 360;
      int q = (int) (a / 90);
      return AhaSegment.of(new int[] {14, 15, 16, 13}[Math.min(q, 3)]);
    }
    int sector;
    if (deg < arc) {
      sector = deg < arc / 2 ? 2 : 3;
    } else {
      int q = (int) ((deg - arc) / ((360 - arc) / 4));
      sector = new int[] {4, 5, 6, 1}[Math.min(q, 3)];
    }
    return AhaSegment.of(t < 2.0 / 3 ? sector + 6 : sector);
  }
}
