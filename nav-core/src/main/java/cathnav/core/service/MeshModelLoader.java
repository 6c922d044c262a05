package cathnav.core.service;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.Meshes;
import cathnav.core.model.ModelFileException;
import cathnav.core.model.TriangleMesh;
import cathnav.core.model.Volume;
import cathnav.core.model.Volumes;
import cathnav.core.overlay.GuidanceMesh;
import cathnav.core.overlay.GuidanceModel;
import cathnav.core.tracking.RegistrationModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a model: a pre-operative model description through {@link PreopModelAdapter}, or plain files: the LV mesh (any mesh format {@link Meshes} reads), vein centrelines (meshes whose
 * vertices, in file order, form the polyline), and the CT volume as registration data ({@link RegistrationModel},
 * rotating about the LV centroid). Triangles carry no AHA
 * segment unless a segment labeller is given.
 *
 * <p>Thread-safety: stateless; runs on worker threads.
 */
public final class MeshModelLoader implements ModelLoader {

  /** Labels the LV triangles with AHA segments (1..17, 0 none). */
  @FunctionalInterface
  public interface SegmentLabeller {
    int[] label(TriangleMesh leftVentricle);
  }

  private final SegmentLabeller labeller;

  /** @param labeller labels LV triangles with AHA segments; null leaves them unlabelled */
  public MeshModelLoader(SegmentLabeller labeller) {
    this.labeller = labeller;
  }

  @Override
  public ProcedureModel load(ModelRequest request) throws IOException {
    if (request.description() != null) {
      return PreopModelAdapter.load(request.description(), request.targetSegment());
    }
    TriangleMesh lv = Meshes.read(request.leftVentricle());
    int[] segments = labeller == null ? null : labeller.label(lv);
    GuidanceMesh mesh = GuidanceMesh.of(lv.vertices(), lv.triangles(), segments);
    List<float[]> veins = new ArrayList<>();
    for (Path p : request.veins()) {
      TriangleMesh vein = Meshes.read(p);
      if (vein.vertexCount() < 2) {
        throw new ModelFileException(p, "vein centreline needs at least 2 points, points=" + vein.vertexCount());
      }
      veins.add(vein.vertices());
    }
    Volume ct = request.ct() == null ? null : Volumes.read(request.ct());
    double[] c = mesh.centroid();
    Object registration = ct == null ? null : RegistrationModel.of(ct, new Vec3(c[0], c[1], c[2]));
    if (request.targetSegment() > 0 && !mesh.hasSegment(request.targetSegment())) {
      throw new ModelFileException(request.leftVentricle(), "target segment " + request.targetSegment()
          + " is on no triangle of the LV mesh" + (labeller == null ? " (no AHA labelling available)" : ""));
    }
    String name = request.leftVentricle().getFileName().toString();
    return new ProcedureModel(name, new GuidanceModel(name, mesh, veins), registration, request.targetSegment());
  }
}
