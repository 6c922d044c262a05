package cathnav.sim.phantom;

import cathnav.core.geometry.Vec3;
import cathnav.sim.device.Polyline;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic venous anatomy of a heart given its centre, long axis and size: the coronary sinus as an arc in the
 * posterior atrioventricular groove (from the right atrium, posteriorly, to the left lateral wall), a lateral
 * cardiac vein down the lateral wall towards the apex, and the device routes through them from a left subclavian
 * access via the superior vena cava and right atrium.
 *
 * <p>These paths are geometric models placed on the heart's outline, not segmented from an image.
 *
 * @param coronarySinus CS centreline, ostium first
 * @param lateralVein lateral vein centreline, from the CS towards the apex
 * @param leadRoute left-ventricular lead route, access first, ending at the distal lateral vein
 * @param csCatheterRoute CS catheter route, access first, ending in the distal CS
 */
public record CardiacVeins(
    Polyline coronarySinus, Polyline lateralVein, Polyline leadRoute, Polyline csCatheterRoute) {

  /**
   * @param centre heart centre, RAS mm
   * @param longAxis base to apex (unit)
   * @param radiusMm radius of the heart about its long axis at the AV groove, mm
   * @param halfLengthMm half the base-to-apex length, mm
   */
  public static CardiacVeins around(Vec3 centre, Vec3 longAxis, double radiusMm, double halfLengthMm) {
    Vec3 axis = longAxis.normalized();
    Vec3 post = orthogonalUnit(new Vec3(0, -1, 0), axis);
    Vec3 lat = orthogonalUnit(orthogonalUnit(new Vec3(1, 0, 0), axis), post);
    Vec3 base = centre.minus(axis.times(0.47 * halfLengthMm));
    List<Vec3> cs = new ArrayList<>();
    for (int deg = -65; deg <= 100; deg += 11) {
      double a = Math.toRadians(deg);
      cs.add(base.plus(post.times(radiusMm * Math.cos(a))).plus(lat.times(radiusMm * Math.sin(a))));
    }
    double veinAngle = Math.toRadians(92);
    Vec3 veinDir = post.times(Math.cos(veinAngle)).plus(lat.times(Math.sin(veinAngle)));
    List<Vec3> vein = new ArrayList<>();
    double outer = radiusMm * 1.1;
    for (int step = 0; step <= 8; step++) {
      double along = -0.47 + step * (1.0 / 8);
      double radial = outer * Math.sqrt(Math.max(0.05, 1 - along * along)) + 2;
      vein.add(centre.plus(axis.times(along * halfLengthMm)).plus(veinDir.times(radial)));
    }
    // access: left subclavian, brachiocephalic, SVC, into the RA towards the CS ostium
    Vec3 ostium = cs.get(0);
    Vec3 raCentre = ostium.plus(new Vec3(-10, 8, 20));
    List<Vec3> access = List.of(
        centre.plus(new Vec3(70, 25, 150)), centre.plus(new Vec3(30, 10, 125)),
        centre.plus(new Vec3(-20, -8, 100)), centre.plus(new Vec3(-30, -10, 70)), raCentre.plus(new Vec3(0, 0, 20)),
        raCentre);
    List<Vec3> lead = new ArrayList<>(access);
    lead.addAll(cs.subList(0, cs.size() - 1));
    lead.add(vein.get(0).plus(cs.get(cs.size() - 1)).times(0.5));
    lead.addAll(vein.subList(1, vein.size()));
    List<Vec3> csRoute = new ArrayList<>(access);
    csRoute.addAll(cs);
    return new CardiacVeins(new Polyline(cs), new Polyline(vein), new Polyline(dedupe(lead)),
        new Polyline(dedupe(csRoute)));
  }

  private static Vec3 orthogonalUnit(Vec3 v, Vec3 axis) {
    return v.minus(axis.times(v.dot(axis))).normalized();
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
}
