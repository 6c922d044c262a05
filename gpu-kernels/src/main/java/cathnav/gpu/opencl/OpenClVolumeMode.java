package cathnav.gpu.opencl;

import java.util.Locale;

/**
 * How the opencl backend stores a volume, per system property {@value #PROPERTY} ({@code buffer}, the default, or
 * {@code image}).
 *
 * <p>{@code BUFFER} interpolates explicitly from a zero-padded float32 buffer and follows
 * {@link cathnav.gpu.RenderOptions}' rule to float32 rounding (the suite's 1e-4 relative L2). {@code IMAGE} samples a
 * {@code CL_R}/{@code CL_FLOAT} 3D image with the device's linear filtering: on GPUs that is the texture unit, with
 * the 8-fractional-bit trilinear weights and hence the error bound of {@code cathnav.gpu.cuda.CudaVolumeMode}
 * ({@code 2^-8 E[|dx| + |dy| + |dz|] / E[mu]} relative L2); needs {@code CL_DEVICE_IMAGE_SUPPORT}.
 */
public enum OpenClVolumeMode {
  BUFFER("buffer"),
  IMAGE("image");

  public static final String PROPERTY = "cathnav.opencl.volume";

  private final String key;

  OpenClVolumeMode(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The mode named by {@value #PROPERTY} (default {@link #BUFFER}). */
  public static OpenClVolumeMode fromSystemProperties() {
    return parse(System.getProperty(PROPERTY, BUFFER.key));
  }

  public static OpenClVolumeMode parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (OpenClVolumeMode m : values()) {
      if (m.key.equals(v)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown OpenCL volume mode, " + PROPERTY + "=" + value + ", expected buffer or image");
  }
}
