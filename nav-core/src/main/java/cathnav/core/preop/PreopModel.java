package cathnav.core.preop;

import cathnav.core.anatomy.AhaFrame;
import cathnav.core.anatomy.AhaSegment;
import cathnav.core.anatomy.AhaSegmentation;
import cathnav.core.model.TriangleMesh;
import cathnav.core.model.Volume;
import cathnav.core.overlay.GuidanceMesh;
import cathnav.core.overlay.GuidanceModel;
import java.util.List;
import java.util.Objects;

/**
 * A patient's pre-operative model in RAS mm: the CT for registration, the LV surfaces with their AHA segments, the
 * RV, vein centrelines and the target segment. Immutable once built (the volume and meshes are read-only by
 * contract) and safe to share between threads; {@link PreopModelLoader} builds one from a model description.
 *
 * @param name the model's name, for logs and displays
 * @param ct the CT volume for registration, or null for a model without one (overlay only)
 * @param lvEndocardium the LV endocardium, or null
 * @param lvEpicardium the LV epicardium, or null (at least one LV surface is present)
 * @param rv the RV surface, or null
 * @param ahaFrame the frame that defines the AHA segments
 * @param segments the AHA labels of {@link #lvSurface()}
 * @param veins coronary sinus and vein centrelines, possibly empty
 * @param target the target segment, or null when none is chosen
 * @param heart the heart region of the CT (what moves with the heart against the static thorax), or null
 */
public record PreopModel(
    String name,
    Volume ct,
    TriangleMesh lvEndocardium,
    TriangleMesh lvEpicardium,
    TriangleMesh rv,
    AhaFrame ahaFrame,
    AhaSegmentation segments,
    List<Centreline> veins,
    AhaSegment target,
    HeartRegion heart) {

  public PreopModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ahaFrame, "ahaFrame");
    Objects.requireNonNull(segments, "segments");
    if (lvEndocardium == null && lvEpicardium == null) {
      throw new IllegalArgumentException("a pre-op model needs an LV endocardium or epicardium, name=" + name);
    }
    TriangleMesh surface = lvEpicardium != null ? lvEpicardium : lvEndocardium;
    if (segments.triangleSegments().length != surface.triangleCount()) {
      throw new IllegalArgumentException("segments do not label the LV surface, labels="
          + segments.triangleSegments().length + ", triangles=" + surface.triangleCount());
    }
    veins = List.copyOf(veins);
    if (heart != null && ct == null) {
      throw new IllegalArgumentException("a heart region needs the CT it belongs to, name=" + name);
    }
  }

  /** A model without a heart region. */
  public PreopModel(String name, Volume ct, TriangleMesh lvEndocardium, TriangleMesh lvEpicardium, TriangleMesh rv,
      AhaFrame ahaFrame, AhaSegmentation segments, List<Centreline> veins, AhaSegment target) {
    this(name, ct, lvEndocardium, lvEpicardium, rv, ahaFrame, segments, veins, target, null);
  }

  /** The LV surface the overlay draws and the segments label: the epicardium where known, else the endocardium. */
  public TriangleMesh lvSurface() {
    return lvEpicardium != null ? lvEpicardium : lvEndocardium;
  }

  /** This model with another target segment (null for none). */
  public PreopModel withTarget(AhaSegment segment) {
    return new PreopModel(name, ct, lvEndocardium, lvEpicardium, rv, ahaFrame, segments, veins, segment, heart);
  }

  /** The overlay's view of this model: the labelled LV surface and the vein polylines. */
  public GuidanceModel guidanceModel() {
    TriangleMesh s = lvSurface();
    GuidanceMesh mesh = GuidanceMesh.of(s.vertices(), s.triangles(), segments.triangleSegments());
    return new GuidanceModel(name, mesh, veins.stream().map(Centreline::points).toList());
  }
}
