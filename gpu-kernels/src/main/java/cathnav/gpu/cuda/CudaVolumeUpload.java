package cathnav.gpu.cuda;

import static jcuda.driver.JCudaDriver.*;

import cathnav.gpu.Attenuation;
import cathnav.gpu.VolumeGrid;
import cathnav.gpu.device.HostAttenuation;
import cathnav.gpu.device.OccupiedBox;
import java.util.stream.IntStream;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUDA_ARRAY3D_DESCRIPTOR;
import jcuda.driver.CUDA_MEMCPY3D;
import jcuda.driver.CUDA_RESOURCE_DESC;
import jcuda.driver.CUDA_TEXTURE_DESC;
import jcuda.driver.CUarray;
import jcuda.driver.CUarray_format;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfilter_mode;
import jcuda.driver.CUmemorytype;
import jcuda.driver.CUresourcetype;
import jcuda.driver.CUtexObject;

/**
 * Uploads a {@link VolumeGrid} per {@link CudaVolumeMode}. {@code EXACT}: HU grids travel as int16 and are converted
 * to attenuation on the device into the zero-padded buffer ({@code hu_to_mu}, {@code pad_mu}). Texture modes: the
 * texels (float32 attenuation, or attenuation quantised to uint16 over {@code [0, max mu]}) are made on the host,
 * copied host-to-array ({@code cuMemcpy3D}) and sampled through a border-addressed, linear-filtering texture object.
 */
final class CudaVolumeUpload {

  private static final int[] BLOCK = {32, 8, 1};
  /** {@code CU_TR_ADDRESS_MODE_BORDER} of cuda.h; JCuda 12.6's {@code CUaddress_mode} lacks the constant. */
  private static final int ADDRESS_MODE_BORDER = 3;

  private CudaVolumeUpload() {}

  static CudaVolume upload(CudaBackend owner, CudaContext cuda, VolumeGrid grid, Attenuation attenuation,
      CudaVolumeMode mode) {
    int nx = grid.nx();
    int ny = grid.ny();
    int nz = grid.nz();
    String size = nx + "x" + ny + "x" + nz;
    if (mode == CudaVolumeMode.EXACT) {
      long padded = (long) (nx + 2) * (ny + 2) * (nz + 2);
      CUdeviceptr out = cuda.allocate(padded * Sizeof.FLOAT, "padded volume " + size);
      try {
        convert(cuda, grid, attenuation, out, 1);
        cuda.synchronize("volume conversion, size=" + size);
      } catch (RuntimeException e) {
        cuda.free(out);
        throw e;
      }
      return new CudaVolume(owner, nx, ny, nz, grid.voxelToRas(), OccupiedBox.of(grid, attenuation), out);
    }
    // Texels are prepared on the host and copied host-to-array: cuMemcpy3D from device memory may refuse pitches
    // that cuMemAllocPitch did not choose, while host sources have no pitch constraint.
    Pointer texels;
    int elementBytes;
    int format;
    float scale;
    if (mode == CudaVolumeMode.TEXTURE_UINT16) {
      float[] mu = HostAttenuation.of(grid, attenuation);
      scale = max(mu);
      texels = Pointer.to(quantise(mu, scale));
      elementBytes = Sizeof.SHORT;
      format = CUarray_format.CU_AD_FORMAT_UNSIGNED_INT16;
      scale = scale > 0 ? scale : 1f;
    } else {
      texels = Pointer.to(HostAttenuation.of(grid, attenuation));
      elementBytes = Sizeof.FLOAT;
      format = CUarray_format.CU_AD_FORMAT_FLOAT;
      scale = 1f;
    }
    CUarray array = new CUarray();
    CUDA_ARRAY3D_DESCRIPTOR descriptor = new CUDA_ARRAY3D_DESCRIPTOR();
    descriptor.Width = nx;
    descriptor.Height = ny;
    descriptor.Depth = nz;
    descriptor.Format = format;
    descriptor.NumChannels = 1;
    descriptor.Flags = 0;
    cuArray3DCreate(array, descriptor);
    try {
      CUDA_MEMCPY3D copy = new CUDA_MEMCPY3D();
      copy.srcMemoryType = CUmemorytype.CU_MEMORYTYPE_HOST;
      copy.srcHost = texels;
      copy.srcPitch = (long) nx * elementBytes;
      copy.srcHeight = ny;
      copy.dstMemoryType = CUmemorytype.CU_MEMORYTYPE_ARRAY;
      copy.dstArray = array;
      copy.WidthInBytes = (long) nx * elementBytes;
      copy.Height = ny;
      copy.Depth = nz;
      cuMemcpy3D(copy);

      CUDA_RESOURCE_DESC resource = new CUDA_RESOURCE_DESC();
      resource.resType = CUresourcetype.CU_RESOURCE_TYPE_ARRAY;
      resource.array_hArray = array;
      CUDA_TEXTURE_DESC texture = new CUDA_TEXTURE_DESC();
      // border: reads outside the grid are zero, as RenderOptions' rule wants; unnormalised coordinates;
      // uint16 texels read as normalised floats in [0, 1] (no CU_TRSF_READ_AS_INTEGER)
      texture.addressMode = new int[] {ADDRESS_MODE_BORDER, ADDRESS_MODE_BORDER, ADDRESS_MODE_BORDER};
      texture.borderColor = new float[4];
      texture.filterMode = CUfilter_mode.CU_TR_FILTER_MODE_LINEAR;
      texture.flags = 0;
      CUtexObject object = new CUtexObject();
      cuTexObjectCreate(object, resource, texture, null);
      cuda.synchronize("texture upload, size=" + size + ", mode=" + mode.key());
      return new CudaVolume(owner, mode, nx, ny, nz, grid.voxelToRas(), OccupiedBox.of(grid, attenuation), scale,
          null, array, object);
    } catch (RuntimeException e) {
      cuArrayDestroy(array);
      throw e;
    }
  }

