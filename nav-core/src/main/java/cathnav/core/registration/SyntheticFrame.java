package cathnav.core.registration;

import cathnav.core.geometry.RigidTransform;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import java.util.SplittableRandom;

/**
 * Raw detector frames with known truth, for tests and the registration bench: the DRR of a volume at a pose
 * turned into detector counts {@code I = I0 exp(-drr)} with Poisson (counting) noise, rounded and clipped to a
 * 16-bit detector, zero counts included. Stateless.
 */
public final class SyntheticFrame {

  private SyntheticFrame() {}

  /**
   * Renders a raw frame.
   *
   * @param backend backend holding {@code volume}; called from its owning thread
   * @param pose the true pose T
   * @param unattenuatedCounts I0, the mean count of an unattenuated pixel (noise falls as 1/sqrt(I0))
   * @param seed noise seed
   */
  public static RawFrame render(ComputeBackend backend, DeviceVolume volume, Projection projection,
      RigidTransform pose, RenderOptions options, double unattenuatedCounts, long seed) {
    float[] drr = new float[projection.width() * projection.height()];
    try (DeviceImage out = backend.createImage(projection.width(), projection.height())) {
      backend.render(volume, projection, pose.matrix(), options, out);
      backend.download(out, drr);
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[] counts = new float[drr.length];
    for (int i = 0; i < drr.length; i++) {
      double mean = unattenuatedCounts * Math.exp(-drr[i]);
      counts[i] = (float) Math.min(65535, poisson(mean, random));
    }
    return new RawFrame(projection.width(), projection.height(), counts);
  }

  /** A Poisson sample: Knuth's method for small means, the rounded normal approximation above 30. */
  static long poisson(double mean, SplittableRandom random) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      double u1 = random.nextDouble();
      double u2 = random.nextDouble();
      double g = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * g));
    }
    double limit = Math.exp(-mean);
    long k = 0;
    double p = random.nextDouble();
    while (p > limit) {
      k++;
      p *= random.nextDouble();
    }
    return k;
  }
}
