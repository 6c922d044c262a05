package cathnav.gpu.opencl;

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
import cathnav.gpu.device.HostAttenuation;
import cathnav.gpu.device.OccupiedBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code opencl} backend (JOCL): kernels from {@code cathnav/gpu/opencl/*.cl}, built for one device at open.
 * By default DRRs use explicit trilinear interpolation from a zero-padded float32 buffer, so they follow
 * {@link RenderOptions}' rule to float32 rounding (the suite's 1e-4 relative L2 bound); {@link OpenClVolumeMode#IMAGE}
 * samples a 3D image with the device's filtering instead. Reductions accumulate in float64 where the device has
 * {@code cl_khr_fp64}.
 *
 * <p>Thread-safety: none; the owner thread makes every call (see {@link ComputeBackend}).
 */
public final class OpenClBackend implements ComputeBackend {

  private static final Logger LOG = LoggerFactory.getLogger(OpenClBackend.class);
  private static final long[] IMAGE_LOCAL = {16, 8};
  private static final long[] VOLUME_LOCAL = {16, 4, 1};

  private final OpenClContext cl;
  private final OpenClVolumeMode mode;
  private final OpenClDrr drr;
  private final LiveResources live = new LiveResources("opencl", LOG);
  private cl_mem reducePartials;
  private boolean closed;

  OpenClBackend(OpenClDevice device, OpenClVolumeMode mode) {
    if (mode == OpenClVolumeMode.IMAGE && !device.images()) {
      throw new IllegalStateException("OpenCL device has no image support, " + OpenClVolumeMode.PROPERTY + "=image, "
          + "device=" + device.description() + "; use " + OpenClVolumeMode.PROPERTY + "=buffer");
    }
    this.cl = new OpenClContext(device);
    this.mode = mode;
    this.drr = new OpenClDrr(cl);
    LOG.info("event=backend_open backend=opencl device=\"{}\" volumeMode={}", device.description(), mode.key());
  }

  @Override
  public String name() {
    return "opencl";
  }

  @Override
  public String deviceDescription() {
    return cl.device.description() + (mode == OpenClVolumeMode.BUFFER ? "" : ", volumes=" + mode.key());
  }

  /** How this backend stores volumes. */
  public OpenClVolumeMode volumeMode() {
    return mode;
  }

  /** Kernels enqueued since open. */
  long launches() {
    return cl.launches();
  }

  /** The OpenCL device this backend runs on. */
  OpenClDevice device() {
    return cl.device;
  }

  @Override
  public DeviceVolume uploadVolume(VolumeGrid grid, Attenuation attenuation) {
    ensureOpen();
    int nx = grid.nx();
    int ny = grid.ny();
    int nz = grid.nz();
    Objects.requireNonNull(attenuation, "attenuation");
    OccupiedBox occupied = OccupiedBox.of(grid, attenuation);
    if (mode == OpenClVolumeMode.IMAGE) {
      cl_mem image = cl.image3d(HostAttenuation.of(grid, attenuation), nx, ny, nz, "volume " + nx + "x" + ny + "x" + nz);
      return track(new OpenClVolume(this, mode, nx, ny, nz, grid.voxelToRas(), occupied, image));
    }
    long padded = (long) (nx + 2) * (ny + 2) * (nz + 2);
    cl_mem volume = cl.allocate(padded * Sizeof.cl_float, "volume " + nx + "x" + ny + "x" + nz);
    cl_mem staging = null;
    try {
      long[] global = {nx + 2, ny + 2, nz + 2};
      if (grid.hu() != null) {
        staging = cl.allocateCopy(Pointer.to(grid.hu()), grid.voxelCount() * Sizeof.cl_short, "HU staging");
        cl.launch("pad_hu", global, VOLUME_LOCAL, staging, volume, nx, ny, nz, (float) attenuation.muWater(),
            (float) attenuation.huMin(), (float) attenuation.huMax());
      } else {
        staging = cl.allocateCopy(Pointer.to(grid.mu()), grid.voxelCount() * Sizeof.cl_float, "mu staging");
        cl.launch("pad_mu", global, VOLUME_LOCAL, staging, volume, nx, ny, nz);
      }
      cl.finish();
    } catch (RuntimeException e) {
      CL.clReleaseMemObject(volume);
      throw e;
    } finally {
      if (staging != null) {
        CL.clReleaseMemObject(staging);
      }
    }
    return track(new OpenClVolume(this, mode, nx, ny, nz, grid.voxelToRas(), occupied, volume));
  }

  @Override
  public DeviceImage createImage(int width, int height) {
    ensureOpen();
    DeviceArguments.checkImageSize(width, height);
    return track(new OpenClImage(this, width, height,
        cl.allocate((long) width * height * Sizeof.cl_float, "image " + width + "x" + height)));
  }

  @Override
  public DeviceImage uploadImage(int width, int height, float[] pixels) {
    ensureOpen();
    DeviceArguments.checkImageSize(width, height);
    long n = (long) width * height;
    DeviceArguments.checkUploadLength(width, height, pixels);
    return track(new OpenClImage(this, width, height,
        cl.allocateCopy(Pointer.to(pixels), n * Sizeof.cl_float, "image " + width + "x" + height)));
  }

  @Override
  public void download(DeviceImage image, float[] destination) {
    OpenClImage img = own(image);
    DeviceArguments.checkDownloadLength(img.pixels(), destination);
    cl.read(img.buffer(), Pointer.to(destination), (long) img.pixels() * Sizeof.cl_float);
  }

  @Override
  public void render(DeviceVolume volume, Projection projection, double[] pose, RenderOptions options,
      DeviceImage out) {
    drr.render(own(volume), projection, pose, options, own(out));
  }

  @Override
  public PreparedTarget prepareTarget(DeviceImage target, SimilarityMetric metric, DeviceImage mask) {
    OpenClImage t = own(target);
    int w = t.width();
    int h = t.height();
    int n = t.pixels();
    long bytes = (long) n * Sizeof.cl_float;
    List<cl_mem> made = new ArrayList<>();
    try {
      cl_mem mask01 = add(made, cl.allocate(bytes, "target mask"));
      if (mask == null) {
        cl.launch("fill", new long[] {n}, null, mask01, n, 1.0f);
      } else {
        OpenClImage m = own(mask);
        DeviceArguments.checkMaskSize(m, t);
        cl.launch("binarise", new long[] {n}, null, m.buffer(), mask01, n);
      }
      cl_mem x;
      cl_mem y = null;
      if (metric == SimilarityMetric.GRADIENT_CORRELATION) {
        x = add(made, cl.allocate(bytes, "target gradient u"));
        y = add(made, cl.allocate(bytes, "target gradient v"));
        cl.launch("sobel", new long[] {w, h}, IMAGE_LOCAL, t.buffer(), w, h, x, y);
      } else {
        x = add(made, cl.allocate(bytes, "target centred"));
      }
      TargetStatistics.Channel statsX = centre(metric == SimilarityMetric.NCC ? t.buffer() : x, mask01, n, x);
      TargetStatistics stats = new TargetStatistics(statsX, y == null ? null : centre(y, mask01, n, y));
      cl_mem statsBuffer = add(made, cl.allocate((long) TargetStatistics.VALUES * cl.accBytes(), "target statistics"));
      cl.writeAcc(statsBuffer, stats.toArray());
      return track(new OpenClTarget(this, w, h, metric, mask01, x, y, statsBuffer));
    } catch (RuntimeException e) {
      made.forEach(CL::clReleaseMemObject);
      throw e;
    }
  }

  /**
   * Writes {@code mask01 * (source - mean)} into {@code out} (the mean over the mask) and returns the statistics of
   * the written values over the mask.
   */
  private TargetStatistics.Channel centre(cl_mem source, cl_mem mask01, int n, cl_mem out) {
    double[] s = maskedSums(source, mask01, n);
    double mean = TargetStatistics.Channel.maskedMean(s, n);
    cl.launch("centre", new long[] {n}, null, source, mask01, n, (float) mean, out);
    return TargetStatistics.Channel.ofCentred(s[2], maskedSums(out, mask01, n));
  }

  @Override
  public void scorePoses(DeviceVolume volume, Projection projection, PreparedTarget target, double[] poses,
      int count, RenderOptions options, float[] scores) {
    OpenClTarget t = own(target);
    drr.score(own(volume), projection, t, poses, count, options, scores);
  }

  @Override
  public void logTransform(DeviceImage in, DeviceImage out, float floor, float offset, float scale, boolean negate) {
    OpenClImage a = own(in);
    OpenClImage b = own(out);
    DeviceArguments.checkSameSize(a, b, "logTransform");
    cl.launch("log_transform", new long[] {a.pixels()}, null, a.buffer(), b.buffer(), a.pixels(), floor, offset,
        scale, negate ? -1.0f : 1.0f);
  }

  @Override
  public void downsample2x(DeviceImage in, DeviceImage out) {
    OpenClImage a = own(in);
    OpenClImage b = own(out);
    DeviceArguments.checkDownsampleSize(a, b);
    cl.launch("downsample2x", new long[] {b.width(), b.height()}, IMAGE_LOCAL, a.buffer(), a.width(), b.buffer(),
        b.width(), b.height());
  }

  @Override
  public void sobel(DeviceImage in, DeviceImage gx, DeviceImage gy) {
    OpenClImage a = own(in);
    OpenClImage x = own(gx);
    OpenClImage y = own(gy);
    DeviceArguments.checkSameSize(a, x, "sobel gx");
    DeviceArguments.checkSameSize(a, y, "sobel gy");
    cl.launch("sobel", new long[] {a.width(), a.height()}, IMAGE_LOCAL, a.buffer(), a.width(), a.height(), x.buffer(),
        y.buffer());
  }

  @Override
  public double[] sumAndSumOfSquares(DeviceImage image) {
    OpenClImage a = own(image);
    int n = a.pixels();
    int groups = groupsFor(n);
    cl_mem partials = reducePartials();
    cl.launch("sums", new long[] {(long) groups * OpenClContext.REDUCE_LOCAL}, new long[] {OpenClContext.REDUCE_LOCAL},
        a.buffer(), n, partials);
    double[] p = cl.readAcc(partials, groups * 2);
    double sum = 0;
    double sumSq = 0;
    for (int g = 0; g < groups; g++) {
      sum += p[2 * g];
      sumSq += p[2 * g + 1];
    }
    return new double[] {sum, sumSq};
  }

  private double[] maskedSums(cl_mem x, cl_mem mask01, int n) {
    int groups = groupsFor(n);
    cl_mem partials = reducePartials();
    cl.launch("masked_sums", new long[] {(long) groups * OpenClContext.REDUCE_LOCAL},
        new long[] {OpenClContext.REDUCE_LOCAL}, x, mask01, n, partials);
    double[] p = cl.readAcc(partials, groups * 3);
    double[] s = new double[3];
    for (int g = 0; g < groups; g++) {
      for (int j = 0; j < 3; j++) {
        s[j] += p[3 * g + j];
      }
    }
    return s;
  }

  private static int groupsFor(int n) {
    return (int) Math.max(1, Math.min(256, (n + OpenClContext.REDUCE_LOCAL * 16L - 1)
        / (OpenClContext.REDUCE_LOCAL * 16L)));
  }

  /** Room for the partials of {@link #groupsFor} groups, three accumulators each. */
  private cl_mem reducePartials() {
    if (reducePartials == null) {
      reducePartials = cl.allocate(256L * 3 * cl.accBytes(), "reduction partials");
    }
    return reducePartials;
  }

  private static cl_mem add(List<cl_mem> made, cl_mem m) {
    made.add(m);
    return m;
  }

  private <T extends AutoCloseable> T track(T resource) {
    return live.track(resource);
  }

  void forget(AutoCloseable resource) {
    live.forget(resource);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("OpenCL backend used after close");
    }
  }

  private OpenClImage own(DeviceImage image) {
    ensureOpen();
    if (image instanceof OpenClImage i && i.owner == this) {
      return i;
    }
    throw new IllegalArgumentException("image does not belong to this OpenCL backend, image=" + image);
  }

  private OpenClVolume own(DeviceVolume volume) {
    ensureOpen();
    if (volume instanceof OpenClVolume v && v.owner == this) {
      return v;
    }
    throw new IllegalArgumentException("volume does not belong to this OpenCL backend, volume=" + volume);
  }

  private OpenClTarget own(PreparedTarget target) {
    ensureOpen();
    if (target instanceof OpenClTarget t && t.owner == this) {
      return t;
    }
    throw new IllegalArgumentException("target does not belong to this OpenCL backend, target=" + target);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    // renders are enqueued without waiting: drain the queue before releasing the buffers, kernels and context those
    // commands use, rather than rely on the driver deferring each release
    try {
      cl.finish();
    } catch (CLException e) {
      LOG.warn("event=backend_close_drain_failed backend=opencl error={}", e.getMessage());
    }
    live.closeAll();
    drr.close();
    if (reducePartials != null) {
      CL.clReleaseMemObject(reducePartials);
      reducePartials = null;
    }
    cl.close();
    closed = true;
    LOG.info("event=backend_close backend=opencl");
  }
}
