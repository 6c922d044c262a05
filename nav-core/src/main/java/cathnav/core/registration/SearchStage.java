package cathnav.core.registration;

import cathnav.gpu.SimilarityMetric;

/** One stage of a registration: a search on one pyramid level with one metric. */
public sealed interface SearchStage permits LevelSchedule, LocalRefinement {

  /** Pyramid level, 0 = finest. */
  int level();

  /** Similarity maximised. */
  SimilarityMetric metric();

  /** DRR ray sampling step, mm. */
  double stepMm();
}
