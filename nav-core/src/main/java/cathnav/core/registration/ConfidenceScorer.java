package cathnav.core.registration;

import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.PreparedTarget;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import java.util.Arrays;
import java.util.Objects;

/**
 * Measures the {@link RegistrationEvidence} of a pose on a frame: the frame's noise ceiling (from pyramid level 0,
 * on the host) and, in one batched {@link ComputeBackend#scorePoses} call of 13 poses, the similarity at the pose
 * and at its 12 neighbours one {@link #PERTURBATION} step away along the {@link ViewAlignedPose} axes, all at the
 * calibrated stage ({@link RegistrationOptions#calibratedStage()}).
 *
 * <p>Thread-safety: none; used from the thread that owns the backend, like {@link Registrar}. Owns neither the
 * backend nor the volume.
 */
public final class ConfidenceScorer {

  /**
   * Neighbour step along each view-aligned axis: in-plane 2 mm, depth 6 mm (a single view sees depth only through
   * magnification), out-of-plane rotations 3 degrees, in-plane rotation 2 degrees.
   */
  public static final double[] PERTURBATION = {2, 2, 6, 3, 3, 2};

  private final ComputeBackend backend;
  private final DeviceVolume volume;
  private final Vec3 modelCentre;

  /**
   * @param modelCentre the registration centre, RAS mm
   */
  public ConfidenceScorer(ComputeBackend backend, DeviceVolume volume, Vec3 modelCentre) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.volume = Objects.requireNonNull(volume, "volume");
    this.modelCentre = Objects.requireNonNull(modelCentre, "modelCentre");
  }

  /**
   * @param frame the frame's pyramid (level 0 is the calibrated stage's level)
   * @param pose the pose to judge
   */
  public RegistrationEvidence measure(AttenuationPyramid frame, RigidTransform pose) {
    SearchStage stage = RegistrationOptions.calibratedStage();
    Projection projection = frame.projection(stage.level());
    DeviceImage image = frame.image(stage.level());
    float[] pixels = new float[projection.width() * projection.height()];
    backend.download(image, pixels);
    NoiseCeiling ceiling = NoiseCeiling.of(pixels, projection.width(), projection.height());

    ViewAlignedPose axes = new ViewAlignedPose(pose, modelCentre, new ProjectionGeometry(projection));
    double[] poses = new double[16 * 13];
    double[] p = new double[6];
    axes.write(p, poses, 0);
    for (int axis = 0; axis < 6; axis++) {
      for (int sign = 0; sign < 2; sign++) {
        Arrays.fill(p, 0);
        p[axis] = sign == 0 ? PERTURBATION[axis] : -PERTURBATION[axis];
        axes.write(p, poses, 16 * (1 + 2 * axis + sign));
      }
    }
    float[] scores = new float[13];
    try (PreparedTarget target = backend.prepareTarget(image, stage.metric(), null)) {
      backend.scorePoses(volume, projection, target, poses, 13, new RenderOptions(stage.stepMm()), scores);
    }
    double sum = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 1; k < 13; k++) {
      double s = Float.isNaN(scores[k]) ? -1 : scores[k];
      sum += s;
      max = Math.max(max, s);
    }
    double similarity = Float.isNaN(scores[0]) ? -1 : scores[0];
    return new RegistrationEvidence(similarity, ceiling.noiseSigma(), ceiling.meanSquareSigma(),
        ceiling.gradientVariance(), ceiling.gradientCeiling(), sum / 12, max);
  }
}
