package cathnav.core.registration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A monotone, piecewise-linear map from one score to the probability of success, fitted by isotonic regression:
 * the confidence model before noise-relative evidence (similarity only, fitted at one noise level), kept to compare
 * against in {@code cathnav bench registration calibrate} and to read the old table ({@code "similarity"} and
 * {@code "pSuccess"} knots). Below the first knot the first probability holds, above the last the last one.
 * Immutable and thread-safe.
 */
public final class IsotonicTable {

  private final double[] similarity;
  private final double[] probability;
  private final String description;

  /**
   * @param similarity knots, strictly increasing
   * @param probability P(success) at each knot, non-decreasing, in [0, 1]
   */
  public IsotonicTable(double[] similarity, double[] probability, String description) {
    if (similarity.length == 0 || similarity.length != probability.length) {
      throw new IllegalArgumentException("calibration needs matching non-empty knots, similarity="
          + similarity.length + ", probability=" + probability.length);
    }
    for (int i = 0; i < similarity.length; i++) {
      if (!(probability[i] >= 0 && probability[i] <= 1)
          || (i > 0 && (!(similarity[i] > similarity[i - 1]) || probability[i] < probability[i - 1]))) {
        throw new IllegalArgumentException("calibration knots must increase with probabilities in [0, 1], knot=" + i);
      }
    }
    this.similarity = similarity.clone();
    this.probability = probability.clone();
    this.description = description;
  }

  /** Reads {@code {"similarity": [...], "pSuccess": [...], "description": "..."}}. */
  public static IsotonicTable fromJson(JsonObject o) {
    JsonArray s = o.getJsonArray("similarity");
    JsonArray p = o.getJsonArray("pSuccess");
    double[] sv = new double[s.size()];
    double[] pv = new double[p.size()];
    for (int i = 0; i < sv.length; i++) {
      sv[i] = s.getDouble(i);
    }
    for (int i = 0; i < pv.length; i++) {
      pv[i] = p.getDouble(i);
    }
    return new IsotonicTable(sv, pv, o.getString("description", ""));
  }

  public JsonObject toJson() {
    JsonArray s = new JsonArray();
    JsonArray p = new JsonArray();
    for (int i = 0; i < similarity.length; i++) {
      s.add(similarity[i]);
      p.add(probability[i]);
    }
    return new JsonObject().put("description", description).put("similarity", s).put("pSuccess", p);
  }

  /**
   * Fits the table from outcomes: pool-adjacent-violators isotonic regression of success on similarity, giving
   * blocks of consecutive similarities with one success rate each; each block becomes knots at its smallest and
   * largest similarity, so the confidence is flat inside a block and rises linearly only across the gap between
   * one block's largest score and the next block's smallest (no credit is given beyond the observed scores).
   */
  public static IsotonicTable fit(double[] similarities, boolean[] success, String description) {
    if (similarities.length == 0 || similarities.length != success.length) {
      throw new IllegalArgumentException("need one outcome per similarity, similarities=" + similarities.length
          + ", outcomes=" + success.length);
    }
    Integer[] order = new Integer[similarities.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> similarities[i]));
    List<double[]> blocks = new ArrayList<>(); // {minSimilarity, maxSimilarity, successes, count}
    for (int idx : order) {
      double s = similarities[idx];
      blocks.add(new double[] {s, s, success[idx] ? 1 : 0, 1});
      while (blocks.size() > 1) {
        double[] last = blocks.get(blocks.size() - 1);
        double[] prev = blocks.get(blocks.size() - 2);
        if (prev[2] / prev[3] < last[2] / last[3]) {
          break;
        }
        prev[1] = last[1];
        prev[2] += last[2];
        prev[3] += last[3];
        blocks.remove(blocks.size() - 1);
      }
    }
    List<double[]> knots = new ArrayList<>();
    for (double[] b : blocks) {
      double p = b[2] / b[3];
      addKnot(knots, b[0], p);
      addKnot(knots, b[1], p);
    }
    double[] sv = knots.stream().mapToDouble(k -> k[0]).toArray();
    double[] pv = knots.stream().mapToDouble(k -> k[1]).toArray();
    return new IsotonicTable(sv, pv, description);
  }

  private static void addKnot(List<double[]> knots, double s, double p) {
    if (!knots.isEmpty() && !(s > knots.get(knots.size() - 1)[0])) {
      double[] last = knots.get(knots.size() - 1);
      last[1] = Math.max(last[1], p);
    } else {
      knots.add(new double[] {s, p});
    }
  }

  /** P(success) for a score (NaN: 0). */
  public double confidence(double sim) {
    if (Double.isNaN(sim)) {
      return 0;
    }
    if (sim <= similarity[0]) {
      return probability[0];
    }
    int last = similarity.length - 1;
    if (sim >= similarity[last]) {
      return probability[last];
    }
    int i = Arrays.binarySearch(similarity, sim);
    if (i >= 0) {
      return probability[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double f = (sim - similarity[lo]) / (similarity[hi] - similarity[lo]);
    return probability[lo] + f * (probability[hi] - probability[lo]);
  }

  public String description() {
    return description;
  }
}
