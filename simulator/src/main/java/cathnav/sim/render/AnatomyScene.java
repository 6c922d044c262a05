package cathnav.sim.render;

import cathnav.core.geometry.Vec3;
import cathnav.gpu.VolumeGrid;
import cathnav.sim.phantom.CardiacVeins;
import java.util.List;
import java.util.Objects;

/**
 * What the simulator renders: the patient's attenuation split into static anatomy and a moving heart region (see
 * {@link HeartRegionSplit}), with the heart's frame, the fiducials and the venous routes the devices follow. All
 * positions are in the model frame (RAS mm of the CT or phantom); the patient pose {@code T} moves them all, the
 * heart motion additionally moves the heart region, its veins and the devices in them.
 *
 * @param name where it came from ({@code phantom:standard}, or the CT file name)
 * @param staticMu static anatomy, linear attenuation 1/mm
 * @param heartMu heart region (excess over the background), linear attenuation 1/mm
 * @param heartCentre centre of the heart region, RAS mm (centre of cardiac twist)
 * @param heartLongAxis unit vector, base to apex
 * @param heartBoxMm RAS bounds of the heart sub-volume {@code {minX, minY, minZ, maxX, maxY, maxZ}}
 * @param fiducials fiducial bead centres (static), RAS mm
 * @param veins coronary sinus, lateral vein and device routes
 */
public record AnatomyScene(
    String name,
    VolumeGrid staticMu,
    VolumeGrid heartMu,
    Vec3 heartCentre,
    Vec3 heartLongAxis,
    double[] heartBoxMm,
    List<Vec3> fiducials,
    CardiacVeins veins) {

  public AnatomyScene {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(staticMu, "staticMu");
    Objects.requireNonNull(heartMu, "heartMu");
    Objects.requireNonNull(heartCentre, "heartCentre");
    Objects.requireNonNull(heartLongAxis, "heartLongAxis");
    if (heartBoxMm == null || heartBoxMm.length != 6) {
      throw new IllegalArgumentException("heartBoxMm must have 6 values");
    }
    heartBoxMm = heartBoxMm.clone();
    fiducials = List.copyOf(fiducials);
    Objects.requireNonNull(veins, "veins");
  }

  @Override
  public double[] heartBoxMm() {
    return heartBoxMm.clone();
  }

  /** RAS bounds of a grid's voxel centres. */
  static double[] bounds(VolumeGrid grid) {
    double[] m = grid.voxelToRas();
    double[] b = {
      Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY
    };
    for (int corner = 0; corner < 8; corner++) {
      double i = (corner & 1) * (grid.nx() - 1);
      double j = ((corner >> 1) & 1) * (grid.ny() - 1);
      double k = ((corner >> 2) & 1) * (grid.nz() - 1);
      for (int a = 0; a < 3; a++) {
        double v = m[a * 4] * i + m[a * 4 + 1] * j + m[a * 4 + 2] * k + m[a * 4 + 3];
        b[a] = Math.min(b[a], v);
        b[3 + a] = Math.max(b[3 + a], v);
      }
    }
    return b;
  }

  /** A scene from split volumes; the heart box is the heart grid's bounds. */
  public static AnatomyScene of(String name, HeartRegionSplit.Parts parts, Vec3 heartCentre, Vec3 heartLongAxis,
      List<Vec3> fiducials, CardiacVeins veins) {
    return new AnatomyScene(name, parts.staticMu(), parts.heartMu(), heartCentre, heartLongAxis,
        bounds(parts.heartMu()), fiducials, veins);
  }
}
