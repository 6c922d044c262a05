package cathnav.gpu.cuda;

import java.util.Locale;

/**
 * How the cuda backend stores a volume and interpolates it. Chosen per backend with system property
 * {@value #PROPERTY} ({@code texture}, {@code texture16} or {@code exact}; default {@code texture}).
 *
 * <p>Error of the texture paths against {@link cathnav.gpu.RenderOptions}' exact rule: the texture unit computes
 * trilinear weights in 9-bit fixed point with 8 fractional bits (CUDA C Programming Guide, "Linear Filtering"), so
 * each weight is off by at most {@code 2^-8} (half that if the hardware rounds) and one sample by at most
 * {@code 2^-8 (|dx| + |dy| + |dz|)}, where {@code dx, dy, dz} are the differences between neighbouring voxels
 * along each axis. A DRR's relative L2 error is therefore at most {@code 2^-8 * E[|dx| + |dy| + |dz|] / E[mu]}: for
 * smooth CT (neighbour differences a few percent of the value) about {@code 1e-4..1e-3}; for the test suite's
 * white-noise volumes (uniform in [0.002, 0.04] /mm: {@code E|d| = 0.0127}, {@code E[mu] = 0.021}) the bound is
 * {@code 2^-8 * 1.81 = 7.1e-3}, hence the suite's texture tolerance of 1e-2. Errors of independent samples
 * partly cancel along a ray, so measured errors sit well below the bound. {@code TEXTURE_UINT16} adds the
 * quantisation of mu to 16 bits ({@code max mu / 131070} per voxel, under 1e-4 relative for CT).
 */
public enum CudaVolumeMode {
  /** float32 3D texture, hardware trilinear filtering (fast path; 4 bytes a voxel). */
  TEXTURE_FLOAT("texture"),
  /** Normalised uint16 3D texture of mu, hardware trilinear filtering (2 bytes a voxel: 512^3 in 256 MiB). */
  TEXTURE_UINT16("texture16"),
  /** Zero-padded float32 buffer in global memory, explicit trilinear interpolation (the exact 1e-4 path). */
  EXACT("exact");

  public static final String PROPERTY = "cathnav.cuda.volume";

  private final String key;

  CudaVolumeMode(String key) {
    this.key = key;
  }

  /** The property value naming this mode. */
  public String key() {
    return key;
  }

  /** The mode named by {@value #PROPERTY} (default {@link #TEXTURE_FLOAT}). */
  public static CudaVolumeMode fromSystemProperties() {
    return parse(System.getProperty(PROPERTY, TEXTURE_FLOAT.key));
  }

  /** Parses {@code texture}, {@code texture16} or {@code exact} (case-insensitive). */
  public static CudaVolumeMode parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (CudaVolumeMode m : values()) {
      if (m.key.equals(v)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown CUDA volume mode, " + PROPERTY + "=" + value + ", expected one of texture, texture16, exact");
  }
}
