package cathnav.gpu;

/**
 * One compute device and the kernels CathNav runs on it: DRR rendering, batched pose scoring and the image
 * operations of the registration pipeline.
 *
 * <p>Thread-safety: none. A backend, and every {@link DeviceVolume}, {@link DeviceImage} and
 * {@link PreparedTarget} it created, is owned by one thread (the procedure's pipeline thread); other threads
 * never call it. Resources are released by {@code close()} on the resource, or all at once by closing the
 * backend.
 *
 * <p>Geometry (DESIGN.md): {@code P} is a 3x4 matrix mapping homogeneous RAS mm to homogeneous detector pixels
 * {@code (u, v, 1)}, pixel centres at integers, (0, 0) the first pixel in memory; the model pose {@code T} is a
 * rigid 4x4 (RAS to RAS) so that a model point {@code x} is seen at {@code P T x}. Images are row-major float32,
 * {@code index = v * width + u}.
 *
 * <p>Every backend computes the same function (see {@link RenderOptions} for the exact sampling rule), so the
 * one test suite runs on each backend that probes and results agree within the stated tolerances.
 */
public interface ComputeBackend extends AutoCloseable {

  /** Short name: {@code java}, {@code opencl} or {@code cuda}. */
  String name();

  /** Human-readable device description (vendor, device name, compute units). */
  String deviceDescription();

  /** Uploads a volume, converting HU to linear attenuation with {@code attenuation} (ignored for MU grids). */
  DeviceVolume uploadVolume(VolumeGrid grid, Attenuation attenuation);

  /** Allocates a device image, contents undefined. */
  DeviceImage createImage(int width, int height);

  /** Uploads a row-major image of {@code width * height} floats. */
  DeviceImage uploadImage(int width, int height, float[] pixels);

  /** Copies {@code image} into {@code destination} (length at least {@code width * height}). */
  void download(DeviceImage image, float[] destination);

  /**
   * Renders the DRR of {@code volume} moved by {@code pose} (row-major 4x4, 16 values) through
   * {@code projection} into {@code out} (same size as the projection's detector). Each pixel holds the line
   * integral of attenuation (dimensionless: 1/mm times mm) along the ray from the source to the pixel centre.
   */
  void render(DeviceVolume volume, Projection projection, double[] pose, RenderOptions options, DeviceImage out);

  /**
   * Prepares a target frame for scoring: precomputes the statistics (and for gradient correlation, the
   * gradients) of {@code target} over {@code mask} (pixels with mask &gt; 0.5; {@code null} for all pixels).
   */
  PreparedTarget prepareTarget(DeviceImage target, SimilarityMetric metric, DeviceImage mask);

  /**
   * Scores {@code count} poses (row-major 4x4 each, consecutive in {@code poses}, {@code 16 * count} values):
   * renders each pose's DRR through {@code projection} at the target's size and writes its similarity to the
   * target into {@code scores[i]}. DRRs never leave the device; the number of kernel launches per call is fixed,
   * not proportional to {@code count}. Similarity is in [-1, 1], higher is better.
   */
  void scorePoses(
      DeviceVolume volume,
      Projection projection,
      PreparedTarget target,
      double[] poses,
      int count,
      RenderOptions options,
      float[] scores);

  /**
   * {@code out = (log(max(in, floor)) - offset) * scale}, element-wise; {@code in} and {@code out} may be the same
   * image. With {@code negate} the sign is flipped, turning detector intensity into attenuation.
   */
  void logTransform(DeviceImage in, DeviceImage out, float floor, float offset, float scale, boolean negate);

  /** 2x downsampling by 2x2 box averaging: {@code out} is {@code floor(w/2) x floor(h/2)}. */
  void downsample2x(DeviceImage in, DeviceImage out);

  /**
   * 3x3 Sobel gradients (replicated borders): {@code gx} along u, {@code gy} along v. The kernel is unnormalised
   * (weights 1, 2, 1): {@code gx} is right minus left, {@code gy} below minus above. Three distinct images.
   */
  void sobel(DeviceImage in, DeviceImage gx, DeviceImage gy);

  /** Sum and sum of squares of all pixels (float64 accumulation where the device allows): {@code {sum, sumSq}}. */
  double[] sumAndSumOfSquares(DeviceImage image);

  /** Releases every device resource this backend created. Idempotent. */
  @Override
  void close();
}
