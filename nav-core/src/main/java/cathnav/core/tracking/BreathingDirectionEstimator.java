package cathnav.core.tracking;

import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.Vec3;
import cathnav.gpu.Projection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The patient's breathing direction (RAS, unit) from the heart's in-plane positions over the breathing cycle in
 * two or more C-arm views: the depth a single view cannot see.
 *
 * <p>In one view the heart's positions parallel to the detector (u and v, mm at the heart) lie along a line, the
 * breathing direction's image: a total least-squares line fit (the principal axis of their covariance) gives its
 * direction {@code e} (parallel to the detector), so the 3D direction lies in the plane spanned by the ray
 * {@code n} from the source through the heart and {@code e}, normal {@code m = n x e}. Views whose planes differ pin it down: the direction is the unit vector closest to every
 * plane, the eigenvector of {@code sum m m^T} with the smallest eigenvalue (for two views, {@code m1 x m2}). The
 * sign is the one closer to the prior (breathing in moves the heart inferiorly). Constant offsets (a re-registered
 * patient pose, a heart that is not at its CT place at exhale) drop out of the covariance; the heart beat (a few mm
 * along another direction, at another frequency) tilts the line a little.
 *
 * <p>A view's line counts once its samples span {@link #MIN_SPAN_S} (more than a breath) with at least
 * {@link #MIN_SAMPLES} samples, a spread of at least {@link #MIN_MAJOR_SD_MM} along the line and an elongation
 * (major over minor standard deviation) of at least {@link #MIN_ELONGATION}; samples older than {@link #WINDOW_S}
 * before a view's latest are dropped. An estimate needs two counting views with beams at least
 * {@link #MIN_BEAM_ANGLE_DEG} apart and planes at least {@link #MIN_PLANE_ANGLE_DEG} apart (views whose beams and
 * the direction share a plane, such as AP and a pure cranial tilt for a direction with no left-right component, see
 * the same line and cannot tell the depth).
 *
 * <p>Thread-safety: none; the pipeline thread only.
 */
final class BreathingDirectionEstimator {

  /**
   * An estimate.
   *
   * @param direction the breathing direction, RAS unit vector, sign towards the prior
   * @param views the views whose lines it used
   * @param planeAngleDeg how far apart the views' planes are, degrees (for more than two views, the angle of two
   *     views with the same conditioning); the depth error grows as 1 / sin of it
   */
  record Estimate(Vec3 direction, int views, double planeAngleDeg) {}

  /** A view's samples older than this before its latest are dropped, seconds. */
  static final double WINDOW_S = 30;
  /** A view's line needs samples spanning at least this long, seconds (more than one breath at 12 a minute). */
  static final double MIN_SPAN_S = 6;
  /** A view's line needs at least this many samples. */
  static final int MIN_SAMPLES = 25;
  /** A view's line needs at least this standard deviation along it, mm: the heart visibly moves with breathing. */
  static final double MIN_MAJOR_SD_MM = 1.0;
  /** A view's line needs a major standard deviation at least this multiple of the minor one. */
  static final double MIN_ELONGATION = 2.5;
  /** Two views' beams at least this far apart, degrees (as for the patient pose's confirmation). */
  static final double MIN_BEAM_ANGLE_DEG = BackgroundRegistration.CONFIRM_ANGLE_DEG;
  /** The views' planes at least this far apart, degrees. */
  static final double MIN_PLANE_ANGLE_DEG = 15;
  /** The views remembered (the latest). */
  static final int MAX_VIEWS = 4;

  private final Vec3 prior;
  private final Deque<ViewSamples> views = new ArrayDeque<>();

  /** @param prior the prior direction, RAS (only its sign is used: the estimate points to its side) */
  BreathingDirectionEstimator(Vec3 prior) {
    this.prior = prior.normalized();
  }

  /**
   * Adds the heart's position in a frame of {@code projection} (the tracked point at its in-plane shift, RAS mm;
   * only its components parallel to the detector are used).
   */
  void add(Projection projection, long timeNanos, Vec3 position) {
    ViewSamples v = views.peekLast();
    if (v == null || !v.sameView(projection)) {
      v = new ViewSamples(projection, position);
      views.addLast(v);
      if (views.size() > MAX_VIEWS) {
        views.removeFirst();
      }
    }
    v.add(timeNanos, position);
  }

  /** The estimate from the views so far, or null while no two views determine it. */
  Estimate estimate() {
    List<ViewLine> lines = new ArrayList<>();
    for (ViewSamples v : views) {
      ViewLine l = v.line();
      if (l != null) {
        lines.add(l);
      }
    }
    if (!beamsApart(lines)) {
      return null;
    }
    double[][] m = new double[3][3];
    for (ViewLine l : lines) {
      double[] n = l.planeNormal.toArray();
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          m[r][c] += n[r] * n[c] / lines.size();
        }
      }
    }
    RealMatrix matrix = MatrixUtils.createRealMatrix(m);
    EigenDecomposition eigen = new EigenDecomposition(matrix);
    double[] values = eigen.getRealEigenvalues();
    int smallest = 0;
    for (int i = 1; i < 3; i++) {
      if (values[i] < values[smallest]) {
        smallest = i;
      }
    }
    double middle = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 3; i++) {
      if (i != smallest) {
        middle = Math.min(middle, values[i]);
      }
    }
    // two planes at angle phi: eigenvalues (1 +- cos phi) / 2 and 0
    double planeAngle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, 1 - 2 * middle))));
    if (!(planeAngle >= MIN_PLANE_ANGLE_DEG)) {
      return null;
    }
    Vec3 d = Vec3.of(eigen.getEigenvector(smallest).toArray()).normalized();
    if (d.dot(prior) < 0) {
      d = d.times(-1);
    }
    return new Estimate(d, lines.size(), planeAngle);
  }

  /** Forgets every sample (a new patient or registration). */
  void clear() {
    views.clear();
  }

  private static boolean beamsApart(List<ViewLine> lines) {
    for (int i = 0; i < lines.size(); i++) {
      for (int j = i + 1; j < lines.size(); j++) {
        double c = Math.abs(lines.get(i).beam.dot(lines.get(j).beam));
        if (Math.toDegrees(Math.acos(Math.min(1, c))) >= MIN_BEAM_ANGLE_DEG) {
          return true;
        }
      }
    }
    return false;
  }

  /** A view's fitted line: the ray through the heart, and the normal of the plane through it and the line. */
  private record ViewLine(Vec3 beam, Vec3 planeNormal) {}

  /** The samples of one view: times and (u, v) coordinates along the detector's axes, mm. */
  private static final class ViewSamples {
    private final Projection projection;
    private final Vec3 ray; // from the source through the heart's first position
    private final Vec3 u;
    private final Vec3 v;
    private final Deque<double[]> samples = new ArrayDeque<>(); // {t s, u mm, v mm}

    ViewSamples(Projection projection, Vec3 firstPosition) {
      ProjectionGeometry g = new ProjectionGeometry(projection);
      this.projection = projection;
      this.ray = firstPosition.minus(g.source()).normalized();
      Vec3 beam = g.beamDirection().normalized();
      Vec3 uu = g.uAxis();
      this.u = uu.minus(beam.times(uu.dot(beam))).normalized();
      this.v = beam.cross(u).normalized();
    }

    boolean sameView(Projection other) {
      return !ProjectionChange.changed(projection, other);
    }

    void add(long timeNanos, Vec3 position) {
      double t = timeNanos * 1e-9;
      samples.addLast(new double[] {t, position.dot(u), position.dot(v)});
      while (samples.peekFirst()[0] < t - WINDOW_S) {
        samples.removeFirst();
      }
    }

    /** The line of this view's samples, or null while they do not define one. */
    ViewLine line() {
      int n = samples.size();
      if (n < MIN_SAMPLES || samples.peekLast()[0] - samples.peekFirst()[0] < MIN_SPAN_S) {
        return null;
      }
      double su = 0;
      double sv = 0;
      for (double[] s : samples) {
        su += s[1];
        sv += s[2];
      }
      double mu = su / n;
      double mv = sv / n;
      double cuu = 0;
      double cvv = 0;
      double cuv = 0;
      for (double[] s : samples) {
        double a = s[1] - mu;
        double b = s[2] - mv;
        cuu += a * a;
        cvv += b * b;
        cuv += a * b;
      }
      cuu /= n;
      cvv /= n;
      cuv /= n;
      double half = 0.5 * (cuu + cvv);
      double r = Math.hypot(0.5 * (cuu - cvv), cuv);
      double major = half + r;
      double minor = Math.max(0, half - r);
      if (major < MIN_MAJOR_SD_MM * MIN_MAJOR_SD_MM || major < MIN_ELONGATION * MIN_ELONGATION * minor) {
        return null;
      }
      double theta = 0.5 * Math.atan2(2 * cuv, cuu - cvv);
      Vec3 e = u.times(Math.cos(theta)).plus(v.times(Math.sin(theta)));
      // a displacement d shows as its shift along the ray to the plane parallel to the detector: d lies in the
      // plane through the ray and the line
      return new ViewLine(ray, ray.cross(e).normalized());
    }
  }
}
