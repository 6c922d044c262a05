package cathnav.sim.render;

import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.gpu.Attenuation;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.VolumeGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the anatomy of an {@link AnatomyScene} (line integrals of mu) through a compute backend, re-rendering only
 * what changed.
 *
 * <p>The static anatomy's DRR depends only on the view ({@code P}) and the patient pose {@code T}: it is rendered
 * once per distinct (P, T) and cached. The heart region's DRR at rest is cached the same way. A moved heart is either
 * drawn by warping a reference DRR of the heart ({@link HeartRendering#WARPED}): the cached rest DRR or the
 * heart's last ray cast in this view, whichever the 2D affine maps better, when warping is allowed and the affine
 * that maps ~100 points of the heart's tissue from the reference pose to the new pose fits them within
 * {@code maxWarpResidualPx} (a small rigid shift changes the DRR almost only by where it lands; larger shifts show
 * parallax between the heart's front and back, which no 2D warp reproduces). Warps always start from a ray cast,
 * never from another warp, so errors do not accumulate.
 * Otherwise it is ray-cast at its moved pose: at full resolution ({@link HeartRendering#EXACT}) or, with a
 * {@code heartScale} k &gt; 1, on a detector k times coarser and bilinearly upsampled
 * ({@link HeartRendering#EXACT_COARSE}), which costs k^2 less and loses little when the coarse pixel, seen at the
 * heart, is no larger than a CT voxel.
 *
 * <p>Thread-safety: none; owned by the thread that owns the backend. Closing releases the uploaded volumes (not the
 * backend, which the caller owns).
 */
public final class AnatomyRenderer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AnatomyRenderer.class);
  private static final int CACHE_VIEWS = 4;

  private final ComputeBackend backend;
  private final AnatomyScene scene;
  private final RenderOptions options;
  private final boolean allowWarp;
  private final double maxWarpResidualPx;
  private final DeviceVolume staticVolume;
  private final DeviceVolume heartVolume;
  private final Map<ViewKey, float[]> staticCache = lru();
  private final Map<ViewKey, float[]> heartCache = lru();
  private final List<Vec3> heartLattice;
  private DeviceImage image;
  private Reference lastCast;
  private DeviceImage coarseImage;
  private float[] coarse = new float[0];
  private long rayCasts;
  private long passingRenders;

  /**
   * @param allowWarp whether a moved heart may be drawn by warping its rest DRR
   * @param maxWarpResidualPx the largest affine-fit residual accepted for a warp, pixels
   */
  public AnatomyRenderer(ComputeBackend backend, AnatomyScene scene, RenderOptions options, boolean allowWarp,
      double maxWarpResidualPx) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.scene = Objects.requireNonNull(scene, "scene");
    this.options = Objects.requireNonNull(options, "options");
    this.allowWarp = allowWarp;
    this.maxWarpResidualPx = maxWarpResidualPx;
    this.staticVolume = backend.uploadVolume(scene.staticMu(), Attenuation.DEFAULT);
    this.heartVolume = backend.uploadVolume(scene.heartMu(), Attenuation.DEFAULT);
    List<Vec3> lattice = tissueSamples(scene.heartMu());
    this.heartLattice = List.copyOf(lattice);
    LOG.info("anatomy uploaded, scene={}, backend={}, static={}x{}x{}, heart={}x{}x{}, stepMm={}, warp={}",
        scene.name(), backend.name(), scene.staticMu().nx(), scene.staticMu().ny(), scene.staticMu().nz(),
        scene.heartMu().nx(), scene.heartMu().ny(), scene.heartMu().nz(), options.stepMm(), allowWarp);
  }


  /**
   * About 100 points spread over the heart region's voxels (those with attenuation excess above 1e-3 /mm): the warp
   * is fitted, and its residual judged, where the heart's tissue is.
   */
  static List<Vec3> tissueSamples(VolumeGrid heart) {
    float[] mu = heart.mu();
    double[] a = heart.voxelToRas();
    List<Vec3> out = new ArrayList<>();
    for (int stride = Math.max(1, Math.max(heart.nx(), Math.max(heart.ny(), heart.nz())) / 5); stride >= 1;
        stride = stride / 2) {
      out.clear();
      for (int k = stride / 2; k < heart.nz(); k += stride) {
        for (int j = stride / 2; j < heart.ny(); j += stride) {
          for (int i = stride / 2; i < heart.nx(); i += stride) {
            if (Math.abs(mu[(k * heart.ny() + j) * heart.nx() + i]) > 1e-3) {
              out.add(new Vec3(a[0] * i + a[1] * j + a[2] * k + a[3], a[4] * i + a[5] * j + a[6] * k + a[7],
                  a[8] * i + a[9] * j + a[10] * k + a[11]));
            }
          }
        }
      }
      if (out.size() >= 40 || stride == 1) {
        break;
      }
    }
    if (out.size() < 3) {
      double[] b = AnatomyScene.bounds(heart);
      for (int c = 0; c < 8; c++) {
        out.add(new Vec3(b[(c & 1) * 3], b[1 + ((c >> 1) & 1) * 3], b[2 + ((c >> 2) & 1) * 3]));
      }
    }
    return List.copyOf(out);
  }

  /** The last ray-cast heart: the reference a warp starts from. */
  private record Reference(ViewKey key, RigidTransform pose, float[] drr, int scale) {}

  /** What the last call did with the heart. */
  /**
   * @param heart how the heart was drawn
   * @param warpResidualPx the affine fit's largest residual for a warped heart, pixels (0 otherwise)
   * @param heartScale the detector coarsening of a coarse ray cast (1 otherwise)
   */
  public record Result(HeartRendering heart, double warpResidualPx, int heartScale) {
    Result(HeartRendering heart, double warpResidualPx) {
      this(heart, warpResidualPx, 1);
    }
  }

  /**
   * Writes the anatomy's line integrals for view {@code projection}, patient pose {@code patientPose} and heart pose
   * {@code heartPose} (both model to RAS; the heart at rest has {@code heartPose == patientPose}) into {@code out}
   * (row-major, {@code width * height}).
   */
  public Result render(Projection projection, RigidTransform patientPose, RigidTransform heartPose, float[] out) {
    return render(projection, patientPose, heartPose, 1, out);
  }

  /**
   * As {@link #render(Projection, RigidTransform, RigidTransform, float[])}, ray-casting a moved heart (when it is
   * not warped) on a detector {@code heartScale} times coarser (1: full resolution).
   */
  public Result render(Projection projection, RigidTransform patientPose, RigidTransform heartPose, int heartScale,
      float[] out) {
    return render(projection, patientPose, heartPose, heartScale, 0, out);
  }

  /**
   * As {@link #render(Projection, RigidTransform, RigidTransform, int, float[])}; with {@code passingViewScale} k
   * &gt; 0 the view is one the C-arm or table is passing through (it will not be seen again): anatomy missing from
   * the cache is ray-cast on a detector k times coarser and not cached, so a move costs about k^2 less per frame
   * and does not evict the views the procedure returns to. 0: a view that stays (rendered exactly and cached).
   */
  public Result render(Projection projection, RigidTransform patientPose, RigidTransform heartPose, int heartScale,
      int passingViewScale, float[] out) {
    if (heartScale < 1 || heartScale > 16) {
      throw new IllegalArgumentException("heartScale must be in [1, 16], heartScale=" + heartScale);
    }
    if (passingViewScale < 0 || passingViewScale > 16) {
      throw new IllegalArgumentException("passingViewScale must be in [0, 16], passingViewScale=" + passingViewScale);
    }
    int w = projection.width();
    int h = projection.height();
    int n = w * h;
    if (out.length < n) {
      throw new IllegalArgumentException("output too small, length=" + out.length + ", pixels=" + n);
    }
    ViewKey key = ViewKey.of(projection, patientPose);
    float[] stat = staticCache.get(key);
    if (stat == null && passingViewScale > 0) {
      Arrays.fill(out, 0, n, 0f);
      addCoarse(staticVolume, projection, patientPose, Math.max(1, passingViewScale), out);
      passingRenders++;
      int k = Math.max(heartScale, passingViewScale);
      addCoarse(heartVolume, projection, heartPose, k, out);
      return new Result(HeartRendering.EXACT_COARSE, 0, k);
    }
    if (stat == null) {
      stat = castRays(staticVolume, projection, patientPose);
      staticCache.put(key, stat);
    }
    System.arraycopy(stat, 0, out, 0, n);
    if (heartPose.equals(patientPose)) {
      addAll(restHeart(key, projection, patientPose), out, n);
      return new Result(HeartRendering.REST, 0);
    }
    ProjectionGeometry g = new ProjectionGeometry(projection);
    if (allowWarp) {
      List<Reference> candidates = new ArrayList<>(2);
      float[] rest = heartCache.get(key);
      if (rest != null) {
        candidates.add(new Reference(key, patientPose, rest, 1));
      }
      if (lastCast != null && lastCast.key().equals(key)) {
        candidates.add(lastCast);
      }
      Reference best = null;
      AffineWarp2d bestWarp = null;
      double[][] to = project(g, heartPose);
      for (Reference c : candidates) {
        AffineWarp2d warp = AffineWarp2d.fit(project(g, c.pose()), to);
        if (bestWarp == null || warp.maxResidualPx() < bestWarp.maxResidualPx()) {
          best = c;
          bestWarp = warp;
        }
      }
      if (bestWarp != null && bestWarp.maxResidualPx() <= maxWarpResidualPx) {
        int[] box = footprint(g, heartPose);
        bestWarp.addWarped(best.drr(), out, w, h, box[0], box[1], box[2], box[3]);
        return new Result(HeartRendering.WARPED, bestWarp.maxResidualPx(), best.scale());
      }
    }
    float[] moved = new float[n];
    if (heartScale > 1) {
      addCoarse(heartVolume, projection, heartPose, heartScale, moved);
    } else {
      moved = castRays(heartVolume, projection, heartPose);
    }
    lastCast = new Reference(key, heartPose, moved, heartScale);
    addAll(moved, out, n);
    return heartScale > 1 ? new Result(HeartRendering.EXACT_COARSE, 0, heartScale)
        : new Result(HeartRendering.EXACT, 0);
  }

  private double[][] project(ProjectionGeometry g, RigidTransform pose) {
    double[][] p = new double[heartLattice.size()][];
    for (int i = 0; i < p.length; i++) {
      p[i] = g.project(pose.apply(heartLattice.get(i)));
    }
    return p;
  }

  /** Pixel box {@code {u0, u1, v0, v1}} holding the projection of the heart sub-volume's corners at {@code pose}. */
  private int[] footprint(ProjectionGeometry g, RigidTransform pose) {
    double[] b = scene.heartBoxMm();
    double u0 = Double.POSITIVE_INFINITY;
    double u1 = Double.NEGATIVE_INFINITY;
    double v0 = Double.POSITIVE_INFINITY;
    double v1 = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < 8; c++) {
      double[] p = g.project(pose.apply(new Vec3(b[(c & 1) * 3], b[1 + ((c >> 1) & 1) * 3],
          b[2 + ((c >> 2) & 1) * 3])));
      u0 = Math.min(u0, p[0]);
      u1 = Math.max(u1, p[0]);
      v0 = Math.min(v0, p[1]);
      v1 = Math.max(v1, p[1]);
    }
    return new int[] {(int) Math.floor(u0) - 2, (int) Math.ceil(u1) + 2, (int) Math.floor(v0) - 2,
        (int) Math.ceil(v1) + 2};
  }

  /**
   * The projection of a detector {@code k} times coarser: coarse pixel {@code u'} spans fine pixels {@code k u'} to
   * {@code k u' + k - 1}, so {@code u' = (u - (k - 1) / 2) / k}; size {@code ceil(w / k) x ceil(h / k)}.
   */
  static Projection coarsened(Projection p, int k) {
    double[] m = p.matrix();
    double[] q = new double[12];
    double c = (k - 1) / 2.0;
    for (int col = 0; col < 4; col++) {
      q[col] = (m[col] - c * m[8 + col]) / k;
      q[4 + col] = (m[4 + col] - c * m[8 + col]) / k;
      q[8 + col] = m[8 + col];
    }
    return new Projection((p.width() + k - 1) / k, (p.height() + k - 1) / k, q);
  }

  /** Adds the bilinear upsampling of a {@link #coarsened} image to the fine image {@code out}. */
  static void addUpsampled(float[] src, int sw, int sh, int k, float[] out, int w, int h) {
    double c = (k - 1) / 2.0;
    int[] x0 = new int[w];
    float[] fx = new float[w];
    for (int u = 0; u < w; u++) {
      double x = Math.max(0, Math.min(sw - 1, (u - c) / k));
      x0[u] = Math.min(sw - 2, (int) Math.floor(x));
      fx[u] = (float) (x - x0[u]);
      if (sw == 1) {
        x0[u] = 0;
        fx[u] = 0;
      }
    }
    for (int v = 0; v < h; v++) {
      double y = Math.max(0, Math.min(sh - 1, (v - c) / k));
      int y0 = sh == 1 ? 0 : Math.min(sh - 2, (int) Math.floor(y));
      float fy = sh == 1 ? 0 : (float) (y - y0);
      int r0 = y0 * sw;
      int r1 = sh == 1 ? r0 : r0 + sw;
      int row = v * w;
      for (int u = 0; u < w; u++) {
        int a = x0[u];
        int b = sw == 1 ? a : a + 1;
        float top = src[r0 + a] + fx[u] * (src[r0 + b] - src[r0 + a]);
        float bottom = src[r1 + a] + fx[u] * (src[r1 + b] - src[r1 + a]);
        out[row + u] += top + fy * (bottom - top);
      }
    }
  }

  /** Ray-casts {@code volume} at {@code pose} on a detector {@code k} times coarser and adds its upsampling to {@code out}. */
  private void addCoarse(DeviceVolume volume, Projection projection, RigidTransform pose, int k, float[] out) {
    if (k == 1) {
      addAll(castRays(volume, projection, pose), out, projection.width() * projection.height());
      return;
    }
    Projection small = coarsened(projection, k);
    if (coarseImage == null || coarseImage.width() != small.width() || coarseImage.height() != small.height()) {
      if (coarseImage != null) {
        coarseImage.close();
      }
      coarseImage = backend.createImage(small.width(), small.height());
      coarse = new float[small.width() * small.height()];
    }
    backend.render(volume, small, pose.matrix(), options, coarseImage);
    backend.download(coarseImage, coarse);
    rayCasts++;
    addUpsampled(coarse, small.width(), small.height(), k, out, projection.width(), projection.height());
  }

  /**
   * The static anatomy's and the resting heart's line integrals for the view ({@code projection}, {@code
   * patientPose}), ray-cast now unless cached (and cached here). A renderer on another thread (with its own backend)
   * can {@link #adopt} the result, so a view can be rendered ahead, before the C-arm gets there.
   */
  public PreparedView prepare(Projection projection, RigidTransform patientPose) {
    ViewKey key = ViewKey.of(projection, patientPose);
    float[] stat = staticCache.get(key);
    if (stat == null) {
      stat = castRays(staticVolume, projection, patientPose);
      staticCache.put(key, stat);
    }
    return new PreparedView(projection, patientPose, stat, restHeart(key, projection, patientPose));
  }

  /**
   * Takes a view prepared by another renderer of the same scene and render options into this renderer's caches
   * (the arrays are shared, never written after preparation).
   */
  public void adopt(PreparedView view) {
    ViewKey key = ViewKey.of(view.projection(), view.patientPose());
    staticCache.put(key, view.staticDrr());
    heartCache.put(key, view.restHeartDrr());
  }

  /** Frames of passing views (C-arm or table moving) rendered coarse so far. */
  public long passingRenders() {
    return passingRenders;
  }

  /** Number of full ray casts so far (a cache miss or an exact heart each cost one). */
  public long rayCasts() {
    return rayCasts;
  }

  private float[] restHeart(ViewKey key, Projection projection, RigidTransform patientPose) {
    float[] rest = heartCache.get(key);
    if (rest == null) {
      rest = castRays(heartVolume, projection, patientPose);
      heartCache.put(key, rest);
    }
    return rest;
  }

  private float[] castRays(DeviceVolume volume, Projection projection, RigidTransform pose) {
    int w = projection.width();
    int h = projection.height();
    if (image == null || image.width() != w || image.height() != h) {
      if (image != null) {
        image.close();
      }
      image = backend.createImage(w, h);
    }
    backend.render(volume, projection, pose.matrix(), options, image);
    float[] result = new float[w * h];
    backend.download(image, result);
    rayCasts++;
    return result;
  }

  private static void addAll(float[] src, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] += src[i];
    }
  }

  @Override
  public void close() {
    if (image != null) {
      image.close();
    }
    if (coarseImage != null) {
      coarseImage.close();
    }
    staticVolume.close();
    heartVolume.close();
  }

  private static Map<ViewKey, float[]> lru() {
    return new LinkedHashMap<>(8, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ViewKey, float[]> eldest) {
        return size() > CACHE_VIEWS;
      }
    };
  }

  /** Cache key: detector size, P and T by value. */
  private record ViewKey(int width, int height, List<Double> values) {
    static ViewKey of(Projection p, RigidTransform t) {
      double[] m = p.matrix();
      double[] pose = t.matrix();
      Double[] all = new Double[m.length + pose.length];
      for (int i = 0; i < m.length; i++) {
        all[i] = m[i];
      }
      for (int i = 0; i < pose.length; i++) {
        all[m.length + i] = pose[i];
      }
      return new ViewKey(p.width(), p.height(), Arrays.asList(all));
    }
  }
}
