package cathnav.gpu.opencl;

import static org.jocl.CL.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device and what CathNav needs to know of it. {@link #choose} enumerates the platforms through the ICD
 * loader and picks per {@link OpenClDeviceSpec}: GPU first, else CPU, else any.
 */
record OpenClDevice(
    cl_platform_id platform,
    cl_device_id device,
    String platformName,
    String deviceName,
    long type,
    int computeUnits,
    boolean fp64,
    boolean images,
    long maxAllocBytes,
    long globalMemBytes) {

  /** Human-readable: platform, device, type, compute units, memory. */
  String description() {
    return String.format(
        Locale.ROOT,
        "%s / %s (%s, %d compute units, %d MiB, fp64=%s)",
        platformName,
        deviceName,
        isGpu() ? "GPU" : (type & CL_DEVICE_TYPE_CPU) != 0 ? "CPU" : "other",
        computeUnits,
        globalMemBytes >> 20,
        fp64);
  }

  boolean isGpu() {
    return (type & CL_DEVICE_TYPE_GPU) != 0;
  }

  boolean isCpu() {
    return (type & CL_DEVICE_TYPE_CPU) != 0;
  }

  /**
   * Picks the device {@code spec} asks for.
   *
   * @throws OpenClUnavailableException no platform, or none matches (the message lists what there is)
   */
  static OpenClDevice choose(OpenClDeviceSpec spec) throws OpenClUnavailableException {
    CL.setExceptionsEnabled(true);
    List<OpenClDevice> all = new ArrayList<>();
    for (cl_platform_id platform : platforms()) {
      String platformName = platformString(platform, CL_PLATFORM_NAME);
      if (!spec.matchesPlatform(platformName)) {
        continue;
      }
      for (cl_device_id device : devices(platform)) {
        all.add(describe(platform, platformName, device));
      }
    }
    if (all.isEmpty()) {
      throw new OpenClUnavailableException("no OpenCL device on a platform matching " + spec
          + ", platforms=" + platformNames());
    }
    String want = spec.device().toLowerCase(Locale.ROOT);
    if (want.isEmpty()) {
      return all.stream().filter(OpenClDevice::isGpu).findFirst()
          .or(() -> all.stream().filter(OpenClDevice::isCpu).findFirst())
          .orElse(all.get(0));
    }
    if (want.equals("gpu") || want.equals("cpu")) {
      boolean gpu = want.equals("gpu");
      return all.stream().filter(d -> gpu ? d.isGpu() : d.isCpu()).findFirst()
          .orElseThrow(() -> new OpenClUnavailableException(
              "no OpenCL " + want + " device, " + spec + ", devices=" + names(all)));
    }
    if (want.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(want);
      if (index >= all.size()) {
        throw new OpenClUnavailableException(
            "OpenCL device index out of range, index=" + index + ", devices=" + names(all));
      }
      return all.get(index);
    }
    return all.stream().filter(d -> d.deviceName.toLowerCase(Locale.ROOT).contains(want)).findFirst()
        .orElseThrow(() -> new OpenClUnavailableException(
            "no OpenCL device matches " + spec + ", devices=" + names(all)));
  }

  private static List<String> names(List<OpenClDevice> all) {
    return all.stream().map(d -> d.platformName + " / " + d.deviceName).toList();
  }

  private static List<cl_platform_id> platforms() throws OpenClUnavailableException {
    int[] count = new int[1];
    try {
      clGetPlatformIDs(0, null, count);
    } catch (CLException e) {
      throw new OpenClUnavailableException("no OpenCL platform found by the ICD loader (clGetPlatformIDs: "
          + e.getMessage() + "); install a driver, e.g. pocl-opencl-icd for CPUs");
    }
    if (count[0] == 0) {
      throw new OpenClUnavailableException("no OpenCL platform found by the ICD loader (0 platforms)");
    }
    cl_platform_id[] ids = new cl_platform_id[count[0]];
    clGetPlatformIDs(ids.length, ids, null);
    return List.of(ids);
  }

  private static List<String> platformNames() {
    try {
      return platforms().stream().map(p -> platformString(p, CL_PLATFORM_NAME)).toList();
    } catch (OpenClUnavailableException e) {
      return List.of();
    }
  }

  private static List<cl_device_id> devices(cl_platform_id platform) {
    int[] count = new int[1];
    try {
      clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
    } catch (CLException e) {
      return List.of(); // CL_DEVICE_NOT_FOUND: a platform without devices
    }
    cl_device_id[] ids = new cl_device_id[count[0]];
    clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
    return List.of(ids);
  }

  private static OpenClDevice describe(cl_platform_id platform, String platformName, cl_device_id device) {
    String extensions = deviceString(device, CL_DEVICE_EXTENSIONS);
    return new OpenClDevice(
        platform,
        device,
        platformName,
        deviceString(device, CL_DEVICE_NAME),
        deviceLong(device, CL_DEVICE_TYPE),
        (int) deviceInt(device, CL_DEVICE_MAX_COMPUTE_UNITS),
        extensions.contains("cl_khr_fp64"),
        deviceInt(device, CL_DEVICE_IMAGE_SUPPORT) != 0,
        deviceLong(device, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
        deviceLong(device, CL_DEVICE_GLOBAL_MEM_SIZE));
  }

  private static String platformString(cl_platform_id platform, int param) {
    long[] size = new long[1];
    clGetPlatformInfo(platform, param, 0, null, size);
    byte[] buffer = new byte[(int) size[0]];
    clGetPlatformInfo(platform, param, buffer.length, Pointer.to(buffer), null);
    return cString(buffer);
  }

  private static String deviceString(cl_device_id device, int param) {
    long[] size = new long[1];
    clGetDeviceInfo(device, param, 0, null, size);
    byte[] buffer = new byte[(int) size[0]];
    clGetDeviceInfo(device, param, buffer.length, Pointer.to(buffer), null);
    return cString(buffer);
  }

  private static long deviceLong(cl_device_id device, int param) {
    long[] value = new long[1];
    clGetDeviceInfo(device, param, Sizeof.cl_long, Pointer.to(value), null);
    return value[0];
  }

  private static long deviceInt(cl_device_id device, int param) {
    int[] value = new int[1];
    clGetDeviceInfo(device, param, Sizeof.cl_int, Pointer.to(value), null);
    return value[0];
  }

  static String cString(byte[] bytes) {
    int n = 0;
    while (n < bytes.length && bytes[n] != 0) {
      n++;
    }
    return new String(bytes, 0, n, java.nio.charset.StandardCharsets.UTF_8).trim();
  }
}
