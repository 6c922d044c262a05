package cathnav.core.tracking;

import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;

/**
 * One C-arm view of the {@link HeartLayers} at a registered patient pose {@code T_p}: the static layer's DRR
 * {@code S} and the heart layer's DRR {@code H} (line integrals, on a host image grid), from which a frame's
 * heart-only residual is formed and the heart found in it.
 *
 * <p>The detector model: a pixel's mean intensity is {@code o + G exp(-k L)} for a line integral {@code L}, with a
 * dark offset {@code o}, a gain {@code G} and {@code k} the ratio of the beam's attenuation to the model's. Pixels
 * the heart cannot reach (outside its projected box grown by {@link #marginPx()}) see {@code L = S}: {@code k} is
 * fitted there once per view (on the frame the view was built with), and {@code o} and {@code G} per frame by
 * linear least squares. The residual {@code R = -ln((I - o) / G) / k - S} then holds the heart where it is now
 * (plus the lead and noise) without the spine and ribs. The heart's in-plane shift is where {@code H} matches
 * {@code R} best ({@link TemplateMatcher}, NCC over a window as large as the heart's projection around the tracked point). Residual values above the
 * heart DRR's largest are clipped to it: the lead, far denser than any heart tissue, must not pull the match.
 *
 * <p>Immutable after construction; built on the thread that owns the backend, then read by any thread.
 */
final class HeartView {

  /** In-plane heart position found in a frame. */
  record Match(double du, double dv, double correlation) {}

  final Projection projection;
  final RigidTransform patientPose;
  final int width;
  final int height;
  final float[] staticDrr;
  final float[] heartDrr;
  /** Attenuation scale of the beam against the model's. */
  final double k;
  private final float[] staticTransmission; // exp(-k S)
  private final float heartMax; // the heart DRR's largest value: the residual's clip
  /** The tracked point (the LV centre) at the patient pose, RAS mm, and its pixel: the match window's centre. */
  final Vec3 trackedPoint;
  final double cu;
  final double cv;
  /** Box of the heart's projection {u0, v0, u1, v1}, pixels (inclusive). */
  final int[] heartBox;
  private final int marginPx;
  private final TemplateMatcher matcher;

  private HeartView(Projection projection, RigidTransform patientPose, float[] staticDrr, float[] heartDrr,
      Vec3 trackedPoint, int marginPx, float[] intensity) {
    this.projection = projection;
    this.patientPose = patientPose;
    this.width = projection.width();
    this.height = projection.height();
    this.staticDrr = staticDrr;
    this.heartDrr = heartDrr;
    this.trackedPoint = trackedPoint;
    this.marginPx = marginPx;
    ProjectionGeometry g = new ProjectionGeometry(projection);
    double[] c = g.project(trackedPoint);
    this.cu = c[0];
    this.cv = c[1];
    this.heartBox = supportBox(heartDrr, width, height);
    int half = (int) Math.ceil(Math.max(heartBox[2] - heartBox[0], heartBox[3] - heartBox[1]) / 2.0) + 2;
    int maxHalf = Math.max(4, Math.min(width, height) / 2 - marginPx - 1);
    this.matcher = new TemplateMatcher(Math.max(4, Math.min(half, maxHalf)), marginPx);
    this.k = fitScale(intensity);
    float hm = 0;
    for (float x : heartDrr) {
      hm = Math.max(hm, x);
    }
    this.heartMax = hm;
    this.staticTransmission = transmission(k);
  }

  /**
   * Renders the two layers at {@code patientPose} through {@code projection} on {@code backend} (the caller's
   * thread must own it).
   *
   * @param trackedPointModel the point the heart is followed at, model RAS mm (the registration centre: the LV
   *     centre): the match window, as large as the heart's projection, is centred on it, and its depth is the
   *     depth of the in-plane shift
   * @param marginPx how far (pixels) the heart may move from its place at the patient pose: the largest shift
   *     searched and the margin kept clear of the intensity fit
   * @param intensity a frame of this view on the grid (mean raw intensities, {@link HostAttenuation#intensities}),
   *     to fit the attenuation scale on
   */
  static HeartView render(ComputeBackend backend, DeviceVolume staticLayer, DeviceVolume heartLayer,
      Projection projection, RigidTransform patientPose, Vec3 trackedPointModel, RenderOptions options, int marginPx,
      float[] intensity) {
    int n = projection.width() * projection.height();
    float[] s = new float[n];
    float[] h = new float[n];
    try (DeviceImage img = backend.createImage(projection.width(), projection.height())) {
      backend.render(staticLayer, projection, patientPose.matrix(), options, img);
      backend.download(img, s);
      backend.render(heartLayer, projection, patientPose.matrix(), options, img);
      backend.download(img, h);
    }
    return new HeartView(projection, patientPose, s, h, patientPose.apply(trackedPointModel), marginPx, intensity);
  }

