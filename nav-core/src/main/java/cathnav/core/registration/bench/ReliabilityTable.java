package cathnav.core.registration.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * How well predicted confidences match observed outcomes: cases binned by predicted confidence (ten bins of width
 * 0.1, the last one closed), per bin the mean prediction and the observed success rate, plus the Brier score (mean
 * squared difference between prediction and outcome, 0 is perfect, 0.25 is a constant 0.5) and the two kinds of
 * error that matter clinically: failures given high confidence, successes given low confidence.
 *
 * @param name what predicted the confidences
 * @param bins per bin {@code {cases, successes}}
 * @param meanPredicted per bin, the mean predicted confidence (NaN when empty)
 * @param brier the Brier score over all cases
 * @param cases number of cases
 * @param confidentFailures failures given confidence of at least {@value #HIGH}
 * @param doubtedSuccesses successes given confidence under {@value #LOW}
 */
public record ReliabilityTable(String name, int[][] bins, double[] meanPredicted, double brier, int cases,
    int confidentFailures, int doubtedSuccesses) {

  /** Number of confidence bins. */
  public static final int BINS = 10;

  /** Confidence from which a failure counts as a confident failure. */
  public static final double HIGH = 0.9;

  /** Confidence under which a success counts as doubted. */
  public static final double LOW = 0.5;

  /**
   * @throws IllegalArgumentException if the arrays differ in length, are empty, or a prediction is outside [0, 1]
   */
  public static ReliabilityTable of(String name, double[] predicted, boolean[] success) {
    if (predicted.length == 0 || predicted.length != success.length) {
      throw new IllegalArgumentException("reliability needs one outcome per prediction, predictions="
          + predicted.length + ", outcomes=" + success.length);
    }
    int[][] bins = new int[BINS][2];
    double[] sum = new double[BINS];
    double brier = 0;
    int confidentFailures = 0;
    int doubtedSuccesses = 0;
    for (int i = 0; i < predicted.length; i++) {
      double p = predicted[i];
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("confidence outside [0, 1], case=" + i + ", confidence=" + p);
      }
      int b = Math.min(BINS - 1, (int) Math.floor(p * BINS));
      bins[b][0]++;
      sum[b] += p;
      double y = success[i] ? 1 : 0;
      if (success[i]) {
        bins[b][1]++;
        if (p < LOW) {
          doubtedSuccesses++;
        }
      } else if (p >= HIGH) {
        confidentFailures++;
      }
      brier += (p - y) * (p - y);
    }
    double[] mean = new double[BINS];
    for (int b = 0; b < BINS; b++) {
      mean[b] = bins[b][0] > 0 ? sum[b] / bins[b][0] : Double.NaN;
    }
    return new ReliabilityTable(name, bins, mean, brier / predicted.length, predicted.length, confidentFailures,
        doubtedSuccesses);
  }

  /** A plain-text table (markdown). */
  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s: %d cases, Brier %.4f, failures with confidence >= %.1f: %d, "
        + "successes with confidence < %.1f: %d%n", name, cases, brier, HIGH, confidentFailures, LOW, doubtedSuccesses));
    b.append("| predicted | cases | mean predicted | observed success |\n");
    b.append("|---|---|---|---|\n");
    for (int i = 0; i < BINS; i++) {
      if (bins[i][0] == 0) {
        continue;
      }
      b.append(String.format(Locale.ROOT, "| %.1f-%.1f | %d | %.3f | %.3f (%d/%d) |%n", i / (double) BINS,
          (i + 1) / (double) BINS, bins[i][0], meanPredicted[i], bins[i][1] / (double) bins[i][0], bins[i][1],
          bins[i][0]));
    }
    return b.toString();
  }

  public JsonObject toJson() {
    JsonArray rows = new JsonArray();
    for (int i = 0; i < BINS; i++) {
      rows.add(new JsonObject().put("from", i / (double) BINS).put("to", (i + 1) / (double) BINS)
          .put("cases", bins[i][0]).put("successes", bins[i][1])
          .put("meanPredicted", bins[i][0] > 0 ? meanPredicted[i] : null));
    }
    return new JsonObject().put("name", name).put("cases", cases).put("brier", brier)
        .put("confidentFailures", confidentFailures).put("doubtedSuccesses", doubtedSuccesses).put("bins", rows);
  }
}
