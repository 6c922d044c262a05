package cathnav.core.service.igtl;

import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.Vec3;
import cathnav.core.overlay.GuidanceMesh;
import cathnav.core.overlay.GuidanceState;
import cathnav.core.overlay.Overlay;
import cathnav.core.overlay.OverlayJson;
import cathnav.core.overlay.OverlayRaster;
import cathnav.core.overlay.OverlayShape;
import cathnav.core.service.ProcedureModel;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.PolyAttribute;
import cathnav.igtl.message.PolyCells;
import cathnav.igtl.message.PolyDataBody;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.StringBody;
import cathnav.igtl.message.TransformBody;
import io.netty.buffer.Unpooled;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenIGTLink messages the service sends for a frame; each carries the source frame's time stamp.
 *
 * <ul>
 *   <li>TRANSFORM {@value #REGISTRATION}: the registration {@code T} (model RAS to patient RAS), only while the
 *       overlay is shown (TRACKING or UNRELIABLE): a pose that is not trusted is not sent.
 *   <li>POLYDATA {@value #OVERLAY}: the overlay on the detector plane, in RAS: each detector pixel {@code (u, v)}
 *       becomes the point at source distance SID on its ray. LV outline and veins as line cells (closed outlines
 *       repeat their first point), target segment as a polygon cell, lead tip as a vertex cell; a point scalar
 *       {@code role} holds the {@link cathnav.core.overlay.OverlayRole} ordinal ({@code LEAD_TIP} 3 for a confirmed
 *       tip, {@code LEAD_TIP_UNCONFIRMED} 5 for a tip the detector has not confirmed, which gives no readouts).
 *   <li>STATUS {@value #STATE}: the guidance state as error name ({@code TRACKING}, {@code REGISTERING},
 *       {@code UNRELIABLE}, {@code LOST}, {@code STALE}, or {@code BACKEND_FALLBACK} prefixes the message);
 *       code OK for TRACKING, NOT_READY for REGISTERING, TIME_OUT for STALE, UNKNOWN_ERROR otherwise.
 *   <li>STRING {@value #READOUTS}: the readouts as JSON ({@link OverlayJson#writeReadouts}), with the lead tip's
 *       {@code tipState} ({@code confirmed}, {@code unconfirmed}, {@code stale}, {@code none}); segment and distance
 *       only for a confirmed tip, and the STATUS message says why they are withheld otherwise.
 *   <li>IMAGE {@value #OVERLAY_IMAGE} (optional, {@code ServiceOptions.sendOverlayImage}): the overlay rasterised
 *       ({@link OverlayRaster}) as 8-bit RGBA of the frame's size, transparent where nothing is drawn, placed on the
 *       detector plane in RAS like the POLYDATA.
 *   <li>POLYDATA {@value #MODEL}: the LV surface in model RAS (draw it with TRANSFORM {@value #REGISTRATION}),
 *       sent when the model changes and to each new peer.
 * </ul>
 */
public final class OutputMessages {

  public static final String REGISTRATION = "Registration";
  public static final String OVERLAY = "Overlay";
  public static final String STATE = "CathNav";
  public static final String READOUTS = "Readouts";
  public static final String MODEL = "Model";
  /** Device of the optional RGBA overlay IMAGE ({@link #overlayImage}). */
  public static final String OVERLAY_IMAGE = "OverlayImage";
  /** Device of problem STATUS messages (kept apart from the per-frame state so a frame never supersedes one). */
  public static final String ALERT = "CathNavAlert";

  private OutputMessages() {}

  /** The messages for one frame, in sending order. */
  public static List<IgtlMessage> forFrame(Overlay overlay, FrameGeometry geometry) {
    IgtlTimestamp ts = IgtlTimestamp.ofEpochNanos(Math.max(0, overlay.sourceTimestampNanos()));
    List<IgtlMessage> out = new ArrayList<>(4);
    double[] pose = overlay.pose();
    if (pose != null) {
      out.add(IgtlMessage.of(REGISTRATION, ts, new TransformBody(affine(pose))));
    }
    out.add(IgtlMessage.of(OVERLAY, ts, overlayPolyData(overlay, geometry)));
    out.add(IgtlMessage.of(STATE, ts, status(overlay.readouts().state(), overlay.readouts().message())));
    out.add(IgtlMessage.of(READOUTS, ts, StringBody.utf8(OverlayJson.writeReadouts(overlay))));
    return out;
  }

  /**
   * The overlay rasterised as an RGBA IMAGE of the frame's size ({@value #OVERLAY_IMAGE}, UINT8, 4 components),
   * stamped with the source frame's time stamp; pixel {@code (u, v)} lies on the detector plane in RAS, where the
   * POLYDATA puts the same pixel. The caller owns the returned message.
   */
  public static IgtlMessage overlayImage(Overlay overlay, FrameGeometry geometry) {
    IgtlTimestamp ts = IgtlTimestamp.ofEpochNanos(Math.max(0, overlay.sourceTimestampNanos()));
    ProjectionGeometry pg = geometry.projectionGeometry();
    double depth = detectorDepth(geometry, pg);
    Vec3 origin = pg.backProject(0, 0, depth);
    Vec3 du = pg.backProject(1, 0, depth).minus(origin);
    Vec3 dv = pg.backProject(0, 1, depth).minus(origin);
    Vec3 normal = du.cross(dv).normalized();
    AffineMatrix indexToRas = new AffineMatrix((float) du.x(), (float) dv.x(), (float) normal.x(), (float) origin.x(),
        (float) du.y(), (float) dv.y(), (float) normal.y(), (float) origin.y(),
        (float) du.z(), (float) dv.z(), (float) normal.z(), (float) origin.z());
    ImageBody body = ImageBody.of(ScalarType.UINT8, 4, ByteOrder.BIG_ENDIAN,
        new Dim3(overlay.width(), overlay.height(), 1), indexToRas, Unpooled.wrappedBuffer(OverlayRaster.render(overlay)));
    return IgtlMessage.of(OVERLAY_IMAGE, ts, body);
  }

  private static double detectorDepth(FrameGeometry geometry, ProjectionGeometry pg) {
    return geometry.knownCArm().map(c -> c.sidMm()).orElse(pg.focalLengthU() * geometry.pixelSpacingU());
  }

  /** A STATUS for a state or problem. */
  public static StatusBody status(GuidanceState state, String message) {
    int code =
        switch (state) {
          case TRACKING -> StatusBody.OK;
          case REGISTERING -> StatusBody.NOT_READY;
          case STALE -> StatusBody.TIME_OUT;
          default -> StatusBody.UNKNOWN_ERROR;
        };
    return new StatusBody(code, 0, state.name(), latin1(message));
  }

  /** A STATUS reporting a problem ({@code errorName} at most 20 characters). */
  public static IgtlMessage problem(int code, String errorName, String message) {
    String name = errorName.length() > StatusBody.ERROR_NAME_LENGTH
        ? errorName.substring(0, StatusBody.ERROR_NAME_LENGTH) : errorName;
    return IgtlMessage.of(ALERT, IgtlTimestamp.now(), new StatusBody(code, 0, name, latin1(message)));
  }

  /** The model's LV surface as POLYDATA (model RAS mm, triangles). */
  public static IgtlMessage model(ProcedureModel model) {
    GuidanceMesh lv = model.guidance().leftVentricle();
    int[] tri = lv.triangles();
    int[] cells = new int[4 * lv.triangleCount()];
    for (int t = 0; t < lv.triangleCount(); t++) {
      cells[4 * t] = 3;
      cells[4 * t + 1] = tri[3 * t];
      cells[4 * t + 2] = tri[3 * t + 1];
      cells[4 * t + 3] = tri[3 * t + 2];
    }
    float[] segments = new float[lv.vertexCount()];
    for (int t = 0; t < lv.triangleCount(); t++) {
      for (int k = 0; k < 3; k++) {
        segments[tri[3 * t + k]] = lv.segment(t);
      }
    }
    PolyDataBody body = new PolyDataBody(lv.vertices(), PolyCells.EMPTY, PolyCells.EMPTY, PolyCells.of(cells),
        PolyCells.EMPTY, List.of(PolyAttribute.pointScalars("ahaSegment", segments)));
    return IgtlMessage.of(MODEL, IgtlTimestamp.now(), body);
  }

  static AffineMatrix affine(double[] p) {
    return new AffineMatrix((float) p[0], (float) p[1], (float) p[2], (float) p[3], (float) p[4], (float) p[5],
        (float) p[6], (float) p[7], (float) p[8], (float) p[9], (float) p[10], (float) p[11]);
  }

  /** The overlay's shapes as points on the detector plane (RAS mm). */
  static PolyDataBody overlayPolyData(Overlay overlay, FrameGeometry geometry) {
    ProjectionGeometry pg = geometry.projectionGeometry();
    double depth = detectorDepth(geometry, pg);
    List<Float> pts = new ArrayList<>();
    List<Float> roles = new ArrayList<>();
    List<int[]> vertices = new ArrayList<>();
    List<int[]> lines = new ArrayList<>();
    List<int[]> polygons = new ArrayList<>();
    for (OverlayShape s : overlay.shapes()) {
      int first = pts.size() / 3;
      float role = s.role().ordinal();
      if (s instanceof OverlayShape.Polygon p) {
        float[] uv = p.uv();
        int n = uv.length / 2;
        int[] cell = new int[p.filled() ? n : n + 1];
        for (int i = 0; i < n; i++) {
          add(pts, pg.backProject(uv[2 * i], uv[2 * i + 1], depth));
          roles.add(role);
          cell[i] = first + i;
        }
        if (p.filled()) {
          polygons.add(cell);
        } else {
          cell[n] = first;
          lines.add(cell);
        }
      } else if (s instanceof OverlayShape.Polyline p) {
        float[] uv = p.uv();
        int n = uv.length / 2;
        int[] cell = new int[n];
        for (int i = 0; i < n; i++) {
          add(pts, pg.backProject(uv[2 * i], uv[2 * i + 1], depth));
          roles.add(role);
          cell[i] = first + i;
        }
        lines.add(cell);
      } else if (s instanceof OverlayShape.Marker m) {
        add(pts, pg.backProject(m.u(), m.v(), depth));
        roles.add(role);
        vertices.add(new int[] {first});
      }
    }
    float[] points = new float[pts.size()];
    for (int i = 0; i < points.length; i++) {
      points[i] = pts.get(i);
    }
    float[] roleData = new float[roles.size()];
    for (int i = 0; i < roleData.length; i++) {
      roleData[i] = roles.get(i);
    }
    List<PolyAttribute> attributes = roleData.length == 0 ? List.of()
        : List.of(PolyAttribute.pointScalars("role", roleData));
    return new PolyDataBody(points, PolyCells.ofCells(vertices.toArray(int[][]::new)),
        PolyCells.ofCells(lines.toArray(int[][]::new)), PolyCells.ofCells(polygons.toArray(int[][]::new)),
        PolyCells.EMPTY, attributes);
  }

  private static void add(List<Float> pts, Vec3 p) {
    pts.add((float) p.x());
    pts.add((float) p.y());
    pts.add((float) p.z());
  }

  private static String latin1(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c == 0 || c > 0xFF ? '?' : c);
    }
    return b.toString();
  }
}
