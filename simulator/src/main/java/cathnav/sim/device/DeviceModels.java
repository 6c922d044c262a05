package cathnav.sim.device;

import cathnav.core.geometry.Vec3;
import java.util.ArrayList;
import java.util.List;

/**
 * Factories for the devices of a CRT implant, with attenuation near the beam's effective energy (about 60 keV).
 *
 * <p>Platinum-iridium electrodes: 10.5 /mm solid. A lead body (MP35N coil in silicone) averages about 0.25 /mm over
 * its cross-section; a braided diagnostic catheter about 0.08 /mm; a thin-walled platinum ring electrode on a
 * 1 mm radius catheter averages about 2 /mm.
 */
public final class DeviceModels {

  /** Solid platinum-iridium, 1/mm. */
  public static final double MU_PLATINUM = 10.5;
  /** Pacing lead body, cross-section average, 1/mm. */
  public static final double MU_LEAD_BODY = 0.25;
  /** Braided diagnostic catheter body, 1/mm. */
  public static final double MU_CATHETER_BODY = 0.08;
  /** Platinum ring electrode on a catheter, cross-section average, 1/mm. */
  public static final double MU_RING_ELECTRODE = 2.0;

  private DeviceModels() {}

  /**
   * A bipolar pacing lead (radius 0.85 mm, 5 Fr) advanced {@code insertionMm} along {@code route} (from its first
   * point): body along the route up to the tip, a 2 mm tip electrode with a rounded end and a 2 mm ring electrode
   * 10 mm behind the tip.
   */
  public static RadioOpaqueDevice pacingLead(Polyline route, double insertionMm) {
    double r = 0.85;
    double tip = clampInsertion(route, insertionMm);
    List<Tube> tubes = new ArrayList<>();
    if (tip > 2.5) {
      tubes.add(new Tube(route.between(0, tip - 2), r, MU_LEAD_BODY));
    }
    tubes.add(new Tube(route.between(Math.max(0, tip - 2), tip), r, MU_PLATINUM));
    if (tip > 12.5) {
      tubes.add(new Tube(route.between(tip - 12, tip - 10), r, MU_PLATINUM));
    }
    List<Sphere> spheres = List.of(new Sphere(route.pointAt(tip), r, MU_PLATINUM));
    return new RadioOpaqueDevice("pacing-lead", tubes, spheres, route.pointAt(tip));
  }

  /**
   * A decapolar coronary-sinus catheter (radius 1 mm, 6 Fr) advanced {@code insertionMm} along {@code route}: body
   * and ten 1 mm ring electrodes at 2-8-2 spacing from the tip.
   */
  public static RadioOpaqueDevice csCatheter(Polyline route, double insertionMm) {
    double r = 1.0;
    double tip = clampInsertion(route, insertionMm);
    List<Tube> tubes = new ArrayList<>();
    tubes.add(new Tube(route.between(0, tip), r, MU_CATHETER_BODY));
    double s = tip - 1;
    for (int i = 0; i < 10 && s - 1 > 0; i++) {
      tubes.add(new Tube(route.between(s - 1, s), r * 1.02, MU_RING_ELECTRODE));
      s -= (i % 2 == 0) ? 3 : 9; // pairs 2 mm apart (edge to edge), 8 mm between pairs
    }
    List<Sphere> spheres = List.of(new Sphere(route.pointAt(tip), r, MU_CATHETER_BODY));
    return new RadioOpaqueDevice("cs-catheter", tubes, spheres, route.pointAt(tip));
  }

  /** A contrast-filled vessel segment: {@code excessMu} above blood, along {@code centreline}. */
  public static RadioOpaqueDevice contrastVessel(String name, Polyline centreline, double radiusMm, double excessMu) {
    Vec3 end = centreline.pointAt(centreline.length());
    return new RadioOpaqueDevice(name, List.of(new Tube(centreline, radiusMm, excessMu)), List.of(), end);
  }

  private static double clampInsertion(Polyline route, double insertionMm) {
    if (!(insertionMm > 0)) {
      throw new IllegalArgumentException("insertion must be positive, insertionMm=" + insertionMm);
    }
    return Math.min(insertionMm, route.length());
  }
}
