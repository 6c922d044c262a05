package cathnav.gpu.cuda;

import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.SimilarityMetric;
import cathnav.gpu.device.DeviceArguments;
import cathnav.gpu.device.RayStaging;
import cathnav.gpu.device.RaySetup;
import cathnav.gpu.device.ScratchBuffer;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;

/**
 * DRR rendering and batched pose scoring on a {@link CudaContext}. One launch renders all {@code B} poses of a batch
 * (grid z = pose). NCC fuses rendering with the per-pose statistics (block reduction, float64 atomics), so its DRRs
 * are never stored: a memset, one fused launch and {@code score_finish}. Gradient correlation needs each DRR's
 * neighbourhood: a memset, {@code drr_*} into a B-deep buffer, {@code gc_stats} (Sobel on the fly) and
 * {@code score_finish}. Owned by the backend's thread; scratch memory grows on demand and lives until
 * {@link #close()}.
 */
final class CudaDrr implements AutoCloseable {

  /** Upper bound of the B-deep DRR buffer of gradient correlation, bytes. */
  private static final long MAX_BATCH_BYTES = 1L << 30;
  /** Largest grid z (poses per launch). */
  private static final int MAX_GRID_Z = 65535;
  private static final int REDUCE_THREADS = 256;

  private final CudaContext cuda;
  private final int[] block;
  private final ScratchBuffer<CUdeviceptr> rays;
  private final ScratchBuffer<CUdeviceptr> drrs;
  private final ScratchBuffer<CUdeviceptr> stats;
  private final ScratchBuffer<CUdeviceptr> scores;
  private final RayStaging rayStaging = new RayStaging();

  /** {@code block}: threads per DRR block along u and v. */
  CudaDrr(CudaContext cuda, int[] block) {
    this.cuda = cuda;
    this.rays = new ScratchBuffer<>("rays", cuda::allocate, cuda::free);
    this.drrs = new ScratchBuffer<>("drr batch", cuda::allocate, cuda::free);
    this.stats = new ScratchBuffer<>("pose statistics", cuda::allocate, cuda::free);
    this.scores = new ScratchBuffer<>("scores", cuda::allocate, cuda::free);
    this.block = new int[] {block[0], block[1], 1};
  }

  void render(CudaVolume volume, Projection projection, double[] pose, RenderOptions options, CudaImage out) {
    DeviceArguments.checkRender(out, projection, pose);
    // by value: an asynchronous launch, no copy (and so no wait for the previous DRR) before it
    float[] block = RayStaging.packOne(projection, volume.affine(), volume.occupied, pose);
    int w = projection.width();
    int h = projection.height();
    int[] grid = {CudaContext.blocks(w, this.block[0]), CudaContext.blocks(h, this.block[1]), 1};
    float step = (float) options.stepMm();
    if (volume.mode == CudaVolumeMode.EXACT) {
      cuda.launch(CudaKernel.DRR_EXACT_ONE, grid, this.block, volume.padded(), volume.nx(), volume.ny(), volume.nz(),
          block, w, h, step, out.pointer());
    } else {
      cuda.launch(CudaKernel.DRR_TEXTURE_ONE, grid, this.block, volume.texture(), volume.scale, volume.nx(),
          volume.ny(), volume.nz(), block, w, h, step, out.pointer());
    }
  }

  void score(CudaVolume volume, Projection projection, CudaTarget target, double[] poses, int count,
      RenderOptions options, float[] out) {
    int w = projection.width();
    int h = projection.height();
    DeviceArguments.checkScoring(projection, target, poses, count, out);
    long n = (long) w * h;
    boolean gc = target.metric() == SimilarityMetric.GRADIENT_CORRELATION;
    int nsum = gc ? 6 : 3;
    int chunk = Math.min(MAX_GRID_Z, Math.max(1, count));
    if (gc) {
      chunk = (int) Math.max(1, Math.min(chunk, MAX_BATCH_BYTES / (n * Sizeof.FLOAT)));
    }
    float[] chunkScores = new float[chunk];
    for (int first = 0; first < count; first += chunk) {
      int b = Math.min(chunk, count - first);
      uploadRays(volume, projection, poses, first, b);
      CUdeviceptr statBuffer = stats.ensure((long) b * nsum * Sizeof.DOUBLE);
      cuda.zero(statBuffer, (long) b * nsum * Sizeof.DOUBLE);
      if (gc) {
        CUdeviceptr drrBuffer = drrs.ensure(b * n * Sizeof.FLOAT);
        launchDrr(volume, projection, options, b, drrBuffer);
        int blocksPerPose = (int) Math.min(64, CudaContext.blocks(n, REDUCE_THREADS * 4));
        cuda.launch(CudaKernel.GC_STATS, new int[] {blocksPerPose, b, 1}, new int[] {REDUCE_THREADS, 1, 1}, drrBuffer, w, h,
            target.mask01(), target.centredX(), target.centredY(), statBuffer);
      } else {
        int[] grid = {CudaContext.blocks(w, block[0]), CudaContext.blocks(h, block[1]), b};
        float step = (float) options.stepMm();
        if (volume.mode == CudaVolumeMode.EXACT) {
          cuda.launch(CudaKernel.NCC_EXACT, grid, block, volume.padded(), volume.nx(), volume.ny(), volume.nz(),
              rays.current(), w, h, step, target.mask01(), target.centredX(), statBuffer);
        } else {
          cuda.launch(CudaKernel.NCC_TEXTURE, grid, block, volume.texture(), volume.scale, volume.nx(), volume.ny(),
              volume.nz(), rays.current(), w, h, step, target.mask01(), target.centredX(), statBuffer);
        }
      }
      CUdeviceptr scoreBuffer = scores.ensure((long) b * Sizeof.FLOAT);
      cuda.launch(CudaKernel.SCORE_FINISH, new int[] {CudaContext.blocks(b, 128), 1, 1}, new int[] {128, 1, 1}, statBuffer,
          nsum, target.stats(), b, scoreBuffer);
      cuda.download(Pointer.to(chunkScores), scoreBuffer, (long) b * Sizeof.FLOAT);
      System.arraycopy(chunkScores, 0, out, first, b);
    }
  }

  private void uploadRays(CudaVolume volume, Projection projection, double[] poses, int first, int b) {
    int floats = b * RaySetup.FLOATS_PER_POSE;
    float[] rayHost = rayStaging.pack(projection, volume.affine(), volume.occupied, poses, first, b);
    cuda.upload(rays.ensure((long) floats * Sizeof.FLOAT), Pointer.to(rayHost), (long) floats * Sizeof.FLOAT);
  }

  private void launchDrr(CudaVolume volume, Projection projection, RenderOptions options, int b, CUdeviceptr out) {
    int w = projection.width();
    int h = projection.height();
    int[] grid = {CudaContext.blocks(w, block[0]), CudaContext.blocks(h, block[1]), b};
    float step = (float) options.stepMm();
    if (volume.mode == CudaVolumeMode.EXACT) {
      cuda.launch(CudaKernel.DRR_EXACT, grid, block, volume.padded(), volume.nx(), volume.ny(), volume.nz(),
          rays.current(), w, h, step, out);
    } else {
      cuda.launch(CudaKernel.DRR_TEXTURE, grid, block, volume.texture(), volume.scale, volume.nx(), volume.ny(), volume.nz(),
          rays.current(), w, h, step, out);
    }
  }

  @Override
  public void close() {
    rays.release();
    drrs.release();
    stats.release();
    scores.release();
  }
}