  private static float max(float[] mu) {
    float max = 0f;
    for (float m : mu) {
      max = Math.max(max, m);
    }
    return max;
  }

  /** {@code round(mu / scale * 65535)} as unsigned 16-bit texels (mu clamped to [0, scale]). */
  private static short[] quantise(float[] mu, float scale) {
    short[] q = new short[mu.length];
    float k = scale > 0 ? 65535f / scale : 0f;
    IntStream.range(0, (mu.length + 65535) / 65536).parallel().forEach(chunk -> {
      for (int i = chunk * 65536, end = Math.min(mu.length, i + 65536); i < end; i++) {
        q[i] = (short) Math.round(Math.min(Math.max(mu[i], 0f), scale) * k);
      }
    });
    return q;
  }

  /** Writes the grid's attenuation into {@code out}, with a zero border of {@code pad} voxels. */
  private static void convert(CudaContext cuda, VolumeGrid grid, Attenuation attenuation, CUdeviceptr out, int pad) {
    int nx = grid.nx();
    int ny = grid.ny();
    int nz = grid.nz();
    long n = grid.voxelCount();
    int[] grid3 = {CudaContext.blocks(nx + 2L * pad, BLOCK[0]), CudaContext.blocks(ny + 2L * pad, BLOCK[1]),
        nz + 2 * pad};
    if (grid.hu() != null) {
      CUdeviceptr staging = cuda.allocate(n * Sizeof.SHORT, "HU staging");
      try {
        cuda.upload(staging, Pointer.to(grid.hu()), n * Sizeof.SHORT);
        cuda.launch(CudaKernel.HU_TO_MU, grid3, BLOCK, staging, out, nx, ny, nz, pad, (float) attenuation.muWater(),
            (float) attenuation.huMin(), (float) attenuation.huMax());
        cuda.synchronize("hu_to_mu");
      } finally {
        cuda.free(staging);
      }
    } else {
      CUdeviceptr staging = cuda.allocate(n * Sizeof.FLOAT, "mu staging");
      try {
        cuda.upload(staging, Pointer.to(grid.mu()), n * Sizeof.FLOAT);
        cuda.launch(CudaKernel.PAD_MU, grid3, BLOCK, staging, out, nx, ny, nz);
        cuda.synchronize("pad_mu");
      } finally {
        cuda.free(staging);
      }
    }
  }

}
