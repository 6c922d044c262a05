package cathnav.gpu.opencl;

import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.SimilarityMetric;
import cathnav.gpu.device.DeviceArguments;
import cathnav.gpu.device.RayStaging;
import cathnav.gpu.device.RaySetup;
import cathnav.gpu.device.ScratchBuffer;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * DRR rendering and batched pose scoring on an {@link OpenClContext}. A batch of {@code B} poses costs three
 * launches whatever {@code B}: {@code drr} over {@code W x H x B} work items into a {@code B}-deep buffer, the
 * per-(pose, work group) statistic partials ({@code ncc_partials} or {@code gc_partials}, the latter computing the
 * DRR's Sobel gradients on the fly), and {@code score_finish} (one work item per pose). Batches larger than the
 * scratch limit are split into chunks of equal launch count. Owned by the backend's thread; scratch buffers grow
 * on demand and live until {@link #close()}.
 */
final class OpenClDrr implements AutoCloseable {

  /** Upper bound of the B-deep DRR scratch buffer, bytes. */
  private static final long MAX_BATCH_BYTES = 256L << 20;
  private static final long[] DRR_LOCAL = {16, 8, 1};

  private final OpenClContext cl;
  private final ScratchBuffer<cl_mem> rays;
  private final ScratchBuffer<cl_mem> drrs;
  private final ScratchBuffer<cl_mem> partials;
  private final ScratchBuffer<cl_mem> scores;
  private final RayStaging rayStaging = new RayStaging();

  OpenClDrr(OpenClContext cl) {
    this.cl = cl;
    this.rays = new ScratchBuffer<>("rays", cl::allocate, CL::clReleaseMemObject);
    this.drrs = new ScratchBuffer<>("drr batch", cl::allocate, CL::clReleaseMemObject);
    this.partials = new ScratchBuffer<>("score partials", cl::allocate, CL::clReleaseMemObject);
    this.scores = new ScratchBuffer<>("scores", cl::allocate, CL::clReleaseMemObject);
  }

  /** Renders one pose into {@code out} (the projection's size). */
  void render(OpenClVolume volume, Projection projection, double[] pose, RenderOptions options, OpenClImage out) {
    DeviceArguments.checkRender(out, projection, pose);
    // by value: no buffer write (a blocking write would wait for the previous DRR) before the launch
    float[] block = RayStaging.packOne(projection, volume.affine(), volume.occupied, pose);
    cl.launch(volume.mode == OpenClVolumeMode.IMAGE ? "drr_image_one" : "drr_one",
        new long[] {projection.width(), projection.height()}, new long[] {DRR_LOCAL[0], DRR_LOCAL[1]},
        volume.buffer(), volume.nx(), volume.ny(), volume.nz(), block, projection.width(), projection.height(),
        (float) options.stepMm(), out.buffer());
  }

  /** Scores {@code count} poses against {@code target}; see {@code ComputeBackend#scorePoses}. */
  void score(OpenClVolume volume, Projection projection, OpenClTarget target, double[] poses, int count,
      RenderOptions options, float[] out) {
    int w = projection.width();
    int h = projection.height();
    DeviceArguments.checkScoring(projection, target, poses, count, out);
    long n = (long) w * h;
    int chunk = (int) Math.max(1, Math.min(count, MAX_BATCH_BYTES / (n * Sizeof.cl_float)));
    int groups = (int) Math.max(1, Math.min(64, (n + OpenClContext.REDUCE_LOCAL * 8L - 1)
        / (OpenClContext.REDUCE_LOCAL * 8L)));
    boolean gc = target.metric() == SimilarityMetric.GRADIENT_CORRELATION;
    int nsum = gc ? 6 : 3;
    for (int first = 0; first < count; first += chunk) {
      int b = Math.min(chunk, count - first);
      uploadRays(volume, projection, poses, first, b);
      cl_mem drrBuffer = drrs.ensure(b * n * Sizeof.cl_float);
      launchDrr(volume, projection, options, b, drrBuffer);
      cl_mem partialBuffer = partials.ensure((long) b * groups * nsum * cl.accBytes());
      long[] global = {(long) groups * OpenClContext.REDUCE_LOCAL, b};
      long[] local = {OpenClContext.REDUCE_LOCAL, 1};
      if (gc) {
        cl.launch("gc_partials", global, local, drrBuffer, w, h, target.mask01(), target.centredX(),
            target.centredY(), partialBuffer);
      } else {
        cl.launch("ncc_partials", global, local, drrBuffer, (int) n, target.mask01(), target.centredX(),
            partialBuffer);
      }
      cl_mem scoreBuffer = scores.ensure((long) b * Sizeof.cl_float);
      cl.launch("score_finish", new long[] {b}, null, partialBuffer, groups, nsum, target.stats(), b, scoreBuffer);
      float[] chunkScores = new float[b];
      cl.read(scoreBuffer, Pointer.to(chunkScores), (long) b * Sizeof.cl_float);
      System.arraycopy(chunkScores, 0, out, first, b);
    }
  }

  private void uploadRays(OpenClVolume volume, Projection projection, double[] poses, int first, int b) {
    int floats = b * RaySetup.FLOATS_PER_POSE;
    float[] rayHost = rayStaging.pack(projection, volume.affine(), volume.occupied, poses, first, b);
    cl_mem buffer = rays.ensure((long) floats * Sizeof.cl_float);
    cl.write(buffer, Pointer.to(rayHost), (long) floats * Sizeof.cl_float);
  }

  private void launchDrr(OpenClVolume volume, Projection projection, RenderOptions options, int b, cl_mem out) {
    cl.launch(volume.mode == OpenClVolumeMode.IMAGE ? "drr_image" : "drr",
        new long[] {projection.width(), projection.height(), b}, DRR_LOCAL,
        volume.buffer(), volume.nx(), volume.ny(), volume.nz(), rays.current(), projection.width(),
        projection.height(), (float) options.stepMm(), out);
  }

  @Override
  public void close() {
    rays.release();
    drrs.release();
    partials.release();
    scores.release();
  }
}
