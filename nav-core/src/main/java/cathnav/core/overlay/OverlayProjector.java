package cathnav.core.overlay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Projects the guidance model into a frame: a model point {@code x} (RAS mm) is drawn at {@code P T x} (detector
 * pixels), DESIGN.md. Produces the LV silhouette (outline of all projected LV triangles), the target segment's outline
 * (filled), the vein polylines, and, for a lead tip given in pixels, its 3D position ({@link TipLocaliser}: on a
 * vein, else at the target's depth), the AHA segment under it and its distance to the target segment.
 *
 * <p>Thread-safety: none; one projector per pipeline thread (it keeps scratch buffers and one tracer per frame
 * size).
 */
public final class OverlayProjector {

  /** Drawn radius of the lead tip marker, pixels. */
  public static final float TIP_RADIUS_PX = 6f;
  /** Text of the label beside an unconfirmed lead tip. */
  public static final String UNCONFIRMED_TIP_TEXT = "tip?";

  private final TipLocaliser localiser;
  private SilhouetteTracer tracer;
  private float[] projected = new float[0];

  /**
   * The projected guidance of one frame.
   *
   * @param shapes what to draw, detector pixels
   * @param tip the lead tip placed in 3D (model frame) with its segment and distance to the target;
   *     {@link TipPosition#NONE} without a tip
   */
  public record Projected(List<OverlayShape> shapes, TipPosition tip) {
    public Projected {
      shapes = List.copyOf(shapes);
      java.util.Objects.requireNonNull(tip, "tip");
    }

    /** AHA segment under the lead tip (1..17), 0 when unknown. */
    public int segmentUnderTip() {
      return tip.segmentUnderTip();
    }

    /** Distance from the tip to the target segment, mm; NaN when unknown. */
    public double distanceToTargetMm() {
      return tip.distanceToTargetMm();
    }
  }

  /** A projector placing the tip on veins within {@link TipLocaliser#DEFAULT_VEIN_TOLERANCE_MM} of its ray. */
  public OverlayProjector() {
    this(new TipLocaliser(TipLocaliser.DEFAULT_VEIN_TOLERANCE_MM));
  }

  public OverlayProjector(TipLocaliser localiser) {
    this.localiser = Objects.requireNonNull(localiser, "localiser");
  }

  /**
   * Projects {@code model} moved by {@code pose} through {@code projection}.
   *
   * @param model the guidance model, RAS mm
   * @param projection P (3x4) and the detector size
   * @param pose T, row-major 4x4 rigid, RAS to RAS
   * @param targetSegment AHA segment to fill (1..17), 0 for none
   * @param leadTip a confirmed lead tip {@code {u, v}} in pixels (read during the call only), or null when there is
   *     none: only a tip the pipeline's gate confirmed is placed in 3D and drawn as {@link OverlayRole#LEAD_TIP}
   */
  public Projected project(
      GuidanceModel model, cathnav.gpu.Projection projection, double[] pose, int targetSegment, float[] leadTip) {
    return project(model, projection, pose, targetSegment, leadTip, pose);
  }

  /**
   * As {@link #project(GuidanceModel, cathnav.gpu.Projection, double[], int, float[])} for a lead tip seen in an
   * earlier frame of the same view, whose pose was {@code tipPose}: the tip is placed in 3D with that pose (its
   * segment and distance are the model's where the detector saw it), and its marker moves on with the model from
   * there to {@code pose} (the heart has moved since; a tip placed nowhere stays at {@code leadTip}).
   */
  public Projected project(GuidanceModel model, cathnav.gpu.Projection projection, double[] pose, int targetSegment,
      float[] leadTip, double[] tipPose) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(projection, "projection");
    if (pose == null || pose.length != 16) {
      throw new IllegalArgumentException("pose must be a row-major 4x4, length=" + (pose == null ? 0 : pose.length));
    }
    if (tipPose == null || tipPose.length != 16) {
      throw new IllegalArgumentException("tipPose must be a row-major 4x4, length="
          + (tipPose == null ? 0 : tipPose.length));
    }
    double[] pt = compose(projection.matrix(), pose);
    int w = projection.width();
    int h = projection.height();
    SilhouetteTracer t = tracerFor(w, h);
    GuidanceMesh lv = model.leftVentricle();
    projectVertices(lv, pt);
    List<OverlayShape> shapes = new ArrayList<>(4 + model.veinCount());

    t.clear();
    for (int i = 0; i < lv.triangleCount(); i++) {
      addTriangle(t, lv, i);
    }
    float[] outline = t.outline();
    if (outline.length >= 6) {
      shapes.add(new OverlayShape.Polygon(OverlayRole.LV_SILHOUETTE, outline, false,
          OverlayRole.LV_SILHOUETTE.rgba()));
    }
    if (targetSegment > 0) {
      t.clear();
      for (int i = 0; i < lv.triangleCount(); i++) {
        if (lv.segment(i) == targetSegment) {
          addTriangle(t, lv, i);
        }
      }
      float[] target = t.outline();
      if (target.length >= 6) {
        shapes.add(new OverlayShape.Polygon(OverlayRole.TARGET_SEGMENT, target, true,
            OverlayRole.TARGET_SEGMENT.rgba()));
      }
    }
    for (int k = 0; k < model.veinCount(); k++) {
      float[] pts = model.veinPoints(k);
      float[] uv = new float[2 * (pts.length / 3)];
      boolean ok = true;
      for (int i = 0; i < pts.length / 3 && ok; i++) {
        double x = pts[3 * i];
        double y = pts[3 * i + 1];
        double z = pts[3 * i + 2];
        double hw = pt[8] * x + pt[9] * y + pt[10] * z + pt[11];
        uv[2 * i] = (float) ((pt[0] * x + pt[1] * y + pt[2] * z + pt[3]) / hw);
        uv[2 * i + 1] = (float) ((pt[4] * x + pt[5] * y + pt[6] * z + pt[7]) / hw);
        ok = hw > 0 && Float.isFinite(uv[2 * i]) && Float.isFinite(uv[2 * i + 1]);
      }
      if (ok) {
        shapes.add(new OverlayShape.Polyline(OverlayRole.VEIN, uv, OverlayRole.VEIN.rgba()));
      }
    }
    TipPosition tip = TipPosition.NONE;
    if (leadTip != null) {
      double[] ptTip = tipPose == pose ? pt : compose(projection.matrix(), tipPose);
      TipRay ray = TipRay.through(ptTip, leadTip[0], leadTip[1]);
      if (ray != null) {
        tip = localiser.locate(model, ray, targetSegment);
      }
      double u = leadTip[0];
      double v = leadTip[1];
      if (ptTip != pt && tip.point() != null) {
        // the tip's point moved with the model from its frame's pose to this one
        double[] now = projectPoint(pt, tip.point());
        double[] then = projectPoint(ptTip, tip.point());
        if (now != null && then != null) {
          u += now[0] - then[0];
          v += now[1] - then[1];
        }
      }
      shapes.add(new OverlayShape.Marker(OverlayRole.LEAD_TIP, (float) u, (float) v, TIP_RADIUS_PX,
          OverlayRole.LEAD_TIP.rgba()));
    }
    return new Projected(shapes, tip);
  }

  /**
   * Adds the shapes of a lead tip the detector has not confirmed ({@link TipState#UNCONFIRMED}) at {@code (u, v)}
   * pixels: an open ring ({@link OverlayRole#LEAD_TIP_UNCONFIRMED}) and a "tip?" label beside it. Nothing else follows
   * from such a tip (no 3D position, no segment, no distance).
   */
  public static void addUnconfirmedTip(List<OverlayShape> shapes, float u, float v) {
    int rgba = OverlayRole.LEAD_TIP_UNCONFIRMED.rgba();
    shapes.add(new OverlayShape.Marker(OverlayRole.LEAD_TIP_UNCONFIRMED, u, v, TIP_RADIUS_PX, rgba));
    shapes.add(new OverlayShape.Label(OverlayRole.LABEL, u + TIP_RADIUS_PX + 2, v - TIP_RADIUS_PX,
        UNCONFIRMED_TIP_TEXT, rgba));
  }

  /** {@code x} (model RAS mm) through the 3x4 {@code pt}, pixels; null behind the source or not finite. */
  private static double[] projectPoint(double[] pt, double[] x) {
    double hw = pt[8] * x[0] + pt[9] * x[1] + pt[10] * x[2] + pt[11];
    double u = (pt[0] * x[0] + pt[1] * x[1] + pt[2] * x[2] + pt[3]) / hw;
    double v = (pt[4] * x[0] + pt[5] * x[1] + pt[6] * x[2] + pt[7]) / hw;
    return hw > 0 && Double.isFinite(u) && Double.isFinite(v) ? new double[] {u, v} : null;
  }

  private void addTriangle(SilhouetteTracer t, GuidanceMesh mesh, int tri) {
    int a = mesh.corner(tri, 0);
    int b = mesh.corner(tri, 1);
    int c = mesh.corner(tri, 2);
    t.addTriangle(projected[2 * a], projected[2 * a + 1], projected[2 * b], projected[2 * b + 1],
        projected[2 * c], projected[2 * c + 1]);
  }

  private void projectVertices(GuidanceMesh mesh, double[] pt) {
    int n = mesh.vertexCount();
    if (projected.length < 2 * n) {
      projected = new float[2 * n];
    }
    for (int i = 0; i < n; i++) {
      double x = mesh.vertex(i, 0);
      double y = mesh.vertex(i, 1);
      double z = mesh.vertex(i, 2);
      double hw = pt[8] * x + pt[9] * y + pt[10] * z + pt[11];
      if (hw <= 0) {
        projected[2 * i] = Float.NaN; // behind the source: not drawable
        projected[2 * i + 1] = Float.NaN;
        continue;
      }
      projected[2 * i] = (float) ((pt[0] * x + pt[1] * y + pt[2] * z + pt[3]) / hw);
      projected[2 * i + 1] = (float) ((pt[4] * x + pt[5] * y + pt[6] * z + pt[7]) / hw);
    }
  }

  private SilhouetteTracer tracerFor(int w, int h) {
    if (tracer == null || tracer.width() != w || tracer.height() != h) {
      int cell = SilhouetteTracer.defaultCellSize(w, h);
      tracer = new SilhouetteTracer(w, h, cell, 0.75 * cell);
    }
    return tracer;
  }

  /** {@code P * T}: 3x4 times 4x4, row-major. */
  static double[] compose(double[] p, double[] t) {
    double[] r = new double[12];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int k = 0; k < 4; k++) {
          s += p[4 * i + k] * t[4 * k + j];
        }
        r[4 * i + j] = s;
      }
    }
    return r;
  }
}
