package cathnav.gpu.cuda;

import cathnav.gpu.Attenuation;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.PreparedTarget;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.SimilarityMetric;
import cathnav.gpu.VolumeGrid;
import cathnav.gpu.device.DeviceArguments;
import cathnav.gpu.device.LiveResources;
import cathnav.gpu.device.TargetStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code cuda} backend (JCuda driver API, kernels compiled ahead by nvcc). Volumes are stored per
 * {@link CudaVolumeMode} (default: float32 3D texture with hardware trilinear filtering; {@code exact} follows
 * {@link RenderOptions}' rule to float32 rounding). Sums accumulate in float64.
 *
 * <p>Thread-safety: none; the owner thread makes every call (see {@link ComputeBackend}). The CUDA context is made
 * current on the calling thread at every entry, so the owner may differ from the thread that opened it.
 */
public final class CudaBackend implements ComputeBackend {

  private static final Logger LOG = LoggerFactory.getLogger(CudaBackend.class);
  private static final int[] IMAGE_BLOCK = {32, 8, 1};
  private static final int THREADS = 256;

  private final CudaContext cuda;
  private final CudaVolumeMode mode;
  private final CudaDrr drr;
  private final LiveResources live = new LiveResources("cuda", LOG);
  private CUdeviceptr sums;
  private boolean closed;

  CudaBackend(CudaDevice device, CudaVolumeMode mode, int[] drrBlock) {
    this.cuda = new CudaContext(device);
    this.mode = mode;
    this.drr = new CudaDrr(cuda, drrBlock);
    try {
      this.sums = cuda.allocate(3L * Sizeof.DOUBLE, "reduction sums");
    } catch (RuntimeException e) {
      cuda.close();
      throw e;
    }
    LOG.info("event=backend_open backend=cuda device=\"{}\" volumeMode={} images={} kernels=\"{}\"",
        device.description(), mode.key(), cuda.loadedImages(), CudaKernelImages.buildInfo());
  }

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public String deviceDescription() {
    return cuda.device.description() + ", volumes=" + mode.key() + ", kernels=" + cuda.loadedImages();
  }

  /** Kernels launched since open. */
  long launches() {
    return cuda.launches();
  }

  /** How this backend stores volumes. */
  public CudaVolumeMode volumeMode() {
    return mode;
  }

  @Override
  public DeviceVolume uploadVolume(VolumeGrid grid, Attenuation attenuation) {
    ensureOpen();
    Objects.requireNonNull(attenuation, "attenuation");
    return track(CudaVolumeUpload.upload(this, cuda, grid, attenuation, mode));
  }

  @Override
  public DeviceImage createImage(int width, int height) {
    ensureOpen();
    DeviceArguments.checkImageSize(width, height);
    return track(new CudaImage(this, width, height,
        cuda.allocate((long) width * height * Sizeof.FLOAT, "image " + width + "x" + height)));
  }

  @Override
  public DeviceImage uploadImage(int width, int height, float[] pixels) {
    ensureOpen();
    DeviceArguments.checkImageSize(width, height);
    long n = (long) width * height;
    DeviceArguments.checkUploadLength(width, height, pixels);
    CUdeviceptr p = cuda.allocate(n * Sizeof.FLOAT, "image " + width + "x" + height);
    cuda.upload(p, Pointer.to(pixels), n * Sizeof.FLOAT);
    return track(new CudaImage(this, width, height, p));
  }

  @Override
  public void download(DeviceImage image, float[] destination) {
    CudaImage img = own(image);
    DeviceArguments.checkDownloadLength(img.pixels(), destination);
    cuda.download(Pointer.to(destination), img.pointer(), (long) img.pixels() * Sizeof.FLOAT);
  }

  @Override
  public void render(DeviceVolume volume, Projection projection, double[] pose, RenderOptions options,
      DeviceImage out) {
    drr.render(own(volume), projection, pose, options, own(out));
  }

  @Override
  public PreparedTarget prepareTarget(DeviceImage target, SimilarityMetric metric, DeviceImage mask) {
    CudaImage t = own(target);
    int w = t.width();
    int h = t.height();
    int n = t.pixels();
    long bytes = (long) n * Sizeof.FLOAT;
    int[] grid1 = {CudaContext.blocks(n, THREADS), 1, 1};
    int[] block1 = {THREADS, 1, 1};
    List<CUdeviceptr> made = new ArrayList<>();
    try {
      CUdeviceptr mask01 = add(made, cuda.allocate(bytes, "target mask"));
      if (mask == null) {
        cuda.launch(CudaKernel.FILL, grid1, block1, mask01, n, 1.0f);
      } else {
        CudaImage m = own(mask);
        DeviceArguments.checkMaskSize(m, t);
        cuda.launch(CudaKernel.BINARISE, grid1, block1, m.pointer(), mask01, n);
      }
      CUdeviceptr x = add(made, cuda.allocate(bytes, "target channel u"));
      CUdeviceptr y = null;
      TargetStatistics stats;
      if (metric == SimilarityMetric.GRADIENT_CORRELATION) {
        y = add(made, cuda.allocate(bytes, "target channel v"));
        cuda.launch(CudaKernel.SOBEL, imageGrid(w, h), IMAGE_BLOCK, t.pointer(), w, h, x, y);
        TargetStatistics.Channel sx = centre(x, mask01, n, x);
        TargetStatistics.Channel sy = centre(y, mask01, n, y);
        stats = new TargetStatistics(sx, sy);
      } else {
        stats = new TargetStatistics(centre(t.pointer(), mask01, n, x), null);
      }
      long statBytes = (long) TargetStatistics.VALUES * Sizeof.DOUBLE;
      CUdeviceptr statBuffer = add(made, cuda.allocate(statBytes, "target statistics"));
      cuda.upload(statBuffer, Pointer.to(stats.toArray()), statBytes);
      return track(new CudaTarget(this, w, h, metric, mask01, x, y, statBuffer));
    } catch (RuntimeException e) {
      made.forEach(cuda::free);
      throw e;
    }
  }

  /** {@code out = mask01 * (source - mean)}; returns the statistics of out over the mask. */
  private TargetStatistics.Channel centre(CUdeviceptr source, CUdeviceptr mask01, int n, CUdeviceptr out) {
    double[] s = maskedSums(source, mask01, n);
    double mean = TargetStatistics.Channel.maskedMean(s, n);
    cuda.launch(CudaKernel.CENTRE, new int[] {CudaContext.blocks(n, THREADS), 1, 1}, new int[] {THREADS, 1, 1}, source,
        mask01, n, (float) mean, out);
    return TargetStatistics.Channel.ofCentred(s[2], maskedSums(out, mask01, n));
  }

  private double[] maskedSums(CUdeviceptr x, CUdeviceptr mask01, int n) {
    cuda.zero(sums, 3L * Sizeof.DOUBLE);
    cuda.launch(CudaKernel.MASKED_SUMS, reduceGrid(n), new int[] {THREADS, 1, 1}, x, mask01, n, sums);
    double[] s = new double[3];
    cuda.download(Pointer.to(s), sums, 3L * Sizeof.DOUBLE);
    return s;
  }

  @Override
  public void scorePoses(DeviceVolume volume, Projection projection, PreparedTarget target, double[] poses,
      int count, RenderOptions options, float[] scores) {
    CudaTarget t = own(target);
    drr.score(own(volume), projection, t, poses, count, options, scores);
  }

  @Override
  public void logTransform(DeviceImage in, DeviceImage out, float floor, float offset, float scale, boolean negate) {
    CudaImage a = own(in);
    CudaImage b = own(out);
    DeviceArguments.checkSameSize(a, b, "logTransform");
    cuda.launch(CudaKernel.LOG_TRANSFORM, new int[] {CudaContext.blocks(a.pixels(), THREADS), 1, 1}, new int[] {THREADS, 1, 1},
        a.pointer(), b.pointer(), a.pixels(), floor, offset, scale, negate ? -1.0f : 1.0f);
  }

  @Override
  public void downsample2x(DeviceImage in, DeviceImage out) {
    CudaImage a = own(in);
    CudaImage b = own(out);
    DeviceArguments.checkDownsampleSize(a, b);
    cuda.launch(CudaKernel.DOWNSAMPLE2X, imageGrid(b.width(), b.height()), IMAGE_BLOCK, a.pointer(), a.width(),
        b.pointer(), b.width(), b.height());
  }

  @Override
  public void sobel(DeviceImage in, DeviceImage gx, DeviceImage gy) {
    CudaImage a = own(in);
    CudaImage x = own(gx);
    CudaImage y = own(gy);
    DeviceArguments.checkSameSize(a, x, "sobel gx");
    DeviceArguments.checkSameSize(a, y, "sobel gy");
    cuda.launch(CudaKernel.SOBEL, imageGrid(a.width(), a.height()), IMAGE_BLOCK, a.pointer(), a.width(), a.height(),
        x.pointer(), y.pointer());
  }

  @Override
  public double[] sumAndSumOfSquares(DeviceImage image) {
    CudaImage a = own(image);
    cuda.zero(sums, 2L * Sizeof.DOUBLE);
    cuda.launch(CudaKernel.SUMS, reduceGrid(a.pixels()), new int[] {THREADS, 1, 1}, a.pointer(), a.pixels(), sums);
    double[] s = new double[2];
    cuda.download(Pointer.to(s), sums, 2L * Sizeof.DOUBLE);
    return s;
  }

  private static int[] imageGrid(int w, int h) {
    return new int[] {CudaContext.blocks(w, IMAGE_BLOCK[0]), CudaContext.blocks(h, IMAGE_BLOCK[1]), 1};
  }

  private static int[] reduceGrid(int n) {
    return new int[] {(int) Math.max(1, Math.min(1024, CudaContext.blocks(n, THREADS * 8))), 1, 1};
  }

  private static CUdeviceptr add(List<CUdeviceptr> made, CUdeviceptr p) {
    made.add(p);
    return p;
  }

  void makeCurrent() {
    cuda.makeCurrent();
  }

  void release(CudaImage image, CUdeviceptr pointer) {
    cuda.makeCurrent();
    cuda.free(pointer);
    forget(image);
  }

  private <T extends AutoCloseable> T track(T resource) {
    return live.track(resource);
  }

  void forget(AutoCloseable resource) {
    live.forget(resource);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("CUDA backend used after close");
    }
    cuda.makeCurrent();
  }

  private CudaImage own(DeviceImage image) {
    ensureOpen();
    if (image instanceof CudaImage i && i.owner == this) {
      return i;
    }
    throw new IllegalArgumentException("image does not belong to this CUDA backend, image=" + image);
  }

  private CudaVolume own(DeviceVolume volume) {
    ensureOpen();
    if (volume instanceof CudaVolume v && v.owner == this) {
      return v;
    }
    throw new IllegalArgumentException("volume does not belong to this CUDA backend, volume=" + volume);
  }

  private CudaTarget own(PreparedTarget target) {
    ensureOpen();
    if (target instanceof CudaTarget t && t.owner == this) {
      return t;
    }
    throw new IllegalArgumentException("target does not belong to this CUDA backend, target=" + target);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    cuda.makeCurrent();
    live.closeAll();
    drr.close();
    cuda.free(sums);
    sums = null;
    cuda.close();
    closed = true;
    LOG.info("event=backend_close backend=cuda");
  }
}
