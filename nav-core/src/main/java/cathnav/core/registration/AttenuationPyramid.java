package cathnav.core.registration;

import cathnav.core.geometry.ProjectionGeometry;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.Projection;
import java.util.ArrayList;
import java.util.List;

/**
 * A frame turned into attenuation ({@code -log(max(I, floor)) + log(max I)}, so 0 where the beam is unattenuated,
 * which makes gain irrelevant) and reduced to a pyramid on a backend, each level with the projection of its pixel
 * grid. Level 0 is the finest (at most {@code finestMaxSize} pixels on its longer side); level {@code k} is level 0
 * downsampled {@code k} times by 2x2 averaging.
 *
 * <p>The floor is {@code max I / 65536} (a 16-bit detector's range): zero-count pixels become the strongest
 * attenuation instead of infinity. Owned by the thread that owns the backend; {@link #close()} frees the images.
 */
public final class AttenuationPyramid implements AutoCloseable {

  /** Ratio of the brightest intensity to the floor applied before the logarithm. */
  public static final float DYNAMIC_RANGE = 65536f;

  private final List<DeviceImage> images;
  private final List<Projection> projections;

  private AttenuationPyramid(List<DeviceImage> images, List<Projection> projections) {
    this.images = images;
    this.projections = projections;
  }

  /**
   * Builds the pyramid.
   *
   * @param frame raw detector intensities, same size as {@code projection}'s detector
   * @param projection the frame's projection
   * @param finestMaxSize the largest size (pixels, longer side) of level 0; the frame is halved until it fits
   * @param levels number of levels (at least 1)
   * @throws IllegalArgumentException if the sizes disagree, the frame has no positive intensity, or a level would be
   *     smaller than 8 pixels
   */
  public static AttenuationPyramid build(
      ComputeBackend backend, RawFrame frame, Projection projection, int finestMaxSize, int levels) {
    if (frame.width() != projection.width() || frame.height() != projection.height()) {
      throw new IllegalArgumentException("frame and projection sizes differ, frame=" + frame.width() + "x"
          + frame.height() + ", projection=" + projection.width() + "x" + projection.height());
    }
    if (levels < 1) {
      throw new IllegalArgumentException("need at least one pyramid level, levels=" + levels);
    }
    float max = frame.maxIntensity();
    if (!(max > 0)) {
      throw new IllegalArgumentException("frame has no positive intensity, max=" + max);
    }
    List<DeviceImage> images = new ArrayList<>();
    List<Projection> projections = new ArrayList<>();
    try {
      DeviceImage current = backend.uploadImage(frame.width(), frame.height(), frame.pixels());
      backend.logTransform(current, current, max / DYNAMIC_RANGE, (float) Math.log(max), 1f, true);
      Projection p = projection;
      while (Math.max(p.width(), p.height()) > finestMaxSize) {
        DeviceImage half = halve(backend, current, p);
        current.close();
        current = half;
        p = new ProjectionGeometry(p).downsample2x();
      }
      images.add(current);
      projections.add(p);
      for (int k = 1; k < levels; k++) {
        DeviceImage half = halve(backend, current, p);
        p = new ProjectionGeometry(p).downsample2x();
        current = half;
        images.add(current);
        projections.add(p);
      }
      return new AttenuationPyramid(List.copyOf(images), List.copyOf(projections));
    } catch (RuntimeException e) {
      images.forEach(DeviceImage::close);
      throw e;
    }
  }

  private static DeviceImage halve(ComputeBackend backend, DeviceImage in, Projection p) {
    int w = p.width() / 2;
    int h = p.height() / 2;
    if (w < 8 || h < 8) {
      throw new IllegalArgumentException("pyramid level too small, size=" + w + "x" + h);
    }
    DeviceImage out = backend.createImage(w, h);
    backend.downsample2x(in, out);
    return out;
  }

  /** Number of levels. */
  public int levels() {
    return images.size();
  }

  /** The attenuation image of a level (0 finest). */
  public DeviceImage image(int level) {
    return images.get(level);
  }

  /** The projection of a level's pixel grid. */
  public Projection projection(int level) {
    return projections.get(level);
  }

  @Override
  public void close() {
    images.forEach(DeviceImage::close);
  }
}
