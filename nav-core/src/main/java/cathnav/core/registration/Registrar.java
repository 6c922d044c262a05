package cathnav.core.registration;

import cathnav.core.geometry.ProjectionGeometry;
import cathnav.core.geometry.RigidTransform;
import cathnav.core.geometry.Vec3;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.DeviceVolume;
import cathnav.gpu.PreparedTarget;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.SimilarityMetric;
import java.util.Objects;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rigid 2D/3D registration of a CT volume to one fluoroscopy frame: for each {@link LevelSchedule}, coarse to fine,
 * a CMA-ES search over {@link ViewAlignedPose} parameters around the best pose so far, every generation scored in
 * one batched {@link ComputeBackend#scorePoses} call (DRRs never leave the device).
 *
 * <p>Thread-safety: none. A registrar uses its backend and volume, which belong to one thread (the pipeline thread
 * or a background registration thread); it must only be called from that thread. It does not own the backend or
 * the volume.
 */
public final class Registrar {

  private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

  private final ComputeBackend backend;
  private final DeviceVolume volume;
  private final Vec3 modelCentre;
  private final ConfidenceCalibration calibration;
  private final ConfidenceScorer scorer;

  /**
   * @param backend the compute backend that holds {@code volume}
   * @param volume the registration volume (CT)
   * @param modelCentre the registration centre, RAS mm (rotations are about it)
   * @param calibration similarity to confidence mapping
   */
  public Registrar(ComputeBackend backend, DeviceVolume volume, Vec3 modelCentre, ConfidenceCalibration calibration) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.volume = Objects.requireNonNull(volume, "volume");
    this.modelCentre = Objects.requireNonNull(modelCentre, "modelCentre");
    this.calibration = Objects.requireNonNull(calibration, "calibration");
    this.scorer = new ConfidenceScorer(backend, volume, modelCentre);
  }

  public Vec3 modelCentre() {
    return modelCentre;
  }

  /**
   * Registers {@code frame} starting from {@code initial}.
   *
   * @param frame the frame's attenuation pyramid (built with at least {@code options.levels()} levels)
   * @param initial starting pose (identity: the geometry's nominal pose)
   * @param options the searches to run
   */
  public RegistrationResult register(AttenuationPyramid frame, RigidTransform initial, RegistrationOptions options) {
    if (frame.levels() < options.levels()) {
      throw new IllegalArgumentException(
          "pyramid has fewer levels than the options need, pyramid=" + frame.levels() + ", options=" + options.levels());
    }
    long t0 = System.nanoTime();
    RigidTransform pose = initial;
    double similarity = Double.NaN;
    SimilarityMetric metric = options.schedule().get(0).metric();
    int evaluations = 0;
    int generations = 0;
    long seed = options.seed();
    for (SearchStage stage : options.schedule()) {
      LevelOutcome o = stage instanceof LevelSchedule level
          ? searchLevel(frame, pose, level, seed++)
          : refine(frame, pose, (LocalRefinement) stage);
      pose = o.pose;
      similarity = o.similarity;
      metric = stage.metric();
      evaluations += o.evaluations;
      generations += o.generations;
    }
    RegistrationEvidence evidence = scorer.measure(frame, pose);
    double confidence = calibration.confidence(evidence);
    long elapsed = System.nanoTime() - t0;
    LOG.debug("registration done, similarity={}, metric={}, ceiling={}, confidence={}, evaluations={}, "
            + "generations={}, timeMs={}", String.format("%.4f", similarity), metric,
        String.format("%.3f", evidence.gradientCeiling()), String.format("%.3f", confidence), evaluations,
        generations, String.format("%.1f", elapsed / 1e6));
    return new RegistrationResult(pose, similarity, metric, confidence, evaluations, generations, elapsed);
  }

  /**
   * The similarity of one pose under a stage's level, metric and step (one pose scored). For a confidence, use
   * {@link #evidence} and {@link #confidence(RegistrationEvidence)}.
   */
  public double score(AttenuationPyramid frame, RigidTransform pose, SearchStage stage) {
    if (stage.level() >= frame.levels()) {
      throw new IllegalArgumentException("pyramid lacks the level, level=" + stage.level() + ", levels=" + frame.levels());
    }
    float[] out = new float[1];
    try (PreparedTarget target = backend.prepareTarget(frame.image(stage.level()), stage.metric(), null)) {
      backend.scorePoses(volume, frame.projection(stage.level()), target, pose.matrix(), 1,
          new RenderOptions(stage.stepMm()), out);
    }
    return out[0];
  }

  /**
   * What the frame says about {@code pose} at the calibrated stage ({@link RegistrationOptions#calibratedStage()}):
   * similarity, noise ceiling, neighbours (13 poses scored in one batch).
   */
  public RegistrationEvidence evidence(AttenuationPyramid frame, RigidTransform pose) {
    return scorer.measure(frame, pose);
  }

  /** Calibrated confidence (P(mTRE under 2 mm)) of evidence measured by {@link #evidence}. */
  public double confidence(RegistrationEvidence evidence) {
    return calibration.confidence(evidence);
  }

  private record LevelOutcome(RigidTransform pose, double similarity, int evaluations, int generations) {}

  private LevelOutcome refine(AttenuationPyramid frame, RigidTransform start, LocalRefinement s) {
    long t0 = System.nanoTime();
    Projection projection = frame.projection(s.level());
    ViewAlignedPose params = new ViewAlignedPose(start, modelCentre, new ProjectionGeometry(projection));
    RenderOptions render = new RenderOptions(s.stepMm());
    double[] scales = s.scales();
    double[] pose = new double[16];
    float[] score = new float[1];
    double[] p = new double[6];
    double[] bestX = new double[6];
    double[] bestScore = {Double.NEGATIVE_INFINITY};
    try (PreparedTarget target = backend.prepareTarget(frame.image(s.level()), s.metric(), null)) {
      // BOBYQA loses its best point when the budget runs out, so the objective keeps it
      MultivariateFunction similarity = x -> {
        for (int i = 0; i < 6; i++) {
          p[i] = x[i] * scales[i];
        }
        params.write(p, pose, 0);
        backend.scorePoses(volume, projection, target, pose, 1, render, score);
        double v = Float.isNaN(score[0]) ? -2 : score[0];
        if (v > bestScore[0]) {
          bestScore[0] = v;
          System.arraycopy(x, 0, bestX, 0, 6);
        }
        return v;
      };
      double startScore = similarity.value(new double[6]);
      BOBYQAOptimizer optimizer = new BOBYQAOptimizer(13, 1.0, s.stopRadius());
      double[] lower = new double[6];
      double[] upper = new double[6];
      java.util.Arrays.fill(lower, -20);
      java.util.Arrays.fill(upper, 20);
      try {
        optimizer.optimize(new MaxEval(s.maxEvaluations()), new ObjectiveFunction(similarity),
            GoalType.MAXIMIZE, new InitialGuess(new double[6]), new SimpleBounds(lower, upper));
      } catch (TooManyEvaluationsException e) {
        LOG.trace("refinement budget spent, maxEvaluations={}", s.maxEvaluations());
      }
      int evaluations = optimizer.getEvaluations() + 1;
      RigidTransform result = start;
      double resultScore = startScore;
      if (bestScore[0] > startScore) {
        for (int i = 0; i < 6; i++) {
          p[i] = bestX[i] * scales[i];
        }
        result = params.transform(p);
        resultScore = bestScore[0];
      }
      LOG.debug("refinement done, level={}, size={}x{}, metric={}, start={}, best={}, evaluations={}, timeMs={}",
          s.level(), projection.width(), projection.height(), s.metric(), String.format("%.4f", startScore),
          String.format("%.4f", resultScore), evaluations, String.format("%.1f", (System.nanoTime() - t0) / 1e6));
      return new LevelOutcome(result, resultScore, evaluations, 0);
    }
  }

  private LevelOutcome searchLevel(AttenuationPyramid frame, RigidTransform start, LevelSchedule s, long seed) {
    long t0 = System.nanoTime();
    Projection projection = frame.projection(s.level());
    ViewAlignedPose params = new ViewAlignedPose(start, modelCentre, new ProjectionGeometry(projection));
    RenderOptions render = new RenderOptions(s.stepMm());
    CmaEvolutionStrategy es = new CmaEvolutionStrategy(new double[6], s.stepSizes(), s.population(), seed);
    int lambda = es.populationSize();
    double[] poses = new double[16 * (lambda + 1)];
    float[] scores = new float[lambda + 1];
    double[] costs = new double[lambda];
    try (PreparedTarget target = backend.prepareTarget(frame.image(s.level()), s.metric(), null)) {
      // the start pose competes too: a level never returns something worse than what it was given
      params.write(new double[6], poses, 0);
      backend.scorePoses(volume, projection, target, poses, 1, render, scores);
      double startScore = scores[0];
      while (es.generation() < s.maxGenerations() && es.relativeSpread() > s.stopSpread()) {
        double[][] xs = es.ask();
        for (int k = 0; k < lambda; k++) {
          params.write(xs[k], poses, 16 * k);
        }
        backend.scorePoses(volume, projection, target, poses, lambda, render, scores);
        for (int k = 0; k < lambda; k++) {
          costs[k] = -scores[k];
        }
        es.tell(costs);
      }
      // final candidates: the best sample and the distribution mean
      params.write(es.best(), poses, 0);
      params.write(es.mean(), poses, 16);
      backend.scorePoses(volume, projection, target, poses, 2, render, scores);
      int evaluations = es.evaluations() + 3;
      RigidTransform best = start;
      double bestScore = startScore;
      if (scores[0] > bestScore) {
        best = params.transform(es.best());
        bestScore = scores[0];
      }
      if (scores[1] > bestScore) {
        best = params.transform(es.mean());
        bestScore = scores[1];
      }
      LOG.debug("level done, level={}, size={}x{}, metric={}, start={}, best={}, generations={}, timeMs={}",
          s.level(), projection.width(), projection.height(), s.metric(), String.format("%.4f", startScore),
          String.format("%.4f", bestScore), es.generation(), String.format("%.1f", (System.nanoTime() - t0) / 1e6));
      return new LevelOutcome(best, bestScore, evaluations, es.generation());
    }
  }
}