  int marginPx() {
    return marginPx;
  }

  /** The search range in mm at the heart: {@link #marginPx()} seen at the heart's depth. */
  double searchMm() {
    return marginPx * new ProjectionGeometry(projection).mmPerPixelUAt(trackedPoint);
  }

  /** Whether a frame's image on {@code other}'s grid can use this view (same C-arm geometry and size). */
  boolean sameView(Projection other) {
    return !ProjectionChange.changed(projection, other);
  }

  /**
   * The heart-only residual of a frame's mean raw intensities on this view's grid, or null when the fit fails (too
   * few pixels outside the heart, or a non-positive gain).
   */
  float[] residual(float[] intensity) {
    double[] og = fitOffsetAndGain(intensity, staticTransmission);
    if (og == null) {
      return null;
    }
    float[] r = new float[width * height];
    double invG = 1 / og[1];
    double invK = 1 / k;
    for (int i = 0; i < r.length; i++) {
      double t = Math.max(MIN_TRANSMISSION, (intensity[i] - og[0]) * invG);
      r[i] = (float) Math.min(heartMax, -Math.log(t) * invK - staticDrr[i]);
    }
    return r;
  }

  /** Transmissions below this are taken as this: the detector's dark floor, where a pixel says nothing. */
  private static final double MIN_TRANSMISSION = 1e-4;

  private float[] transmission(double scale) {
    float[] e = new float[staticDrr.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = (float) Math.exp(-scale * staticDrr[i]);
    }
    return e;
  }

  /** {o, G, sse} of {@code I = o + G e} over the pixels the heart cannot reach, or null. */
  private double[] fitOffsetAndGain(float[] intensity, float[] e) {
    int u0 = heartBox[0] - marginPx;
    int v0 = heartBox[1] - marginPx;
    int u1 = heartBox[2] + marginPx;
    int v1 = heartBox[3] + marginPx;
    double n = 0;
    double se = 0;
    double si = 0;
    double see = 0;
    double sei = 0;
    double sii = 0;
    for (int v = 0; v < height; v++) {
      boolean rowInside = v >= v0 && v <= v1;
      for (int u = 0; u < width; u++) {
        if (rowInside && u >= u0 && u <= u1) {
          continue;
        }
        int i = v * width + u;
        double x = e[i];
        double y = intensity[i];
        n++;
        se += x;
        si += y;
        see += x * x;
        sei += x * y;
        sii += y * y;
      }
    }
    double var = n * see - se * se;
    if (n < 0.05 * width * height || !(var > 1e-12 * n * n)) {
      return null;
    }
    double g = (n * sei - se * si) / var;
    double o = (si - g * se) / n;
    if (!(g > 0) || !Double.isFinite(g)) {
      return null;
    }
    double sse = sii - 2 * o * si - 2 * g * sei + n * o * o + 2 * o * g * se + g * g * see;
    return new double[] {o, g, sse};
  }

  /** The attenuation scale that fits the frame outside the heart best (golden-section search in [0.5, 1.5]). */
  private double fitScale(float[] intensity) {
    double lo = 0.5;
    double hi = 1.5;
    double phi = (Math.sqrt(5) - 1) / 2;
    double a = hi - phi * (hi - lo);
    double b = lo + phi * (hi - lo);
    double fa = sse(intensity, a);
    double fb = sse(intensity, b);
    for (int it = 0; it < 24; it++) {
      if (fa < fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - phi * (hi - lo);
        fa = sse(intensity, a);
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + phi * (hi - lo);
        fb = sse(intensity, b);
      }
    }
    return 0.5 * (lo + hi);
  }

  private double sse(float[] intensity, double scale) {
    double[] f = fitOffsetAndGain(intensity, transmission(scale));
    return f == null ? Double.POSITIVE_INFINITY : f[2];
  }

  /** The heart's in-plane shift from its place at the patient pose in a residual on this grid (full search). */
  Match match(float[] residual) {
    TemplateMatcher.Match m = matcher.match(template(), HostAttenuation.wrap(width, height, residual, projection), cu,
        cv);
    return new Match(m.du(), m.dv(), m.correlation());
  }

