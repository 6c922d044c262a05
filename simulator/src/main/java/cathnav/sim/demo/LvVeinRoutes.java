package cathnav.sim.demo;

import cathnav.core.anatomy.AhaFrame;
import cathnav.core.anatomy.AhaSegment;
import cathnav.core.geometry.Vec3;
import cathnav.core.model.TriangleMesh;
import cathnav.sim.device.Polyline;
import cathnav.sim.phantom.CardiacVeins;
import java.util.ArrayList;
import java.util.List;

/**
 * Vein and device routes laid on a patient model's LV epicardium, so that the simulator's contrast-filled veins and
 * lead run where the model's LV is (the routes {@link CardiacVeins#around} places from a whole-heart outline can end
 * centimetres from the LV of a real CT):
 *
 * <ul>
 *   <li>coronary sinus: round the LV base in the AV groove ({@value #GROOVE_LEVEL} of the apex-to-mitral length),
 *       from the inferior RV insertion (near the CS ostium at the crux) through the inferior and lateral free wall to
 *       the middle of the anterolateral sector;
 *   <li>lateral vein: from the CS down the free wall at the target segment's angle to the target's level;
 *   <li>lead: access through the subclavian vein, SVC and right atrium to the CS ostium, along the CS to the vein,
 *       down the vein (its tip ends over the target); CS catheter: the same access, then the whole CS.
 * </ul>
 *
 * Every route point lies {@value #OFFSET_MM} mm outside the epicardium (a vein on the heart's surface). Stateless.
 */
public final class LvVeinRoutes {

  /** Level of the AV groove as a fraction of the apex-to-mitral length. */
  static final double GROOVE_LEVEL = 0.95;
  /** Distance of a vein's centreline outside the epicardium, mm. */
  static final double OFFSET_MM = 3;

  private LvVeinRoutes() {}

  /**
   * Routes on {@code epicardium} (RAS mm) in the AHA {@code frame}, with the lateral vein ending over
   * {@code target} (a basal or mid free-wall segment: inferior, inferolateral, anterolateral or anterior; for any
   * other the mid inferolateral segment, the usual CRT target, is used).
   */
  public static CardiacVeins on(TriangleMesh epicardium, AhaFrame frame, AhaSegment target) {
    Surface s = new Surface(epicardium, frame);
    double arc = frame.septalArcDegrees();
    double quarter = (360 - arc) / 4;
    int sector = freeWallSector(target);
    if (sector < 0) {
      target = AhaSegment.MID_INFEROLATERAL;
      sector = 1;
    }
    double veinDeg = arc + (sector + 0.5) * quarter;
    double targetLevel = target.level() == AhaSegment.Level.BASAL ? 5.0 / 6 : 0.5;
    double csStart = arc - 5;
    double csEnd = arc + 2.5 * quarter;
    List<Vec3> cs = new ArrayList<>();
    int csPoints = 14;
    int junction = 0;
    for (int i = 0; i <= csPoints; i++) {
      double deg = csStart + (csEnd - csStart) * i / csPoints;
      cs.add(s.point(GROOVE_LEVEL, deg));
      if (deg <= veinDeg) {
        junction = i;
      }
    }
    List<Vec3> vein = new ArrayList<>();
    int veinPoints = 8;
    for (int i = 0; i <= veinPoints; i++) {
      double t = GROOVE_LEVEL + (targetLevel - GROOVE_LEVEL) * i / veinPoints;
      vein.add(s.point(t, veinDeg));
    }
    // access: left subclavian (patient left is -x in RAS), brachiocephalic, SVC, right atrium, CS ostium
    Vec3 ostium = cs.get(0);
    List<Vec3> access = List.of(ostium.plus(new Vec3(-60, 25, 150)), ostium.plus(new Vec3(-10, 15, 125)),
        ostium.plus(new Vec3(25, 5, 95)), ostium.plus(new Vec3(25, 0, 60)), ostium.plus(new Vec3(20, 0, 30)),
        ostium.plus(new Vec3(10, 0, 12)));
    List<Vec3> lead = new ArrayList<>(access);
    lead.addAll(cs.subList(0, junction + 1));
    lead.addAll(vein);
    List<Vec3> csRoute = new ArrayList<>(access);
    csRoute.addAll(cs);
    return new CardiacVeins(new Polyline(cs), new Polyline(vein), new Polyline(dedupe(lead)),
        new Polyline(dedupe(csRoute)));
  }

  /** The free-wall quarter of a segment (0 inferior, 1 inferolateral, 2 anterolateral, 3 anterior), or -1. */
  static int freeWallSector(AhaSegment s) {
    return switch (s.number()) {
      case 4, 10 -> 0;
      case 5, 11 -> 1;
      case 6, 12 -> 2;
      case 1, 7 -> 3;
      default -> -1;
    };
  }

  private static List<Vec3> dedupe(List<Vec3> points) {
    List<Vec3> out = new ArrayList<>();
    for (Vec3 p : points) {
      if (out.isEmpty() || out.get(out.size() - 1).distance(p) > 1e-6) {
        out.add(p);
      }
    }
    return out;
  }

  /** The epicardium in the AHA frame's cylindrical coordinates, for radius look-ups. */
  private static final class Surface {
    final AhaFrame frame;
    final Vec3 axis;
    final double length;
    final double[] level;
    final double[] angleDeg;
    final double[] radius;

    Surface(TriangleMesh mesh, AhaFrame frame) {
      this.frame = frame;
      this.axis = frame.axis();
      this.length = frame.length();
      int n = mesh.vertexCount();
      level = new double[n];
      angleDeg = new double[n];
      radius = new double[n];
      float[] v = mesh.vertices();
      for (int i = 0; i < n; i++) {
        Vec3 p = new Vec3(v[3 * i], v[3 * i + 1], v[3 * i + 2]);
        level[i] = frame.level(p);
        angleDeg[i] = Math.toDegrees(frame.angle(p));
        Vec3 d = p.minus(frame.apex());
        radius[i] = d.minus(axis.times(d.dot(axis))).norm();
      }
    }

    /**
     * The point {@link #OFFSET_MM} outside the surface at level {@code t} and angle {@code deg}: the largest radius
     * of the vertices near that level and angle (the window widens until it holds some).
     */
    Vec3 point(double t, double deg) {
      double r = 0;
      for (double window = 1; r == 0 && window <= 16; window *= 2) {
        double dt = 0.03 * window;
        double da = 8 * window;
        for (int i = 0; i < level.length; i++) {
          double diff = Math.abs(((angleDeg[i] - deg) % 360 + 540) % 360 - 180);
          if (Math.abs(level[i] - t) <= dt && diff <= da) {
            r = Math.max(r, radius[i]);
          }
        }
      }
      double theta = Math.toRadians(deg);
      Vec3 dir = frame.anterior().times(Math.cos(theta)).plus(frame.septal().times(Math.sin(theta)));
      return frame.apex().plus(axis.times(t * length)).plus(dir.times(r + OFFSET_MM));
    }
  }
}
