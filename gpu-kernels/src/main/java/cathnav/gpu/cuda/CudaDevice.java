package cathnav.gpu.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/** One CUDA device as the driver reports it. {@link #find} initialises the driver (cuInit). */
record CudaDevice(
    int ordinal, CUdevice handle, String name, int major, int minor, int multiprocessors, long memoryBytes,
    int driverVersion) {

  /** System property choosing the device ordinal (default 0). */
  static final String DEVICE_PROPERTY = "cathnav.cuda.device";

  String description() {
    return String.format(Locale.ROOT, "%s (sm_%d%d, %d SMs, %d MiB, driver %d.%d)", name, major, minor,
        multiprocessors, memoryBytes >> 20, driverVersion / 1000, driverVersion % 1000 / 10);
  }

  /**
   * Initialises the driver and describes the chosen device.
   *
   * @throws LinkageError when JCuda's native library or libcuda.so.1 cannot be loaded
   * @throws jcuda.CudaException on driver errors (no device, driver too old, ...)
   * @throws IllegalStateException when the chosen ordinal does not exist
   */
  static CudaDevice find() {
    JCudaDriver.setExceptionsEnabled(true);
    JCudaDriver.cuInit(0);
    int[] count = new int[1];
    JCudaDriver.cuDeviceGetCount(count);
    int ordinal = Integer.getInteger(DEVICE_PROPERTY, 0);
    if (ordinal < 0 || ordinal >= count[0]) {
      throw new IllegalStateException(
          "no CUDA device with ordinal " + ordinal + " (" + DEVICE_PROPERTY + "), devices=" + count[0]);
    }
    CUdevice device = new CUdevice();
    JCudaDriver.cuDeviceGet(device, ordinal);
    byte[] name = new byte[256];
    JCudaDriver.cuDeviceGetName(name, name.length, device);
    int n = 0;
    while (n < name.length && name[n] != 0) {
      n++;
    }
    long[] memory = new long[1];
    JCudaDriver.cuDeviceTotalMem(memory, device);
    int[] version = new int[1];
    JCudaDriver.cuDriverGetVersion(version);
    return new CudaDevice(ordinal, device, new String(name, 0, n, StandardCharsets.US_ASCII), attribute(device,
        CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR), attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
        attribute(device, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT), memory[0], version[0]);
  }

  private static int attribute(CUdevice device, int attribute) {
    int[] value = new int[1];
    JCudaDriver.cuDeviceGetAttribute(value, attribute, device);
    return value[0];
  }
}
