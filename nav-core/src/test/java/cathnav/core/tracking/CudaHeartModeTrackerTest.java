package cathnav.core.tracking;

import org.junit.jupiter.api.Tag;

/** GPU heart mode on CUDA: runs only on a GPU machine (tag {@code gpu}, excluded by default). */
@Tag("gpu")
class CudaHeartModeTrackerTest extends GpuHeartModeContract {

  @Override
  String backend() {
    return "cuda";
  }
}