  /**
   * The heart's shift searched only within {@link #FOLLOW_RADIUS_PX} of {@code previous} (the last frame's): null
   * when the best shift lies on the search border (the heart moved further, or the peak is elsewhere), so the caller
   * falls back to {@link #match}.
   */
  Match follow(float[] residual, Match previous) {
    TemplateMatcher.Match m = matcher.matchNear(template(), HostAttenuation.wrap(width, height, residual, projection),
        cu, cv, previous.du(), previous.dv(), FOLLOW_RADIUS_PX);
    double u0 = Math.round(previous.du());
    double v0 = Math.round(previous.dv());
    if (Math.abs(m.du() - u0) >= FOLLOW_RADIUS_PX || Math.abs(m.dv() - v0) >= FOLLOW_RADIUS_PX) {
      return null;
    }
    return new Match(m.du(), m.dv(), m.correlation());
  }

  /** How far (pixels) {@link #follow} searches from the last frame's shift. */
  static final int FOLLOW_RADIUS_PX = 3;

  private HostAttenuation template() {
    return HostAttenuation.wrap(width, height, heartDrr, projection);
  }

  /**
   * The 3D translation (RAS mm) of the heart for an in-plane shift: the shift {@code s} parallel to the detector at
   * the heart's depth, plus a step along the ray through the shifted point (the heart may be anywhere on it: the
   * depth a single view cannot see) chosen to put the translation closest to {@code breathingDirection} (the heart
   * moves mostly along it). Null, or a direction within about 18 degrees of that ray ({@link #seesDepthAlong}
   * false): {@code s} alone, no depth.
   */
  Vec3 translation(double du, double dv, Vec3 breathingDirection) {
    ProjectionGeometry g = new ProjectionGeometry(projection);
    double depth = g.depth(trackedPoint);
    Vec3 shifted = g.backProject(cu + du, cv + dv, depth);
    Vec3 s = shifted.minus(g.backProject(cu, cv, depth));
    if (breathingDirection == null) {
      return s;
    }
    Vec3 d = breathingDirection.normalized();
    Vec3 ray = shifted.minus(g.source()).normalized();
    Vec3 rayAcross = ray.minus(d.times(ray.dot(d))); // the ray's part across the direction
    double pp = rayAcross.dot(rayAcross);
    if (pp < MIN_RAY_ACROSS) {
      return s;
    }
    Vec3 sAcross = s.minus(d.times(s.dot(d)));
    // s + k ray, with k minimising its part across the direction
    return s.plus(ray.times(-sAcross.dot(rayAcross) / pp));
  }

  /** {@link #translation} takes depth only where the direction's part across the ray is at least this (squared). */
  private static final double MIN_RAY_ACROSS = 0.1;

  /**
   * Whether an in-plane shift along {@code breathingDirection}'s image tells its depth: the direction is more than
   * about 18 degrees from the ray through the tracked point.
   */
  boolean seesDepthAlong(Vec3 breathingDirection) {
    Vec3 d = breathingDirection.normalized();
    Vec3 ray = trackedPoint.minus(new ProjectionGeometry(projection).source()).normalized();
    Vec3 across = ray.minus(d.times(ray.dot(d)));
    return across.dot(across) >= MIN_RAY_ACROSS;
  }

  /** The distance between two translations seen in this view: their difference parallel to the detector, mm. */
  double inPlaneDistance(Vec3 a, Vec3 b) {
    Vec3 d = a.minus(b);
    Vec3 beam = new ProjectionGeometry(projection).beamDirection().normalized();
    return d.minus(beam.times(d.dot(beam))).norm();
  }

  /** The patient pose with the heart translated by {@code t} (RAS mm). */
  RigidTransform heartPose(Vec3 t) {
    double[] m = patientPose.matrix();
    m[3] += t.x();
    m[7] += t.y();
    m[11] += t.z();
    return new RigidTransform(m);
  }

  private static int[] supportBox(float[] img, int w, int h) {
    float max = 0;
    for (float x : img) {
      max = Math.max(max, Math.abs(x));
    }
    float eps = 0.02f * max;
    int u0 = w;
    int v0 = h;
    int u1 = -1;
    int v1 = -1;
    for (int v = 0; v < h; v++) {
      for (int u = 0; u < w; u++) {
        if (Math.abs(img[v * w + u]) > eps) {
          u0 = Math.min(u0, u);
          u1 = Math.max(u1, u);
          v0 = Math.min(v0, v);
          v1 = Math.max(v1, v);
        }
      }
    }
    if (u1 < 0) {
      throw new IllegalArgumentException("the heart layer projects outside the detector, size=" + w + "x" + h);
    }
    return new int[] {u0, v0, u1, v1};
  }
}
