package cathnav.core.tracking;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.ConfidenceFeature;
import cathnav.core.registration.RealCtFixture;
import cathnav.core.registration.SyntheticFrame;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.FallbackPolicy;
import cathnav.gpu.RenderOptions;
import java.util.List;

/** Frames of the real CT rendered at known poses for the tracker tests (java backend, 128 x 128 detector). */
final class TrackingFixture implements AutoCloseable {

  /** Confidence rises from 0.01 at similarity 0.80 to 0.99 at 0.90: a test model, independent of the shipped one. */
  static final ConfidenceCalibration CALIBRATION = new ConfidenceCalibration(
      List.of(ConfidenceFeature.SIMILARITY), new double[] {92}, -78.2, "test", null);

  static final RegistrationModel MODEL = RegistrationModel.of(RealCtFixture.CT, RealCtFixture.HEART_CENTRE);

  private final ComputeBackend backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
  private final DeviceVolume volume = backend.uploadVolume(MODEL.ct(), MODEL.attenuation());

  static CArmGeometry view(double alpha, double beta) {
    return CArmGeometry.of(alpha, beta, 1100, 750, 128, 128, 2.4, 2.4).withIsocenter(RealCtFixture.HEART_CENTRE);
  }

  float[] frame(CArmGeometry view, RigidTransform truth, long seed) {
    return SyntheticFrame.render(backend, volume, view.toProjection(), truth, new RenderOptions(0.75), 5000, seed)
        .pixels();
  }

  static FrameGeometry geometry(CArmGeometry view) {
    return FrameGeometry.of(view);
  }

  /** Distance between the heart centre drawn with {@code a} and with {@code b}, mm at the isocentre. */
  static double projectedCentreErrorMm(CArmGeometry view, RigidTransform a, RigidTransform b) {
    ProjectionGeometry pg = view.projectionGeometry();
    Vec3 c = RealCtFixture.HEART_CENTRE;
    double[] pa = pg.project(a.apply(c));
    double[] pb = pg.project(b.apply(c));
    return Math.hypot(pa[0] - pb[0], pa[1] - pb[1]) * view.mmPerPixelAtIsocenterU();
  }

  @Override
  public void close() {
    volume.close();
    backend.close();
  }
}
