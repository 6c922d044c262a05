package cathnav.core.tracking;

import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.Vec3;
import cathnav.core.registration.CmaEvolutionStrategy;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceImage;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.PreparedTarget;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.SimilarityMetric;

/**
 * 3D registration of the heart layer alone to a frame's heart-only residual ({@link HeartView#residual}), the static
 * layer held fixed at the patient pose: a CMA-ES search over the heart's translation (along the detector's u and v
 * at the heart's depth, and along the beam, mm), every generation scored in one batched
 * {@link ComputeBackend#scorePoses} call, NCC over the heart's projected box grown by the view's margin.
 *
 * <p>It starts from the heart at the patient pose, not from the 2D estimate, so the two are independent estimates
 * of the same displacement. Thread-safety: none; runs on the thread that owns the backend.
 */
final class HeartRegistration {

  /** The heart's translation (RAS mm) and the NCC it scored, with the poses it scored. */
  record Result(Vec3 translation, double correlation, int evaluations) {}

  private static final double[] STEPS_MM = {4, 4, 6};
  private static final int POPULATION = 10;
  private static final int MAX_GENERATIONS = 14;

  private final ComputeBackend backend;
  private final DeviceVolume heartLayer;
  private final RenderOptions render;

  HeartRegistration(ComputeBackend backend, DeviceVolume heartLayer, RenderOptions render) {
    this.backend = backend;
    this.heartLayer = heartLayer;
    this.render = render;
  }

  Result register(HeartView view, float[] residual, long seed) {
    ProjectionGeometry g = new ProjectionGeometry(view.projection);
    Vec3[] axes = {g.uAxis(), g.vAxis(), g.beamDirection().normalized()};
    float[] mask = new float[view.width * view.height];
    int m = view.marginPx();
    for (int v = Math.max(0, view.heartBox[1] - m); v <= Math.min(view.height - 1, view.heartBox[3] + m); v++) {
      for (int u = Math.max(0, view.heartBox[0] - m); u <= Math.min(view.width - 1, view.heartBox[2] + m); u++) {
        mask[v * view.width + u] = 1;
      }
    }
    CmaEvolutionStrategy es = new CmaEvolutionStrategy(new double[3], STEPS_MM, POPULATION, seed);
    int lambda = es.populationSize();
    double[] poses = new double[16 * lambda];
    float[] scores = new float[lambda];
    double[] costs = new double[lambda];
    try (DeviceImage target = backend.uploadImage(view.width, view.height, residual);
        DeviceImage maskImage = backend.uploadImage(view.width, view.height, mask);
        PreparedTarget prepared = backend.prepareTarget(target, SimilarityMetric.NCC, maskImage)) {
      double[] startAndEnd = new double[16 * 3];
      writePose(view, axes, new double[3], startAndEnd, 0);
      float[] startScore = new float[3];
      backend.scorePoses(heartLayer, view.projection, prepared, startAndEnd, 1, render, startScore);
      while (es.generation() < MAX_GENERATIONS && es.relativeSpread() > 0.1) {
        double[][] xs = es.ask();
        for (int k = 0; k < lambda; k++) {
          writePose(view, axes, xs[k], poses, 16 * k);
        }
        backend.scorePoses(heartLayer, view.projection, prepared, poses, lambda, render, scores);
        for (int k = 0; k < lambda; k++) {
          costs[k] = Float.isNaN(scores[k]) || outside(xs[k], view) ? 2 : -scores[k];
        }
        es.tell(costs);
      }
      writePose(view, axes, es.best(), startAndEnd, 16);
      writePose(view, axes, es.mean(), startAndEnd, 32);
      float[] end = new float[3];
      backend.scorePoses(heartLayer, view.projection, prepared, startAndEnd, 3, render, end);
      double[] x = new double[3];
      double best = end[0];
      if (end[1] > best) {
        best = end[1];
        x = es.best();
      }
      if (end[2] > best) {
        best = end[2];
        x = es.mean();
      }
      return new Result(translation(axes, x), best, es.evaluations() + 4);
    }
  }

  /** Whether a candidate lies beyond the view's search range (in-plane) or twice it (depth): scored as worst. */
  private static boolean outside(double[] x, HeartView view) {
    double limit = view.searchMm();
    return Math.hypot(x[0], x[1]) > limit || Math.abs(x[2]) > 2 * limit;
  }

  private static Vec3 translation(Vec3[] axes, double[] x) {
    return axes[0].times(x[0]).plus(axes[1].times(x[1])).plus(axes[2].times(x[2]));
  }

  private static void writePose(HeartView view, Vec3[] axes, double[] x, double[] out, int offset) {
    System.arraycopy(view.heartPose(translation(axes, x)).matrix(), 0, out, offset, 16);
  }
}
