package cathnav.core.model;

import java.util.List;
import java.util.Objects;

/**
 * The content of a VTK POLYDATA file: its polygons and triangle strips as a triangle mesh over all the file's
 * points, and its LINES cells as polylines (vertex indices into {@code mesh.vertices()}), for example vessel
 * centrelines. VERTICES cells carry no geometry beyond their points and are not kept.
 */
public record VtkPolyData(TriangleMesh mesh, List<int[]> polylines) {

  public VtkPolyData {
    Objects.requireNonNull(mesh, "mesh");
    polylines = List.copyOf(polylines);
  }
}
