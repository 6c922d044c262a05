package cathnav.gpu.cpu;

import cathnav.gpu.Attenuation;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.VolumeGrid;
import cathnav.gpu.device.GridVolume;

/**
 * A volume in the java backend: linear attenuation (1/mm) in padded flat float arrays ({@link VoxelLayout}), so
 * trilinear sampling anywhere inside the box {@code [-0.5, n - 0.5]} needs no bounds checks and reads the "outside
 * is zero" rule from memory. The grid-order layout is made at upload; a layout with y or z fastest is made the first
 * time a ray direction needs it and kept (each costs the volume's size again on the heap).
 *
 * <p>Owned by the backend's thread, like every {@link DeviceVolume}.
 */
final class HostVolume extends GridVolume {

  /** Largest padded voxel count a flat Java array holds. */
  static final long MAX_PADDED_VOXELS = Integer.MAX_VALUE - 8;

  final double[] rasToVoxel;

  private final JavaBackend owner;
  /** Indexed by fast axis (0 = x, 1 = y, 2 = z); entry 0 always present until closed. */
  private VoxelLayout[] layouts = new VoxelLayout[3];

  private HostVolume(JavaBackend owner, VolumeGrid grid, float[] data, int[] bounds) {
    super(grid.nx(), grid.ny(), grid.nz(), grid.voxelToRas());
    this.owner = owner;
    this.rasToVoxel = Mat4.invertAffine(affine(), "volume voxelToRas");
    layouts[0] = VoxelLayout.natural(nx(), ny(), nz(), data, new int[] {bounds[0], bounds[1], bounds[2]},
        new int[] {bounds[3], bounds[4], bounds[5]});
  }

  /** Converts (HU through {@code attenuation}, or MU as is) and pads {@code grid}, one z slice per work item. */
  static HostVolume upload(JavaBackend owner, WorkerPool pool, VolumeGrid grid, Attenuation attenuation) {
    int nx = grid.nx();
    int ny = grid.ny();
    int nz = grid.nz();
    long padded = (long) (nx + 2) * (ny + 2) * (nz + 2);
    if (padded > MAX_PADDED_VOXELS) {
      throw new IllegalArgumentException(
          "volume too large for the java backend, size=" + nx + "x" + ny + "x" + nz + ", paddedVoxels=" + padded
              + ", max=" + MAX_PADDED_VOXELS);
    }
    if (grid.hu() != null && attenuation == null) {
      throw new IllegalArgumentException("an HU volume needs an attenuation model, attenuation=null");
    }
    float[] data = new float[(int) padded];
    float[] lut = grid.hu() != null ? huTable(attenuation) : null;
    short[] hu = grid.hu();
    float[] mu = grid.mu();
    int px = nx + 2;
    int plane = px * (ny + 2);
    // per slice: minX, minY, maxX, maxY (maxX < 0 when the slice is all zero)
    int[] sliceBounds = new int[nz * 4];
    pool.run(
        nz,
        (k, worker) -> {
          int minX = Integer.MAX_VALUE;
          int minY = Integer.MAX_VALUE;
          int maxX = -1;
          int maxY = -1;
          for (int j = 0; j < ny; j++) {
            int src = (k * ny + j) * nx;
            int dst = (k + 1) * plane + (j + 1) * px + 1;
            boolean rowNonZero = false;
            for (int i = 0; i < nx; i++) {
              float value = lut != null ? lut[hu[src + i] + 32768] : mu[src + i];
              data[dst + i] = value;
              if (value != 0f) {
                rowNonZero = true;
                minX = Math.min(minX, i);
                maxX = Math.max(maxX, i);
              }
            }
            if (rowNonZero) {
              minY = Math.min(minY, j);
              maxY = j;
            }
          }
          sliceBounds[k * 4] = minX;
          sliceBounds[k * 4 + 1] = minY;
          sliceBounds[k * 4 + 2] = maxX;
          sliceBounds[k * 4 + 3] = maxY;
        });
    int[] bounds = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
    for (int k = 0; k < nz; k++) {
      if (sliceBounds[k * 4 + 2] < 0) {
        continue;
      }
      bounds[0] = Math.min(bounds[0], sliceBounds[k * 4]);
      bounds[1] = Math.min(bounds[1], sliceBounds[k * 4 + 1]);
      bounds[2] = Math.min(bounds[2], k);
      bounds[3] = Math.max(bounds[3], sliceBounds[k * 4 + 2]);
      bounds[4] = Math.max(bounds[4], sliceBounds[k * 4 + 3]);
      bounds[5] = k;
    }
    return new HostVolume(owner, grid, data, bounds);
  }

  /** mu for every int16 value, indexed by {@code hu + 32768}: the conversion is a table look-up per voxel. */
  private static float[] huTable(Attenuation attenuation) {
    float[] lut = new float[65536];
    for (int i = 0; i < lut.length; i++) {
      lut[i] = attenuation.mu(i - 32768);
    }
    return lut;
  }

  /** The layout with {@code fastAxis} fastest in memory, made on first use; fails once closed. */
  VoxelLayout layout(int fastAxis, WorkerPool pool) {
    VoxelLayout[] all = layouts;
    if (all == null) {
      throw new IllegalStateException("volume is closed, size=" + size());
    }
    if (all[fastAxis] == null) {
      all[fastAxis] = VoxelLayout.transposed(all[0], fastAxis, pool);
    }
    return all[fastAxis];
  }

  JavaBackend owner() {
    return owner;
  }

  @Override
  public void close() {
    layouts = null;
  }
}
