package cathnav.core.anatomy;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.TriangleMesh;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The landmarks that fix the AHA frame, found on the meshes: the apex (the LV surface point farthest from the
 * mitral centre), the long axis, and the two RV insertion points, where the RV wall meets the LV epicardium at the
 * ends of the septum.
 *
 * <p>Insertion detection: LV vertices within {@code contactMm} of an RV vertex, at basal and mid levels (a third
 * of the way up from the apex or higher), are the RV contact; their angles about the long axis cover the septal
 * arc, and the largest angular gap between them is the free wall. The arc's ends (2nd and 98th percentile, so a
 * few stray contacts do not move them) are the insertions; the one further along {@code anteriorHint} is the
 * anterior insertion: with a tilted long axis the chest's anterior direction falls close to the septum, so a
 * hint that also points superiorly (the AHA inferior wall rests on the diaphragm) separates the insertions better,
 * for example {@code (0, 1, 1)} in RAS. The RV mesh must be the RV free wall or myocardium, which meets the LV epicardium along the
 * insertion lines (an RV cavity surface, separated from the LV by the septum, does not touch it).
 *
 * @param frame the AHA frame built from these landmarks
 * @param anteriorInsertion the anterior RV insertion (a contact vertex), RAS mm
 * @param inferiorInsertion the inferior RV insertion (a contact vertex), RAS mm
 * @param septalArcDegrees the angle from the anterior to the inferior insertion across the septum, degrees
 * @param contactVertices number of LV vertices found in contact with the RV (all levels)
 */
