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
    return render(backend, volume, projection, pose, options, unattenuatedCounts, null, seed);
  }

  /**
   * Renders a raw frame with a pacing lead drawn in: a wire that is not in the CT (an outlier for the
   * registration), added as extra attenuation before the counts are drawn.
   *
   * @param lead the wire's centreline in detector pixels, {@code {u0, v0, u1, v1, ...}}, or {@code null} for none
   */
  public static RawFrame render(ComputeBackend backend, DeviceVolume volume, Projection projection,
      RigidTransform pose, RenderOptions options, double unattenuatedCounts, double[] lead, long seed) {
    return render(backend, volume, projection, pose, options, unattenuatedCounts, 1, lead, seed);
  }

  /**
   * Renders a raw frame with a detector gain: each Poisson count is multiplied by {@code gain}, rounded and clipped
   * to 16 bits, so a low gain quantises coarsely and a high gain saturates the brightest pixels.
   *
   * @param gain detector output per counted quantum, positive
   * @param lead the wire's centreline in detector pixels, or {@code null} for none
   */
  public static RawFrame render(ComputeBackend backend, DeviceVolume volume, Projection projection,
      RigidTransform pose, RenderOptions options, double unattenuatedCounts, double gain, double[] lead, long seed) {
    if (!(gain > 0)) {
      throw new IllegalArgumentException("detector gain must be positive, gain=" + gain);
    }
    int w = projection.width();
    float[] drr = new float[w * projection.height()];
    try (DeviceImage out = backend.createImage(w, projection.height())) {
      backend.render(volume, projection, pose.matrix(), options, out);
      backend.download(out, drr);
    }
    if (lead != null) {
      drawWire(drr, w, projection.height(), lead, LEAD_RADIUS_PX, LEAD_ATTENUATION);
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[] counts = new float[drr.length];
    for (int i = 0; i < drr.length; i++) {
      double mean = unattenuatedCounts * Math.exp(-drr[i]);
      counts[i] = (float) Math.min(65535, Math.round(gain * poisson(mean, random)));
    }
    return new RawFrame(projection.width(), projection.height(), counts);
  }

  /** Radius of a drawn lead, detector pixels. */
  static final double LEAD_RADIUS_PX = 1.5;

  /** Line integral of attenuation across a lead's core (a metal conductor). */
  static final float LEAD_ATTENUATION = 1.2f;

  /** Adds a wire with a soft (cosine) profile along the polyline {@code pts} to an attenuation image. */
  static void drawWire(float[] image, int w, int h, double[] pts, double radius, float attenuation) {
    float[] wire = new float[image.length]; // segments overlap at joints: keep the strongest, not the sum
    for (int s = 0; s + 3 < pts.length; s += 2) {
      double u0 = pts[s];
      double v0 = pts[s + 1];
      double du = pts[s + 2] - u0;
      double dv = pts[s + 3] - v0;
      double len2 = du * du + dv * dv;
      int umin = (int) Math.max(0, Math.floor(Math.min(u0, u0 + du) - radius - 1));
      int umax = (int) Math.min(w - 1, Math.ceil(Math.max(u0, u0 + du) + radius + 1));
      int vmin = (int) Math.max(0, Math.floor(Math.min(v0, v0 + dv) - radius - 1));
      int vmax = (int) Math.min(h - 1, Math.ceil(Math.max(v0, v0 + dv) + radius + 1));
      for (int v = vmin; v <= vmax; v++) {
        for (int u = umin; u <= umax; u++) {
          double t = len2 > 0 ? Math.max(0, Math.min(1, ((u - u0) * du + (v - v0) * dv) / len2)) : 0;
          double eu = u - (u0 + t * du);
          double ev = v - (v0 + t * dv);
          double d = Math.sqrt(eu * eu + ev * ev);
          if (d < radius) {
            float a = (float) (attenuation * 0.5 * (1 + Math.cos(Math.PI * d / radius)));
            wire[v * w + u] = Math.max(wire[v * w + u], a);
          }
        }
      }
    }
    for (int i = 0; i < image.length; i++) {
      image[i] += wire[i];
    }
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
