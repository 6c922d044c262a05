package cathnav.gpu.opencl;

import java.util.Locale;

/**
 * Which OpenCL device to use. {@code platform} is a case-insensitive substring of the platform name (empty: any);
 * {@code device} is {@code gpu}, {@code cpu}, a device index within the matching platforms, or a case-insensitive
 * substring of the device name (empty: the first GPU, else the first CPU, else the first device).
 *
 * <p>From system properties {@value #PLATFORM_PROPERTY} and {@value #DEVICE_PROPERTY}, e.g.
 * {@code -Dcathnav.opencl.platform=portable -Dcathnav.opencl.device=cpu} for PoCL, or
 * {@code -Dcathnav.opencl.platform=nvidia}.
 */
public record OpenClDeviceSpec(String platform, String device) {

  public static final String PLATFORM_PROPERTY = "cathnav.opencl.platform";
  public static final String DEVICE_PROPERTY = "cathnav.opencl.device";

  /** Any platform; GPU preferred, else CPU. */
  public static final OpenClDeviceSpec ANY = new OpenClDeviceSpec("", "");

  public OpenClDeviceSpec {
    platform = platform == null ? "" : platform.trim();
    device = device == null ? "" : device.trim();
  }

  public static OpenClDeviceSpec fromSystemProperties() {
    return new OpenClDeviceSpec(System.getProperty(PLATFORM_PROPERTY), System.getProperty(DEVICE_PROPERTY));
  }

  boolean matchesPlatform(String name) {
    return platform.isEmpty() || name.toLowerCase(Locale.ROOT).contains(platform.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return PLATFORM_PROPERTY + "=" + (platform.isEmpty() ? "(any)" : platform) + ", " + DEVICE_PROPERTY + "="
        + (device.isEmpty() ? "(gpu, else cpu)" : device);
  }
}
