package cathnav.core.tracking;

/** GPU heart mode on OpenCL (PoCL on a CPU in CI; fails when no OpenCL device is installed). */
class OpenClHeartModeTrackerTest extends GpuHeartModeContract {

  @Override
  String backend() {
    return "opencl";
  }
}