public record LvLandmarks(
    AhaFrame frame, Vec3 anteriorInsertion, Vec3 inferiorInsertion, double septalArcDegrees, int contactVertices) {

  private static final Logger LOG = LoggerFactory.getLogger(LvLandmarks.class);

  /** LV and RV vertices closer than this (mm) are in contact, by default. */
  public static final double DEFAULT_CONTACT_MM = 1.5;

  public LvLandmarks {
    Objects.requireNonNull(frame, "frame");
  }

  /**
   * Finds the landmarks with the default contact distance and apical cap.
   *
   * @param lv the LV surface (epicardium, or a myocardium surface holding it), RAS mm
   * @param mitralCentre the centre of the mitral-valve plane, RAS mm
   * @param rv the RV free wall or myocardium surface, RAS mm
   * @param anteriorHint a direction pointing anteriorly in the meshes' frame ({@code (0, 1, 0)} for RAS data)
   */
  public static LvLandmarks detect(TriangleMesh lv, Vec3 mitralCentre, TriangleMesh rv, Vec3 anteriorHint) {
    return detect(lv, mitralCentre, rv, anteriorHint, DEFAULT_CONTACT_MM, AhaFrame.DEFAULT_APICAL_CAP);
  }

  /** Finds the landmarks; see the class description. Throws {@link IllegalArgumentException} naming what is missing. */
  public static LvLandmarks detect(
      TriangleMesh lv, Vec3 mitralCentre, TriangleMesh rv, Vec3 anteriorHint, double contactMm, double apicalCap) {
    Objects.requireNonNull(lv, "lv");
    Objects.requireNonNull(mitralCentre, "mitralCentre");
    Objects.requireNonNull(rv, "rv");
    Objects.requireNonNull(anteriorHint, "anteriorHint");
    if (lv.vertexCount() == 0 || rv.vertexCount() == 0) {
      throw new IllegalArgumentException("LV and RV surfaces must not be empty, lvVertices=" + lv.vertexCount()
          + ", rvVertices=" + rv.vertexCount());
    }
    Vec3 apex = null;
    double far = -1;
    for (int v = 0; v < lv.vertexCount(); v++) {
      Vec3 p = Vec3.of(lv.vertex(v));
      double d = p.distance(mitralCentre);
      if (d > far) {
        far = d;
        apex = p;
      }
    }
    Vec3 axis = mitralCentre.minus(apex).normalized();
    double length = far;
    Vec3 e1 = perpendicular(axis);
    Vec3 e2 = axis.cross(e1);

    PointGrid rvGrid = new PointGrid(rv.vertices(), Math.max(contactMm, 1.0));
    int contacts = 0;
    double[] angles = new double[lv.vertexCount()];
    int[] vertexOf = new int[lv.vertexCount()];
    int n = 0;
    float[] lvv = lv.vertices();
    for (int v = 0; v < lv.vertexCount(); v++) {
      double x = lvv[3 * v];
      double y = lvv[3 * v + 1];
      double z = lvv[3 * v + 2];
      if (rvGrid.nearestWithin(x, y, z, contactMm) > contactMm) {
        continue;
      }
      contacts++;
      Vec3 d = new Vec3(x, y, z).minus(apex);
      if (d.dot(axis) / length < 1.0 / 3) {
        continue;
      }
      double a = Math.atan2(d.dot(e2), d.dot(e1));
      angles[n] = a < 0 ? a + 2 * Math.PI : a;
      vertexOf[n++] = v;
    }
    if (n < 10) {
      throw new IllegalArgumentException("the RV surface does not meet the LV at basal or mid levels (too few "
          + "contact vertices), contacts=" + n + ", contactMm=" + contactMm
          + "; give the RV free wall or myocardium, not the RV cavity");
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    final double[] ang = angles;
    Arrays.sort(idx, (p, q) -> Double.compare(ang[p], ang[q]));
    // the largest gap between consecutive contact angles is the free wall; the arc starts after it
    int startPos = 0;
    double gap = -1;
    for (int i = 0; i < n; i++) {
      double a = ang[idx[i]];
      double prev = ang[idx[(i + n - 1) % n]];
      double g = i == 0 ? a + 2 * Math.PI - prev : a - prev;
      if (g > gap) {
        gap = g;
        startPos = i;
      }
    }
    double arcStart = ang[idx[startPos]];
    double[] along = new double[n];
    for (int i = 0; i < n; i++) {
      double a = ang[idx[(startPos + i) % n]] - arcStart;
      along[i] = a < 0 ? a + 2 * Math.PI : a;
    }
    int lo = (int) Math.floor(0.02 * (n - 1));
    int hi = (int) Math.ceil(0.98 * (n - 1));
    int loVertex = vertexOf[idx[(startPos + lo) % n]];
    int hiVertex = vertexOf[idx[(startPos + hi) % n]];
    double loAngle = arcStart + along[lo];
    double hiAngle = arcStart + along[hi];
    Vec3 dirLo = e1.times(Math.cos(loAngle)).plus(e2.times(Math.sin(loAngle)));
    Vec3 dirHi = e1.times(Math.cos(hiAngle)).plus(e2.times(Math.sin(hiAngle)));
    double mid = (loAngle + hiAngle) / 2;
    Vec3 dirMid = e1.times(Math.cos(mid)).plus(e2.times(Math.sin(mid)));

    Vec3 hint = anteriorHint.minus(axis.times(anteriorHint.dot(axis)));
    if (!(hint.norm() > 1e-3 * anteriorHint.norm())) {
      throw new IllegalArgumentException("anteriorHint is parallel to the LV long axis, hint=" + anteriorHint
          + ", axis=" + axis);
    }
    boolean loIsAnterior = dirLo.dot(hint) >= dirHi.dot(hint);
    Vec3 anterior = loIsAnterior ? dirLo : dirHi;
    Vec3 septal = axis.cross(anterior);
    if (septal.dot(dirMid) < 0) {
      septal = septal.times(-1);
    }
    double arcDeg = Math.toDegrees(along[hi] - along[lo]);
    if (!(arcDeg > 10)) {
      throw new IllegalArgumentException("RV contact does not span a septum, septalArcDeg=" + arcDeg);
    }
    AhaFrame frame = new AhaFrame(apex, mitralCentre, anterior, septal, arcDeg, apicalCap);
    Vec3 antPoint = Vec3.of(lv.vertex(loIsAnterior ? loVertex : hiVertex));
    Vec3 infPoint = Vec3.of(lv.vertex(loIsAnterior ? hiVertex : loVertex));
    LOG.info("lv landmarks found, lengthMm={}, septalArcDeg={}, contactVertices={}, apex={}, mitralCentre={}",
        String.format("%.1f", length), String.format("%.1f", arcDeg), contacts, apex, mitralCentre);
    return new LvLandmarks(frame, antPoint, infPoint, arcDeg, contacts);
  }

  /** Some unit vector perpendicular to the unit vector {@code u}. */
  static Vec3 perpendicular(Vec3 u) {
    Vec3 helper = Math.abs(u.x()) < 0.6 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
    return helper.minus(u.times(helper.dot(u))).normalized();
  }
}
