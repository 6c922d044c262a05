package cathnav.gpu.cpu;

import cathnav.gpu.Attenuation;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.PreparedTarget;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.SimilarityMetric;
import cathnav.gpu.VolumeGrid;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pure-Java backend: always available, multi-threaded over a fixed pool (one worker per core, work split in
 * detector row bands), float32 samples with float64 statistics. Volumes live on the Java heap as padded float
 * arrays ({@link HostVolume}); a {@code 512^3} volume takes about 0.55 GB of heap per memory layout (one or two
 * in practice, see {@link VoxelLayout}).
 *
 * <p>Thread-safety: as {@link ComputeBackend}: one owning thread calls it; the pool's workers only run its items.
 */
public final class JavaBackend implements ComputeBackend {

  /** System property overriding the number of worker threads (default: available processors). */
  public static final String THREADS_PROPERTY = "cathnav.gpu.java.threads";

  private static final Logger LOG = LoggerFactory.getLogger(JavaBackend.class);

  private final WorkerPool pool;
  private final PoseScorer scorer;
  private volatile boolean closed;

  public JavaBackend(int threads) {
    this.pool = new WorkerPool(threads, "cathnav-java-backend");
    this.scorer = new PoseScorer(pool);
    LOG.info("java backend opened, threads={}", threads);
  }

  /** Threads from {@value #THREADS_PROPERTY}, else one per available processor. */
  static int defaultThreads() {
    String configured = System.getProperty(THREADS_PROPERTY);
    if (configured != null) {
      try {
        int n = Integer.parseInt(configured.trim());
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          "invalid thread count, property=" + THREADS_PROPERTY + ", value=" + configured + ", expected >= 1");
    }
    return Runtime.getRuntime().availableProcessors();
  }

  @Override
  public String name() {
    return JavaBackendProvider.NAME;
  }

  @Override
  public String deviceDescription() {
    return "Java " + Runtime.version().feature() + " on " + pool.workers() + " threads (" + System.getProperty("os.arch") + ")";
  }

  @Override
  public DeviceVolume uploadVolume(VolumeGrid grid, Attenuation attenuation) {
    checkOpen();
    Objects.requireNonNull(grid, "grid");
    return HostVolume.upload(this, pool, grid, attenuation);
  }

  @Override
  public DeviceImage createImage(int width, int height) {
    checkOpen();
    return new HostImage(this, width, height, new float[pixelCount(width, height)]);
  }

  @Override
  public DeviceImage uploadImage(int width, int height, float[] pixels) {
    checkOpen();
    int n = pixelCount(width, height);
    Objects.requireNonNull(pixels, "pixels");
    if (pixels.length < n) {
      throw new IllegalArgumentException(
          "pixel array too short, size=" + width + "x" + height + ", needed=" + n + ", length=" + pixels.length);
    }
    float[] copy = new float[n];
    System.arraycopy(pixels, 0, copy, 0, n);
    return new HostImage(this, width, height, copy);
  }

  @Override
  public void download(DeviceImage image, float[] destination) {
    HostImage img = own(image, "image");
    int n = img.width() * img.height();
    if (destination.length < n) {
      throw new IllegalArgumentException(
          "destination too short, size=" + img.width() + "x" + img.height() + ", length=" + destination.length);
    }
    System.arraycopy(img.pixels(), 0, destination, 0, n);
  }

  @Override
  public void render(DeviceVolume volume, Projection projection, double[] pose, RenderOptions options, DeviceImage out) {
    HostVolume vol = own(volume);
    HostImage img = own(out, "out");
    requireSize(img, projection.width(), projection.height(), "out");
    checkPose(pose, 1);
    int w = projection.width();
    int h = projection.height();
    RayGeometry grid = new RayGeometry(projection, pose, vol.rasToVoxel);
    VoxelLayout layout = vol.layout(grid.layoutAxis(), pool);
    RayCaster caster = new RayCaster(layout);
    RayGeometry geometry = grid.inLayout(layout.axes, w, h);
    float[] pixels = img.pixels();
    double step = options.stepMm();
    int bands = (h + PoseScorer.BAND_ROWS - 1) / PoseScorer.BAND_ROWS;
    pool.run(
        bands,
        (band, worker) -> {
          int v0 = band * PoseScorer.BAND_ROWS;
          int v1 = Math.min(h, v0 + PoseScorer.BAND_ROWS);
          for (int v = v0; v < v1; v++) {
            caster.renderRow(geometry, v, 0, w, step, pixels, v * w);
          }
        });
  }

