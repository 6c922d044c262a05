package cathnav.gpu.testing;

import cathnav.gpu.Attenuation;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.VolumeGrid;

/** One-call round trips through a backend for tests: upload, run, download, release. */
public final class Renders {

  private Renders() {}

  /** The backend's DRR of {@code grid} (HU converted with {@link Attenuation#DEFAULT}). */
  public static float[] drr(
      ComputeBackend backend, VolumeGrid grid, Projection projection, double[] pose, double stepMm) {
    try (DeviceVolume volume = backend.uploadVolume(grid, Attenuation.DEFAULT);
        DeviceImage out = backend.createImage(projection.width(), projection.height())) {
      backend.render(volume, projection, pose, new RenderOptions(stepMm), out);
      float[] pixels = new float[projection.width() * projection.height()];
      backend.download(out, pixels);
      return pixels;
    }
  }
}
