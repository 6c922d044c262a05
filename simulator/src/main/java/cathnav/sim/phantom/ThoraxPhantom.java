package cathnav.sim.phantom;

import cathnav.core.geometry.Vec3;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An analytic thorax for simulation when no CT is given: body wall, lungs, spine, ribs, sternum, liver dome, aorta,
 * a heart with contrast-filled chambers, the coronary sinus and a lateral vein, and metal fiducial beads on the
 * chest wall. RAS mm, heart centre at the origin.
 *
 * @param anatomy every solid in painting order (later over earlier)
 * @param heartRegion the solids that move with the heart (their union, slightly dilated, is the heart region)
 * @param beads fiducial beads (static: they move only with the patient pose)
 * @param heartCentre centre of the heart region, RAS mm (the rotation centre of cardiac twist)
 * @param heartLongAxis unit vector from base to apex
 * @param veins coronary sinus, lateral vein and the device routes through them
 * @param boundsMm the box the phantom fills {@code {minX, minY, minZ, maxX, maxY, maxZ}}
 */
public record ThoraxPhantom(
    List<PhantomShape> anatomy,
    List<PhantomShape> heartRegion,
    List<Capsule> beads,
    Vec3 heartCentre,
    Vec3 heartLongAxis,
    CardiacVeins veins,
    double[] boundsMm) {

  /** Hounsfield value of the metal beads (steel-like; above the usual CT clamp of 3000 HU on purpose). */
  public static final double BEAD_HU = 15000;
  /** Bead radius, mm. */
  public static final double BEAD_RADIUS_MM = 2.0;

  public ThoraxPhantom {
    anatomy = List.copyOf(anatomy);
    heartRegion = List.copyOf(heartRegion);
    beads = List.copyOf(beads);
    Objects.requireNonNull(heartCentre, "heartCentre");
    Objects.requireNonNull(heartLongAxis, "heartLongAxis");
    Objects.requireNonNull(veins, "veins");
    boundsMm = boundsMm.clone();
  }

  @Override
  public double[] boundsMm() {
    return boundsMm.clone();
  }

  /** The same phantom without its fiducial beads (to isolate the beads' own contribution to a frame). */
  public ThoraxPhantom withoutBeads() {
    List<PhantomShape> rest = anatomy.stream().filter(s -> !beads.contains(s)).toList();
    return new ThoraxPhantom(rest, heartRegion, List.of(), heartCentre, heartLongAxis, veins, boundsMm);
  }

  /** The standard adult phantom. */
  public static ThoraxPhantom standard() {
    List<PhantomShape> shapes = new ArrayList<>();
    double bodyCy = -30;
    shapes.add(Ellipsoid.aligned("body-fat", new Vec3(0, bodyCy, 0), 165, 115, 1e4, -90));
    shapes.add(Ellipsoid.aligned("body-muscle", new Vec3(0, bodyCy, 0), 153, 103, 1e4, 40));
    shapes.add(Ellipsoid.aligned("liver-dome", new Vec3(-30, -20, -150), 140, 105, 60, 60));
    shapes.add(Ellipsoid.aligned("lung-right", new Vec3(-82, -32, 25), 60, 78, 120, -830));
    shapes.add(Ellipsoid.aligned("lung-left", new Vec3(82, -32, 25), 60, 78, 120, -830));
    for (int v = 0; v < 12; v++) {
      double z = 150 - v * 28;
      shapes.add(Ellipsoid.aligned("vertebra-" + v, new Vec3(0, -108, z), 20, 17, 11.5, 480));
      shapes.add(new Capsule("spinous-" + v, new Vec3(0, -128, z - 4), new Vec3(0, -140, z - 12), 4.5, 600));
    }
    for (int r = 0; r < 10; r++) {
      double z = 125 - r * 26;
      for (int side = -1; side <= 1; side += 2) {
        addRib(shapes, (side < 0 ? "rib-r" : "rib-l") + (r + 1), side, z, bodyCy);
      }
    }
    shapes.add(Ellipsoid.aligned("sternum", new Vec3(0, 71, 10), 14, 6, 85, 500));
    shapes.add(new Capsule("aorta-ascending", new Vec3(-5, -8, 25), new Vec3(-8, -6, 75), 13, 330));
    shapes.add(new Capsule("aorta-arch", new Vec3(-8, -6, 75), new Vec3(20, -55, 88), 12, 330));
    shapes.add(new Capsule("aorta-descending", new Vec3(20, -55, 88), new Vec3(22, -72, -170), 11, 330));

    Vec3 centre = Vec3.ZERO;
    Vec3 axis = new Vec3(0.55, 0.45, -0.70).normalized();
    List<PhantomShape> heart = new ArrayList<>();
    heart.add(Ellipsoid.along("heart-myocardium", centre, axis, 50, 44, 64, 45));
    heart.add(Ellipsoid.along("lv-cavity", centre.plus(axis.times(8)).plus(new Vec3(14, -2, 4)), axis, 20, 20, 38,
        380));
    heart.add(Ellipsoid.along("rv-cavity", new Vec3(-14, 26, -6), axis, 24, 11, 34, 320));
    heart.add(Ellipsoid.aligned("la-cavity", new Vec3(2, -30, 26), 24, 14, 17, 360));
    heart.add(Ellipsoid.aligned("ra-cavity", new Vec3(-34, -8, 14), 18, 18, 24, 300));

    CardiacVeins veins = CardiacVeins.around(centre, axis, 43, 64);
    List<Vec3> cs = veins.coronarySinus().points();
    List<Vec3> vein = veins.lateralVein().points();
    for (int i = 1; i < cs.size(); i++) {
      heart.add(new Capsule("coronary-sinus-" + i, cs.get(i - 1), cs.get(i), 4.5, 40));
    }
    for (int i = 1; i < vein.size(); i++) {
      heart.add(new Capsule("lateral-vein-" + i, vein.get(i - 1), vein.get(i), 2.0, 40));
    }
    shapes.addAll(heart);

    List<Capsule> beads = List.of(
        Capsule.ball("bead-1", new Vec3(-65, 68, 62), BEAD_RADIUS_MM, BEAD_HU),
        Capsule.ball("bead-2", new Vec3(58, 62, -58), BEAD_RADIUS_MM, BEAD_HU),
        Capsule.ball("bead-3", new Vec3(-42, 76, -30), BEAD_RADIUS_MM, BEAD_HU),
        Capsule.ball("bead-4", new Vec3(45, 72, 95), BEAD_RADIUS_MM, BEAD_HU),
        Capsule.ball("bead-5", new Vec3(95, 30, 10), BEAD_RADIUS_MM, BEAD_HU));
    shapes.addAll(beads);

    return new ThoraxPhantom(shapes, heart, beads, centre, axis, veins, 
        new double[] {-180, -160, -170, 180, 100, 170});
  }

  private static void addRib(List<PhantomShape> shapes, String name, int side, double z, double bodyCy) {
    double phi0 = Math.toRadians(-80);
    double phi1 = Math.toRadians(68);
    int steps = 12;
    Vec3 prev = null;
    for (int s = 0; s <= steps; s++) {
      double f = s / (double) steps;
      double phi = phi0 + f * (phi1 - phi0);
      Vec3 p = new Vec3(side * 143 * Math.cos(phi), bodyCy + 94 * Math.sin(phi), z - 38 * f);
      if (prev != null) {
        shapes.add(new Capsule(name + "-" + s, prev, p, 5, 750));
      }
      prev = p;
    }
  }

}