  @Override
  public PreparedTarget prepareTarget(DeviceImage target, SimilarityMetric metric, DeviceImage mask) {
    HostImage t = own(target, "target");
    Objects.requireNonNull(metric, "metric");
    int w = t.width();
    int h = t.height();
    int n = w * h;
    float[] weights = null;
    long count = n;
    if (mask != null) {
      HostImage m = own(mask, "mask");
      requireSize(m, w, h, "mask");
      weights = new float[n];
      float[] mp = m.pixels();
      count = 0;
      for (int i = 0; i < n; i++) {
        if (mp[i] > 0.5f) {
          weights[i] = 1f;
          count++;
        }
      }
      if (count == 0) {
        throw new IllegalArgumentException("mask selects no pixels, size=" + w + "x" + h + ", threshold=0.5");
      }
    }
    float[][] channels;
    if (metric == SimilarityMetric.NCC) {
      channels = new float[][] {t.pixels()};
    } else {
      float[] gx = new float[n];
      float[] gy = new float[n];
      ImageKernels.sobel(pool, t.pixels(), w, h, gx, gy);
      channels = new float[][] {gx, gy};
    }
    float[][] centred = new float[channels.length][];
    double[] sumOfSquares = new double[channels.length];
    for (int c = 0; c < channels.length; c++) {
      float[] src = channels[c];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += weights == null ? src[i] : weights[i] * src[i];
      }
      double mean = sum / count;
      float[] dst = new float[n];
      double ss = 0;
      for (int i = 0; i < n; i++) {
        if (weights == null || weights[i] != 0f) {
          dst[i] = (float) (src[i] - mean);
          ss += (double) dst[i] * dst[i];
        }
      }
      centred[c] = dst;
      sumOfSquares[c] = ss;
    }
    return new HostPreparedTarget(this, w, h, metric, centred, sumOfSquares, weights, count);
  }

  @Override
  public void scorePoses(
      DeviceVolume volume,
      Projection projection,
      PreparedTarget target,
      double[] poses,
      int count,
      RenderOptions options,
      float[] scores) {
    HostVolume vol = own(volume);
    if (!(target instanceof HostPreparedTarget t) || t.owner() != this) {
      throw new IllegalArgumentException("target was not prepared by this java backend, target=" + target);
    }
    if (t.width() != projection.width() || t.height() != projection.height()) {
      throw new IllegalArgumentException(
          "target and projection sizes differ, target=" + t.width() + "x" + t.height() + ", projection="
              + projection.width() + "x" + projection.height());
    }
    checkPose(poses, count);
    if (scores.length < count) {
      throw new IllegalArgumentException("scores too short, count=" + count + ", length=" + scores.length);
    }
    if (count == 0) {
      return;
    }
    scorer.score(vol, projection, t, poses, count, options.stepMm(), scores);
  }

  @Override
  public void logTransform(DeviceImage in, DeviceImage out, float floor, float offset, float scale, boolean negate) {
    HostImage a = own(in, "in");
    HostImage b = own(out, "out");
    requireSize(b, a.width(), a.height(), "out");
    ImageKernels.logTransform(pool, a.pixels(), b.pixels(), a.width() * a.height(), floor, offset, scale, negate);
  }

  @Override
  public void downsample2x(DeviceImage in, DeviceImage out) {
    HostImage a = own(in, "in");
    HostImage b = own(out, "out");
    requireSize(b, a.width() / 2, a.height() / 2, "out");
    ImageKernels.downsample2x(pool, a.pixels(), a.width(), a.height(), b.pixels());
  }

  @Override
  public void sobel(DeviceImage in, DeviceImage gx, DeviceImage gy) {
    HostImage a = own(in, "in");
    HostImage x = own(gx, "gx");
    HostImage y = own(gy, "gy");
    requireSize(x, a.width(), a.height(), "gx");
    requireSize(y, a.width(), a.height(), "gy");
    if (x == a || y == a || x == y) {
      throw new IllegalArgumentException("sobel needs three distinct images (in, gx, gy)");
    }
    ImageKernels.sobel(pool, a.pixels(), a.width(), a.height(), x.pixels(), y.pixels());
  }

  @Override
  public double[] sumAndSumOfSquares(DeviceImage image) {
    HostImage a = own(image, "image");
    return ImageKernels.sumAndSumOfSquares(pool, a.pixels(), a.width() * a.height());
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      pool.close();
      LOG.info("java backend closed");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("java backend is closed");
    }
  }

  private HostVolume own(DeviceVolume volume) {
    checkOpen();
    if (!(volume instanceof HostVolume v) || v.owner() != this) {
      throw new IllegalArgumentException("volume was not uploaded to this java backend, volume=" + volume);
    }
    return v;
  }

  private HostImage own(DeviceImage image, String role) {
    checkOpen();
    if (!(image instanceof HostImage i) || i.owner() != this) {
      throw new IllegalArgumentException(role + " was not created by this java backend, " + role + "=" + image);
    }
    return i;
  }

  private static void requireSize(HostImage image, int width, int height, String role) {
    if (image.width() != width || image.height() != height) {
      throw new IllegalArgumentException(
          role + " has the wrong size, expected=" + width + "x" + height + ", actual=" + image.width() + "x"
              + image.height());
    }
  }

  private static void checkPose(double[] poses, int count) {
    Objects.requireNonNull(poses, "poses");
    if (count < 0 || poses.length < 16L * count) {
      throw new IllegalArgumentException(
          "poses must hold 16 values per pose, count=" + count + ", length=" + poses.length);
    }
  }

  private static int pixelCount(int width, int height) {
    if (width <= 0 || height <= 0 || (long) width * height > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("invalid image size, size=" + width + "x" + height);
    }
    return width * height;
  }
}
