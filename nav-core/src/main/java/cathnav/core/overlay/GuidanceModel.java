package cathnav.core.overlay;

import java.util.List;
import java.util.Objects;

/**
 * What the overlay draws from the pre-operative model: the LV surface with its AHA segment labels and the vein
 * centrelines, all in model RAS mm. Immutable.
 *
 * @param name short name for logs and the display (e.g. the patient case)
 * @param leftVentricle LV surface (epicardium where known), triangles labelled with AHA segments
 * @param veins coronary sinus and vein centrelines, each {@code x0, y0, z0, x1, ...} RAS mm (at least 2 points)
 */
public record GuidanceModel(String name, GuidanceMesh leftVentricle, List<float[]> veins) {

  public GuidanceModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(leftVentricle, "leftVentricle");
    veins = veins.stream().map(float[]::clone).toList();
    for (int i = 0; i < veins.size(); i++) {
      float[] v = veins.get(i);
      if (v.length % 3 != 0 || v.length < 6) {
        throw new IllegalArgumentException("vein " + i + " needs at least 2 x,y,z points, length=" + v.length);
      }
    }
  }

  @Override
  public List<float[]> veins() {
    return veins.stream().map(float[]::clone).toList();
  }

  /** Number of vein polylines. */
  public int veinCount() {
    return veins.size();
  }

  /** Coordinates of vein {@code i} (not a copy: callers must not modify). */
  float[] veinPoints(int i) {
    return veins.get(i);
  }
}
