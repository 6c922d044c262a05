package cathnav.gpu;

import java.util.Objects;

/**
 * A host-side voxel grid to upload: {@code nx * ny * nz} voxels, x fastest ({@code index = (k * ny + j) * nx + i}),
 * with its voxel-to-RAS affine (row-major 4x4, mm; voxel centres at integer indices).
 *
 * <p>Either {@code hu} (int16 Hounsfield units) or {@code mu} (float32 linear attenuation, 1/mm) is non-null.
 * Arrays are not copied: the caller must not modify them while a backend uploads them.
 */
public record VolumeGrid(int nx, int ny, int nz, double[] voxelToRas, short[] hu, float[] mu) {

  public VolumeGrid {
    if (nx <= 0 || ny <= 0 || nz <= 0) {
      throw new IllegalArgumentException("volume size must be positive, size=" + nx + "x" + ny + "x" + nz);
    }
    Objects.requireNonNull(voxelToRas, "voxelToRas");
    if (voxelToRas.length != 16) {
      throw new IllegalArgumentException("voxelToRas must have 16 values, length=" + voxelToRas.length);
    }
    if ((hu == null) == (mu == null)) {
      throw new IllegalArgumentException("exactly one of hu and mu must be given");
    }
    long n = (long) nx * ny * nz;
    long len = hu != null ? hu.length : mu.length;
    if (len != n) {
      throw new IllegalArgumentException("voxel count mismatch, expected=" + n + ", actual=" + len);
    }
    voxelToRas = voxelToRas.clone();
  }

  /** An int16 HU grid. */
  public static VolumeGrid ofHu(int nx, int ny, int nz, double[] voxelToRas, short[] hu) {
    return new VolumeGrid(nx, ny, nz, voxelToRas, Objects.requireNonNull(hu, "hu"), null);
  }

  /** A float32 grid already in linear attenuation (1/mm). */
  public static VolumeGrid ofMu(int nx, int ny, int nz, double[] voxelToRas, float[] mu) {
    return new VolumeGrid(nx, ny, nz, voxelToRas, null, Objects.requireNonNull(mu, "mu"));
  }

  public long voxelCount() {
    return (long) nx * ny * nz;
  }

  @Override
  public double[] voxelToRas() {
    return voxelToRas.clone();
  }
}
