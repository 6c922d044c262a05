package cathnav.core.model;

import cathnav.gpu.Attenuation;
import cathnav.gpu.VolumeGrid;
import java.util.Objects;

/**
 * A scalar voxel volume in the patient RAS world frame (mm), as read from NIfTI, NRRD or MetaImage.
 *
 * <p>Voxels are stored x fastest ({@code index = (k * ny + j) * nx + i}); voxel centres are at integer indices and
 * {@code voxelToRas} (row-major 4x4) maps {@code (i, j, k, 1)} to RAS mm. Exactly one of {@code int16} (integer
 * data that fits a signed 16-bit value after the file's scaling, for example CT Hounsfield units or label masks) and
 * {@code float32} (everything else) is non-null.
 *
 * <p>Ownership: the voxel arrays are owned by the volume and handed out without copying for speed; callers must
 * treat them as read-only. A volume is then immutable and safe to share between threads. {@link #voxelToRas()}
 * returns a copy.
 */
public record Volume(int nx, int ny, int nz, double[] voxelToRas, short[] int16, float[] float32) {

  public Volume {
    if (nx <= 0 || ny <= 0 || nz <= 0) {
      throw new IllegalArgumentException("volume size must be positive, size=" + nx + "x" + ny + "x" + nz);
    }
    Objects.requireNonNull(voxelToRas, "voxelToRas");
    if (voxelToRas.length != 16) {
      throw new IllegalArgumentException("voxelToRas must have 16 values, length=" + voxelToRas.length);
    }
    if ((int16 == null) == (float32 == null)) {
      throw new IllegalArgumentException("exactly one of int16 and float32 must be given");
    }
    long n = (long) nx * ny * nz;
    long len = int16 != null ? int16.length : float32.length;
    if (len != n) {
      throw new IllegalArgumentException("voxel count mismatch, expected=" + n + ", actual=" + len);
    }
    voxelToRas = voxelToRas.clone();
    for (double v : voxelToRas) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("voxelToRas must be finite");
      }
    }
  }

  /** A volume of int16 voxels (the array is taken, not copied). */
  public static Volume ofInt16(int nx, int ny, int nz, double[] voxelToRas, short[] voxels) {
    return new Volume(nx, ny, nz, voxelToRas, Objects.requireNonNull(voxels, "voxels"), null);
  }

  /** A volume of float32 voxels (the array is taken, not copied). */
  public static Volume ofFloat32(int nx, int ny, int nz, double[] voxelToRas, float[] voxels) {
    return new Volume(nx, ny, nz, voxelToRas, null, Objects.requireNonNull(voxels, "voxels"));
  }

  @Override
  public double[] voxelToRas() {
    return voxelToRas.clone();
  }

  public long voxelCount() {
    return (long) nx * ny * nz;
  }

  public boolean isInt16() {
    return int16 != null;
  }

  /** The value at voxel (i, j, k); indices must be inside the grid. */
  public double value(int i, int j, int k) {
    int idx = (k * ny + j) * nx + i;
    return int16 != null ? int16[idx] : float32[idx];
  }

  /** The RAS position (mm) of the continuous voxel index (i, j, k). */
  public double[] voxelToWorld(double i, double j, double k) {
    double[] m = voxelToRas;
    return new double[] {
      m[0] * i + m[1] * j + m[2] * k + m[3],
      m[4] * i + m[5] * j + m[6] * k + m[7],
      m[8] * i + m[9] * j + m[10] * k + m[11]
    };
  }

  /** Voxel spacing along i, j, k in mm (the lengths of the affine's first three columns). */
  public double[] spacing() {
    double[] s = new double[3];
    for (int c = 0; c < 3; c++) {
      s[c] = Math.sqrt(sq(voxelToRas[c]) + sq(voxelToRas[4 + c]) + sq(voxelToRas[8 + c]));
    }
    return s;
  }

  /**
   * The axis-aligned RAS box (mm) that holds every voxel centre: {@code {minX, minY, minZ, maxX, maxY, maxZ}}.
   * Add half a spacing for the box of the voxels' extent.
   */
  public double[] worldBounds() {
    double[] b = {
      Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY
    };
    for (int corner = 0; corner < 8; corner++) {
      double[] p = voxelToWorld((corner & 1) * (nx - 1), ((corner >> 1) & 1) * (ny - 1), ((corner >> 2) & 1) * (nz - 1));
      for (int a = 0; a < 3; a++) {
        b[a] = Math.min(b[a], p[a]);
        b[3 + a] = Math.max(b[3 + a], p[a]);
      }
    }
    return b;
  }

  /** The RAS position (mm) of the grid centre. */
  public double[] worldCentre() {
    return voxelToWorld((nx - 1) / 2.0, (ny - 1) / 2.0, (nz - 1) / 2.0);
  }

  /** The smallest and largest voxel value, {@code {min, max}} (NaN voxels are ignored). */
  public double[] valueRange() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    if (int16 != null) {
      int l = Short.MAX_VALUE;
      int h = Short.MIN_VALUE;
      for (short v : int16) {
        l = Math.min(l, v);
        h = Math.max(h, v);
      }
      return new double[] {l, h};
    }
    for (float v : float32) {
      if (v < lo) {
        lo = v;
      }
      if (v > hi) {
        hi = v;
      }
    }
    return new double[] {lo, hi};
  }

  /**
   * This volume as a compute grid of Hounsfield units. int16 voxels are shared, not copied; float32 voxels are
   * taken as HU, rounded and clamped to the int16 range.
   */
  public VolumeGrid toGrid() {
    double[] affine = voxelToRas.clone();
    if (int16 != null) {
      return VolumeGrid.ofHu(nx, ny, nz, affine, int16);
    }
    short[] hu = new short[float32.length];
    for (int n = 0; n < hu.length; n++) {
      float v = float32[n];
      hu[n] = v != v ? 0 : (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
    return VolumeGrid.ofHu(nx, ny, nz, affine, hu);
  }

  /** This volume as a compute grid of linear attenuation (1/mm), voxels taken as HU through {@code model}. */
  public VolumeGrid toMuGrid(Attenuation model) {
    Objects.requireNonNull(model, "model");
    float[] mu = new float[Math.toIntExact(voxelCount())];
    for (int n = 0; n < mu.length; n++) {
      mu[n] = model.mu(int16 != null ? int16[n] : float32[n]);
    }
    return VolumeGrid.ofMu(nx, ny, nz, voxelToRas.clone(), mu);
  }

  @Override
  public String toString() {
    double[] s = spacing();
    return String.format(
        "Volume[size=%dx%dx%d, spacing=%.3fx%.3fx%.3f mm, type=%s]",
        nx, ny, nz, s[0], s[1], s[2], int16 != null ? "int16" : "float32");
  }

  private static double sq(double v) {
    return v * v;
  }
}
