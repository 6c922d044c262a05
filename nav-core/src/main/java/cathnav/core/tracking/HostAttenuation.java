package cathnav.core.tracking;

import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.registration.AttenuationPyramid;
import cathnav.gpu.Projection;

/**
 * A frame's attenuation ({@code log(max I) - log(max(I, floor))}, as {@link AttenuationPyramid} computes it) on the
 * host, 2x2-averaged until its longer side is at most {@code maxSize}, with the projection of its pixel grid. Used by
 * the per-frame 2D motion compensation, which must not touch the compute backend the background registration is
 * using. Immutable after construction.
 */
final class HostAttenuation {

  final int width;
  final int height;
  final float[] pixels;
  final Projection projection;

  private HostAttenuation(int width, int height, float[] pixels, Projection projection) {
    this.width = width;
    this.height = height;
    this.pixels = pixels;
    this.projection = projection;
  }

  /**
   * The raw intensities themselves (no logarithm), 2x2-averaged like {@link #of}: for fits that model the detector's
   * dark offset, which the logarithm would bend.
   */
  static HostAttenuation intensities(float[] raw, Projection projection, int maxSize) {
    int w = projection.width();
    int h = projection.height();
    float[] img = java.util.Arrays.copyOf(raw, w * h);
    return halvedUntil(w, h, img, projection, maxSize);
  }

  static HostAttenuation of(float[] raw, Projection projection, int maxSize) {
    int w = projection.width();
    int h = projection.height();
    float max = 0;
    for (int i = 0; i < w * h; i++) {
      if (raw[i] > max && raw[i] < Float.POSITIVE_INFINITY) {
        max = raw[i];
      }
    }
    float floor = max > 0 ? max / AttenuationPyramid.DYNAMIC_RANGE : Float.MIN_NORMAL;
    double logMax = Math.log(Math.max(max, Float.MIN_NORMAL));
    float[] img = new float[w * h];
    for (int i = 0; i < img.length; i++) {
      img[i] = (float) (logMax - Math.log(Math.max(raw[i], floor)));
    }
    return halvedUntil(w, h, img, projection, maxSize);
  }

  private static HostAttenuation halvedUntil(int w, int h, float[] img, Projection projection, int maxSize) {
    Projection p = projection;
    while (Math.max(w, h) > maxSize && w >= 2 && h >= 2) {
      int hw = w / 2;
      int hh = h / 2;
      float[] half = new float[hw * hh];
      for (int v = 0; v < hh; v++) {
        int r0 = 2 * v * w;
        int r1 = r0 + w;
        for (int u = 0; u < hw; u++) {
          half[v * hw + u] = 0.25f * (img[r0 + 2 * u] + img[r0 + 2 * u + 1] + img[r1 + 2 * u] + img[r1 + 2 * u + 1]);
        }
      }
      img = half;
      w = hw;
      h = hh;
      p = new ProjectionGeometry(p).downsample2x();
    }
    return new HostAttenuation(w, h, img, p);
  }

  /** An image already on a grid (taken, not copied; the caller must not modify it afterwards). */
  static HostAttenuation wrap(int width, int height, float[] pixels, Projection projection) {
    if (pixels.length != width * height || projection.width() != width || projection.height() != height) {
      throw new IllegalArgumentException("image and grid sizes differ, image=" + width + "x" + height + ", pixels="
          + pixels.length + ", grid=" + projection.width() + "x" + projection.height());
    }
    return new HostAttenuation(width, height, pixels, projection);
  }

  /** This image 2x2-averaged (for the coarse template search). */
  HostAttenuation halved() {
    int hw = width / 2;
    int hh = height / 2;
    float[] half = new float[hw * hh];
    for (int v = 0; v < hh; v++) {
      int r0 = 2 * v * width;
      int r1 = r0 + width;
      for (int u = 0; u < hw; u++) {
        half[v * hw + u] =
            0.25f * (pixels[r0 + 2 * u] + pixels[r0 + 2 * u + 1] + pixels[r1 + 2 * u] + pixels[r1 + 2 * u + 1]);
      }
    }
    return new HostAttenuation(hw, hh, half, new ProjectionGeometry(projection).downsample2x());
  }
}
