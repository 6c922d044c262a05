package cathnav.gpu.opencl;

/** No OpenCL device can be used here; the message says why (no platform, no matching device, ...). */
final class OpenClUnavailableException extends Exception {
  OpenClUnavailableException(String reason) {
    super(reason);
  }
}
