package cathnav.core.tracking;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.core.model.Volumes;
import cathnav.core.preop.HeartRegion;
import cathnav.core.registration.RealCtFixture;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.FallbackPolicy;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Frames of the real CT whose heart (its mask's region) moves against the static thorax: the static layer's DRR at
 * the patient pose plus the heart layer's at the heart pose, exposed on a detector with a dark offset and Poisson
 * noise. The model, its layers and the java backend that renders them are opened once per test class.
 */
final class HeartFrames implements AutoCloseable {

  /** Quanta of an unattenuated pixel, the detector's dark offset and gain (stored units). */
  static final double QUANTA = 1500;
  static final double DARK_OFFSET = 120;
  static final double GAIN = 2.5;

  static final RegistrationModel MODEL;

  static {
    Path data = Path.of(System.getProperty("cathnav.shared.data", "../../shared/data"));
    try {
      MODEL = TrackingFixture.MODEL.withHeart(HeartRegion.of(Volumes.read(data.resolve("ct/heart_mask_1p5mm.nii.gz"))));
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final HeartLayers layers = HeartLayers.split(MODEL);
  final ComputeBackend backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
  final DeviceVolume staticLayer = backend.uploadVolume(layers.staticLayer(), MODEL.attenuation());
  final DeviceVolume heartLayer = backend.uploadVolume(layers.heartLayer(), MODEL.attenuation());
  final RenderOptions render = new RenderOptions(0.75);

  /** A view of {@code size}^2 pixels of {@code spacing} mm about the heart. */
  static CArmGeometry view(double alpha, double beta, int size, double spacing) {
    return CArmGeometry.of(alpha, beta, 1100, 750, size, size, spacing, spacing).withIsocenter(RealCtFixture.HEART_CENTRE);
  }

  /** The heart pose: the patient pose with the heart translated by {@code shift} (RAS mm). */
  static RigidTransform heartPose(RigidTransform patient, Vec3 shift) {
    double[] m = patient.matrix();
    m[3] += shift.x();
    m[7] += shift.y();
    m[11] += shift.z();
    return new RigidTransform(m);
  }

  /** Raw detector values of a frame with the heart at {@code heart} (null: no heart at all, only the static layer). */
  float[] frame(Projection projection, RigidTransform patient, RigidTransform heart, long seed) {
    int n = projection.width() * projection.height();
    float[] s = new float[n];
    float[] h = new float[n];
    try (DeviceImage img = backend.createImage(projection.width(), projection.height())) {
      backend.render(staticLayer, projection, patient.matrix(), render, img);
      backend.download(img, s);
      if (heart != null) {
        backend.render(heartLayer, projection, heart.matrix(), render, img);
        backend.download(img, h);
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      double mean = QUANTA * Math.exp(-(s[i] + h[i]));
      out[i] = (float) Math.min(65535, Math.round(DARK_OFFSET + GAIN * poisson(mean, random)));
    }
    return out;
  }

  private static double poisson(double mean, SplittableRandom random) {
    if (mean > 30) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
    }
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  @Override
  public void close() {
    staticLayer.close();
    heartLayer.close();
    backend.close();
  }
}
