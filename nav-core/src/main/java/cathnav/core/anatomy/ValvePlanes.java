package cathnav.core.anatomy;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.MeshComponents;
import cathnav.core.model.TriangleMesh;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The LV valve planes found in a caps surface (the flat discs that close the LV cavity at its valves): the largest
 * disc is the mitral valve, the next one (when present) the aortic valve, as in every adult heart.
 *
 * @param mitralCentre area-weighted centroid of the mitral disc, RAS mm
 * @param mitralArea area of the mitral disc, mm^2
 * @param aorticCentre area-weighted centroid of the aortic disc, RAS mm, or null when the caps hold one disc
 */
public record ValvePlanes(Vec3 mitralCentre, double mitralArea, Vec3 aorticCentre) {

  public ValvePlanes {
    Objects.requireNonNull(mitralCentre, "mitralCentre");
  }

  /** Splits {@code caps} into connected discs and names them by area. */
  public static ValvePlanes fromCaps(TriangleMesh caps) {
    List<TriangleMesh> discs = MeshComponents.of(caps).split(caps);
    if (discs.isEmpty()) {
      throw new IllegalArgumentException("valve caps surface is empty");
    }
    discs.sort(Comparator.comparingDouble(TriangleMesh::area).reversed());
    TriangleMesh mitral = discs.get(0);
    Vec3 aortic = discs.size() > 1 ? Vec3.of(discs.get(1).surfaceCentroid()) : null;
    return new ValvePlanes(Vec3.of(mitral.surfaceCentroid()), mitral.area(), aortic);
  }
}
