package cathnav.core.anatomy;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.TriangleMesh;
import java.util.Objects;

/**
 * The AHA 17-segment labels of one LV surface: a segment number (1..17) per triangle (from its centroid) and per
 * vertex, with each segment's area and area-weighted centroid.
 *
 * <p>Arrays are owned by the record and handed out without copying; treat them as read-only.
 *
 * @param frame the frame the labels were computed in
 * @param triangleSegments AHA number per triangle of the labelled mesh
 * @param vertexSegments AHA number per vertex of the labelled mesh
 * @param areas area per segment, mm^2, indexed by AHA number (index 0 unused)
 * @param centroids area-weighted centroid per segment, RAS mm, indexed by AHA number (index 0 null)
 */
public record AhaSegmentation(
    AhaFrame frame, int[] triangleSegments, int[] vertexSegments, double[] areas, Vec3[] centroids) {

  public AhaSegmentation {
    Objects.requireNonNull(frame, "frame");
    if (areas.length != 18 || centroids.length != 18) {
      throw new IllegalArgumentException("areas and centroids are indexed 0..17");
    }
  }

  /** Labels every triangle and vertex of {@code mesh} in {@code frame}. */
  public static AhaSegmentation of(TriangleMesh mesh, AhaFrame frame) {
    int nt = mesh.triangleCount();
    int[] tri = new int[nt];
    double[] areas = new double[18];
    double[][] sums = new double[18][3];
    for (int t = 0; t < nt; t++) {
      double[] c = mesh.triangleCentroid(t);
      int s = frame.segmentOf(Vec3.of(c)).number();
      tri[t] = s;
      double a = mesh.triangleArea(t);
      areas[s] += a;
      for (int k = 0; k < 3; k++) {
        sums[s][k] += a * c[k];
      }
    }
    int[] vert = new int[mesh.vertexCount()];
    for (int v = 0; v < vert.length; v++) {
      vert[v] = frame.segmentOf(Vec3.of(mesh.vertex(v))).number();
    }
    Vec3[] centroids = new Vec3[18];
    for (int s = 1; s <= 17; s++) {
      centroids[s] = areas[s] > 0 ? new Vec3(sums[s][0] / areas[s], sums[s][1] / areas[s], sums[s][2] / areas[s]) : null;
    }
    return new AhaSegmentation(frame, tri, vert, areas, centroids);
  }

  public double area(AhaSegment s) {
    return areas[s.number()];
  }

  /** The segment's area-weighted centroid, RAS mm, or null when no triangle carries it. */
  public Vec3 centroid(AhaSegment s) {
    return centroids[s.number()];
  }

  public double totalArea() {
    double sum = 0;
    for (int s = 1; s <= 17; s++) {
      sum += areas[s];
    }
    return sum;
  }

  /** The segment of triangle {@code t}. */
  public AhaSegment segmentOfTriangle(int t) {
    return AhaSegment.of(triangleSegments[t]);
  }
}
