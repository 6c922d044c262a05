package cathnav.gpu.opencl;

import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackendProvider;

/**
 * Provides the {@code opencl} backend (priority 200): the device chosen by {@link OpenClDeviceSpec} (system
 * properties {@code cathnav.opencl.platform} / {@code cathnav.opencl.device}; default GPU, else CPU such as PoCL),
 * volumes stored per {@link OpenClVolumeMode} ({@code cathnav.opencl.volume}).
 */
public final class OpenClBackendProvider implements ComputeBackendProvider {

  private final OpenClDeviceSpec spec;

  /** The ServiceLoader constructor: the device spec comes from system properties. */
  public OpenClBackendProvider() {
    this(null);
  }

  /** A provider for an explicit device spec ({@code null}: read system properties at probe and open). */
  public OpenClBackendProvider(OpenClDeviceSpec spec) {
    this.spec = spec;
  }

  private OpenClDeviceSpec spec() {
    return spec != null ? spec : OpenClDeviceSpec.fromSystemProperties();
  }

  @Override
  public String name() {
    return "opencl";
  }

  @Override
  public int priority() {
    return 200;
  }

  @Override
  public Probe probe() {
    try {
      return Probe.available(OpenClDevice.choose(spec()).description());
    } catch (OpenClUnavailableException e) {
      return Probe.unavailable(e.getMessage());
    } catch (LinkageError e) {
      return Probe.unavailable("JOCL or the OpenCL ICD loader (libOpenCL.so.1) cannot be loaded: " + e);
    } catch (RuntimeException e) {
      return Probe.unavailable("OpenCL platform query failed: " + e);
    }
  }

  /**
   * Opens the backend on the chosen device and builds its kernels.
   *
   * @throws IllegalStateException when no device is usable
   * @throws OpenClBuildException when a kernel does not compile for the device
   */
  @Override
  public ComputeBackend open() {
    return openBackend();
  }

  /** As {@link #open()}, typed. */
  public OpenClBackend openBackend() {
    return openBackend(OpenClVolumeMode.fromSystemProperties());
  }

  /**
   * Opens the backend storing volumes per {@code mode}.
   *
   * @throws IllegalStateException when no device is usable, or {@code IMAGE} is asked of a device without images
   * @throws OpenClBuildException when a kernel does not compile for the device
   */
  public OpenClBackend openBackend(OpenClVolumeMode mode) {
    OpenClDevice device;
    try {
      device = OpenClDevice.choose(spec());
    } catch (OpenClUnavailableException e) {
      throw new IllegalStateException("OpenCL backend unavailable: " + e.getMessage(), e);
    }
    return new OpenClBackend(device, mode);
  }
}
