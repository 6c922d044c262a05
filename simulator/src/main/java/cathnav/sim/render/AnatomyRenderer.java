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
 * ray-cast at its pose ({@link HeartRendering#EXACT}) or, when allowed and when the 2D affine that maps its
 * projected box fits within {@code maxWarpResidualPx}, drawn by warping the cached rest DRR
 * ({@link HeartRendering#WARPED}): a small rigid shift of the heart changes its DRR almost only by where it lands.
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
  private long rayCasts;

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
    double[] b = scene.heartBoxMm();
    List<Vec3> lattice = new ArrayList<>();
    for (int i = 0; i <= 2; i++) {
      for (int j = 0; j <= 2; j++) {
        for (int k = 0; k <= 2; k++) {
          lattice.add(new Vec3(b[0] + (b[3] - b[0]) * i / 2, b[1] + (b[4] - b[1]) * j / 2,
              b[2] + (b[5] - b[2]) * k / 2));
        }
      }
    }
    this.heartLattice = List.copyOf(lattice);
    LOG.info("anatomy uploaded, scene={}, backend={}, static={}x{}x{}, heart={}x{}x{}, stepMm={}, warp={}",
        scene.name(), backend.name(), scene.staticMu().nx(), scene.staticMu().ny(), scene.staticMu().nz(),
        scene.heartMu().nx(), scene.heartMu().ny(), scene.heartMu().nz(), options.stepMm(), allowWarp);
  }

  /** What the last call did with the heart. */
  public record Result(HeartRendering heart, double warpResidualPx) {}

  /**
   * Writes the anatomy's line integrals for view {@code projection}, patient pose {@code patientPose} and heart pose
   * {@code heartPose} (both model to RAS; the heart at rest has {@code heartPose == patientPose}) into {@code out}
   * (row-major, {@code width * height}).
   */
  public Result render(Projection projection, RigidTransform patientPose, RigidTransform heartPose, float[] out) {
    int w = projection.width();
    int h = projection.height();
    int n = w * h;
    if (out.length < n) {
      throw new IllegalArgumentException("output too small, length=" + out.length + ", pixels=" + n);
    }
    ViewKey key = ViewKey.of(projection, patientPose);
    float[] stat = staticCache.get(key);
    if (stat == null) {
      stat = castRays(staticVolume, projection, patientPose);
      staticCache.put(key, stat);
    }
    System.arraycopy(stat, 0, out, 0, n);
    if (heartPose.equals(patientPose)) {
      addAll(restHeart(key, projection, patientPose), out, n);
      return new Result(HeartRendering.REST, 0);
    }
    if (allowWarp) {
      ProjectionGeometry g = new ProjectionGeometry(projection);
      double[][] from = new double[heartLattice.size()][];
      double[][] to = new double[heartLattice.size()][];
      double u0 = Double.POSITIVE_INFINITY;
      double u1 = Double.NEGATIVE_INFINITY;
      double v0 = Double.POSITIVE_INFINITY;
      double v1 = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < from.length; i++) {
        Vec3 x = heartLattice.get(i);
        from[i] = g.project(patientPose.apply(x));
        to[i] = g.project(heartPose.apply(x));
        u0 = Math.min(u0, to[i][0]);
        u1 = Math.max(u1, to[i][0]);
        v0 = Math.min(v0, to[i][1]);
        v1 = Math.max(v1, to[i][1]);
      }
      AffineWarp2d warp = AffineWarp2d.fit(from, to);
      if (warp.maxResidualPx() <= maxWarpResidualPx) {
        float[] rest = restHeart(key, projection, patientPose);
        warp.addWarped(rest, out, w, h, (int) Math.floor(u0) - 2, (int) Math.ceil(u1) + 2,
            (int) Math.floor(v0) - 2, (int) Math.ceil(v1) + 2);
        return new Result(HeartRendering.WARPED, warp.maxResidualPx());
      }
    }
    float[] moved = castRays(heartVolume, projection, heartPose);
    addAll(moved, out, n);
    return new Result(HeartRendering.EXACT, 0);
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
