package cathnav.core.registration;

import cathnav.gpu.SimilarityMetric;
import java.util.List;
import java.util.Objects;

/**
 * How a registration runs: the finest pyramid size, the number of levels, and the searches run from coarse to
 * fine. The confidence model ({@link ConfidenceCalibration}) is fitted for {@link #DEFAULT} and {@link #TRACKING};
 * other options give an uncalibrated confidence (the model still orders results, but its probabilities were not
 * measured for them).
 *
 * @param finestMaxSize longer side of pyramid level 0, pixels
 * @param levels pyramid levels built
 * @param schedule searches, in the order they run (coarse first); each names its level
 * @param seed random seed of the searches (deterministic results for a given frame)
 */
public record RegistrationOptions(int finestMaxSize, int levels, List<SearchStage> schedule, long seed) {

  /**
   * Full registration from a start within about 15 mm and 10 degrees: CMA-ES with NCC on the two coarse levels
   * (global), then BOBYQA with gradient correlation on level 0 (local; it pins down depth, which only the fine
   * level's magnification shows). Level 0 is at most 128 pixels on its longer side.
   */
  public static final RegistrationOptions DEFAULT = new RegistrationOptions(128, 3, List.of(
      new LevelSchedule(2, SimilarityMetric.NCC, 12, 14, 6, 20, 5, 5, 3.0, 0.05),
      new LevelSchedule(1, SimilarityMetric.NCC, 8, 10, 2, 8, 2, 2, 2.0, 0.05),
      new LocalRefinement(0, SimilarityMetric.GRADIENT_CORRELATION, 60, 1, 3, 0.5, 1, 1.5, 0.02)),
      0x5EED);

  /**
   * A per-frame tracking update from the last pose with a bounded budget: BOBYQA with gradient correlation on
   * level 0 (at most 128 pixels), at most 40 poses scored.
   */
  public static final RegistrationOptions TRACKING = new RegistrationOptions(128, 1, List.of(
      new LocalRefinement(0, SimilarityMetric.GRADIENT_CORRELATION, 40, 1, 3, 0.5, 1, 1.5, 0.02)),
      0x7AC4);

  public RegistrationOptions {
    Objects.requireNonNull(schedule, "schedule");
    schedule = List.copyOf(schedule);
    if (finestMaxSize < 16 || levels < 1 || schedule.isEmpty()) {
      throw new IllegalArgumentException("invalid registration options, finestMaxSize=" + finestMaxSize
          + ", levels=" + levels + ", schedule=" + schedule.size());
    }
    for (SearchStage s : schedule) {
      if (s.level() >= levels) {
        throw new IllegalArgumentException("schedule uses a level the pyramid lacks, level=" + s.level()
            + ", levels=" + levels);
      }
    }
  }

  /**
   * The stage at which the confidence evidence is measured ({@link ConfidenceScorer}): the last stage of
   * {@link #DEFAULT} (gradient correlation on level 0 at most 128 pixels, 1.5 mm step).
   */
  public static SearchStage calibratedStage() {
    return DEFAULT.schedule().get(DEFAULT.schedule().size() - 1);
  }

  /** The same options with another seed. */
  public RegistrationOptions withSeed(long newSeed) {
    return new RegistrationOptions(finestMaxSize, levels, schedule, newSeed);
  }
}
