package cathnav.core.registration.bench;

import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.ConfidenceFeature;
import cathnav.core.registration.IsotonicTable;
import cathnav.core.registration.RegistrationEvidence;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Fits the confidence model on part of a set of bench cases and checks it on the rest: every
 * {@code holdoutEvery}-th case (in the pooled order) is held out. On the held-out cases it compares the new model
 * with the similarity-only table shipped before it (fitted at one noise level) and with a similarity-only isotonic
 * table refitted on the same fit cases (so that any gain is the evidence's, not the refit's): reliability tables,
 * Brier scores overall and per condition (noise band, lead, tracking update), and the held-out Brier score and log
 * loss of each candidate feature set.
 *
 * @param model the fitted model (to ship)
 * @param fitCases cases the model was fitted on
 * @param heldOutCases cases it was checked on
 * @param reliability held-out reliability: the shipped-before table (when given), the refitted similarity table,
 *     the new model
 * @param byCondition held-out Brier score per condition, one row per condition: name, cases, successes, then one
 *     Brier score per entry of {@code reliability}
 * @param candidates held-out {@code {Brier, log loss}} of each candidate feature set, fitted on the fit cases
 */
public record CalibrationStudy(
    ConfidenceCalibration model,
    int fitCases,
    int heldOutCases,
    List<ReliabilityTable> reliability,
    List<ConditionRow> byCondition,
    List<CandidateRow> candidates) {

  /** Held-out Brier scores of one condition. */
  public record ConditionRow(String condition, int cases, int successes, double[] brier) {}

  /**
   * Held-out scores of a candidate feature set.
   *
   * @param requested the set tried
   * @param features the features kept by the fit (those whose weight came out against their sign are dropped)
   */
  public record CandidateRow(List<ConfidenceFeature> requested, List<ConfidenceFeature> features, double brier,
      double logLoss) {}

  /** Feature sets compared on the held-out cases. */
  public static final List<List<ConfidenceFeature>> CANDIDATES = List.of(
      List.of(ConfidenceFeature.SIMILARITY),
      List.of(ConfidenceFeature.RELATIVE_SIMILARITY),
      List.of(ConfidenceFeature.MEAN_SQUARE_RELATIVE_SIMILARITY),
      List.of(ConfidenceFeature.SIMILARITY, ConfidenceFeature.CEILING),
      List.of(ConfidenceFeature.RELATIVE_SIMILARITY, ConfidenceFeature.CEILING),
      List.of(ConfidenceFeature.RELATIVE_SIMILARITY, ConfidenceFeature.RELATIVE_SHARPNESS),
      List.of(ConfidenceFeature.RELATIVE_SIMILARITY, ConfidenceFeature.RELATIVE_SHARPNESS,
          ConfidenceFeature.RELATIVE_ASCENT),
      List.of(ConfidenceFeature.RELATIVE_SIMILARITY, ConfidenceFeature.CEILING, ConfidenceFeature.RELATIVE_SHARPNESS,
          ConfidenceFeature.RELATIVE_ASCENT),
      List.of(ConfidenceFeature.SIMILARITY, ConfidenceFeature.CEILING, ConfidenceFeature.RELATIVE_SHARPNESS,
          ConfidenceFeature.RELATIVE_ASCENT),
      List.of(ConfidenceFeature.MEAN_SQUARE_RELATIVE_SIMILARITY, ConfidenceFeature.MEAN_SQUARE_CEILING,
          ConfidenceFeature.RELATIVE_SHARPNESS, ConfidenceFeature.RELATIVE_ASCENT),
      List.of(ConfidenceFeature.values()));

  /**
   * @param cases bench cases with evidence
   * @param holdoutEvery every this-many-th case is held out (at least 2)
   * @param features the features of the model to fit
   * @param baseline the table shipped before, or {@code null}
   * @throws IllegalArgumentException if a case lacks evidence, or either part lacks a success or a failure
   */
  public static CalibrationStudy run(List<BenchCase> cases, int holdoutEvery, List<ConfidenceFeature> features,
      IsotonicTable baseline, String description, JsonObject provenance) {
    if (holdoutEvery < 2) {
      throw new IllegalArgumentException("holdoutEvery must be at least 2, holdoutEvery=" + holdoutEvery);
    }
    List<BenchCase> fit = new ArrayList<>();
    List<BenchCase> held = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      BenchCase c = cases.get(i);
      if (c.evidence() == null) {
        throw new IllegalArgumentException("bench case has no evidence (recorded before it was), position=" + i
            + ", index=" + c.index());
      }
      (i % holdoutEvery == holdoutEvery - 1 ? held : fit).add(c);
    }
    requireBothOutcomes(fit, "fit");
    requireBothOutcomes(held, "held-out");
    boolean[] fitOk = outcomes(fit);
    boolean[] heldOk = outcomes(held);
    List<RegistrationEvidence> fitEvidence = fit.stream().map(BenchCase::evidence).toList();
    JsonObject prov = provenance.copy().put("fitCases", fit.size()).put("heldOutCases", held.size())
        .put("holdoutEvery", holdoutEvery);
    ConfidenceCalibration model = ConfidenceCalibration.fit(fitEvidence, fitOk, features, description, prov);
    IsotonicTable refit = IsotonicTable.fit(fit.stream().mapToDouble(c -> c.evidence().similarity()).toArray(),
        fitOk, "similarity-only isotonic table refitted on the fit cases");

    List<String> names = new ArrayList<>();
    List<ToDoubleFunction<BenchCase>> predictors = new ArrayList<>();
    if (baseline != null) {
      names.add("similarity-only table shipped before (one noise level)");
      predictors.add(c -> baseline.confidence(c.evidence().similarity()));
    }
    names.add("similarity-only isotonic refit on these fit cases");
    predictors.add(c -> refit.confidence(c.evidence().similarity()));
    names.add("new model " + model.features().stream().map(ConfidenceFeature::key).toList());
    predictors.add(c -> model.confidence(c.evidence()));

    List<ReliabilityTable> tables = reliability(held, names, predictors);
    List<ConditionRow> rows = conditionRows(held, predictors);

    List<CandidateRow> candidates = new ArrayList<>();
    for (List<ConfidenceFeature> set : CANDIDATES) {
      ConfidenceCalibration m = ConfidenceCalibration.fit(fitEvidence, fitOk, set, "candidate", new JsonObject());
      double[] p = predict(held, c -> m.confidence(c.evidence()));
      candidates.add(new CandidateRow(set, m.features(), ReliabilityTable.of("", p, heldOk).brier(),
          logLoss(p, heldOk)));
    }
    return new CalibrationStudy(model, fit.size(), held.size(), tables, rows, List.copyOf(candidates));
  }

  /**
   * Checks a shipped model on new cases without fitting anything (for example cases at imaging conditions or from
   * a frame source it was not fitted on): every case is held out; the comparison is with {@code baseline}.
   *
   * @throws IllegalArgumentException if a case lacks evidence or the cases lack a success or a failure
   */
  public static CalibrationStudy check(List<BenchCase> cases, ConfidenceCalibration model, IsotonicTable baseline) {
    for (int i = 0; i < cases.size(); i++) {
      if (cases.get(i).evidence() == null) {
        throw new IllegalArgumentException("bench case has no evidence (recorded before it was), position=" + i
            + ", index=" + cases.get(i).index());
      }
    }
    requireBothOutcomes(cases, "checked");
    List<String> names = new ArrayList<>();
    List<ToDoubleFunction<BenchCase>> predictors = new ArrayList<>();
    if (baseline != null) {
      names.add("similarity-only table shipped before (one noise level)");
      predictors.add(c -> baseline.confidence(c.evidence().similarity()));
    }
    names.add("model " + model.features().stream().map(ConfidenceFeature::key).toList());
    predictors.add(c -> model.confidence(c.evidence()));
    return new CalibrationStudy(model, 0, cases.size(), reliability(cases, names, predictors),
        conditionRows(cases, predictors), List.of());
  }

  private static List<ReliabilityTable> reliability(List<BenchCase> cases, List<String> names,
      List<ToDoubleFunction<BenchCase>> predictors) {
    boolean[] ok = outcomes(cases);
    List<ReliabilityTable> tables = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      tables.add(ReliabilityTable.of(names.get(k), predict(cases, predictors.get(k)), ok));
    }
    return List.copyOf(tables);
  }

  private static List<ConditionRow> conditionRows(List<BenchCase> held, List<ToDoubleFunction<BenchCase>> predictors) {
    List<ConditionRow> rows = new ArrayList<>();
    addRow(rows, "counts < 500", held, c -> c.unattenuatedCounts() < 500, predictors);
    addRow(rows, "counts 500-2000", held, c -> c.unattenuatedCounts() >= 500 && c.unattenuatedCounts() < 2000,
        predictors);
    addRow(rows, "counts 2000-8000", held, c -> c.unattenuatedCounts() >= 2000 && c.unattenuatedCounts() < 8000,
        predictors);
    addRow(rows, "counts >= 8000", held, c -> c.unattenuatedCounts() >= 8000, predictors);
    addRow(rows, "gain < 1", held, c -> c.gain() < 1, predictors);
    addRow(rows, "gain >= 1", held, c -> c.gain() >= 1, predictors);
    addRow(rows, "with lead", held, BenchCase::lead, predictors);
    addRow(rows, "without lead", held, c -> !c.lead(), predictors);
    addRow(rows, "full registration", held, c -> !c.trackingUpdate(), predictors);
    addRow(rows, "tracking update", held, BenchCase::trackingUpdate, predictors);
    return List.copyOf(rows);
  }

  private static void requireBothOutcomes(List<BenchCase> cases, String part) {
    long ok = cases.stream().filter(BenchCase::success).count();
    if (ok == 0 || ok == cases.size()) {
      throw new IllegalArgumentException("the " + part + " cases need successes and failures, cases=" + cases.size()
          + ", successes=" + ok);
    }
  }

  private static boolean[] outcomes(List<BenchCase> cases) {
    boolean[] ok = new boolean[cases.size()];
    for (int i = 0; i < ok.length; i++) {
      ok[i] = cases.get(i).success();
    }
    return ok;
  }

  private static double[] predict(List<BenchCase> cases, ToDoubleFunction<BenchCase> predictor) {
    return cases.stream().mapToDouble(predictor).toArray();
  }

  private static void addRow(List<ConditionRow> rows, String name, List<BenchCase> held, Predicate<BenchCase> which,
      List<ToDoubleFunction<BenchCase>> predictors) {
    List<BenchCase> part = held.stream().filter(which).toList();
    if (part.isEmpty()) {
      return;
    }
    boolean[] ok = outcomes(part);
    double[] brier = new double[predictors.size()];
    for (int k = 0; k < brier.length; k++) {
      brier[k] = ReliabilityTable.of(name, predict(part, predictors.get(k)), ok).brier();
    }
    rows.add(new ConditionRow(name, part.size(), (int) part.stream().filter(BenchCase::success).count(), brier));
  }

  /** Mean negative log-likelihood, predictions clipped to [1e-6, 1 - 1e-6]. */
  static double logLoss(double[] p, boolean[] ok) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double q = Math.min(1 - 1e-6, Math.max(1e-6, p[i]));
      s -= ok[i] ? Math.log(q) : Math.log(1 - q);
    }
    return s / p.length;
  }

  /** The report as plain text (markdown tables). */
  public String report() {
    StringBuilder b = new StringBuilder();
    b.append(fitCases > 0
        ? String.format(Locale.ROOT, "confidence calibration: fitted on %d cases, checked on %d held-out cases%n",
            fitCases, heldOutCases)
        : String.format(Locale.ROOT, "confidence model checked on %d cases (none of them fitted on here)%n",
            heldOutCases));
    b.append(String.format(Locale.ROOT, "model: features=%s, weights=%s, intercept=%.4f%n%n",
        model.features().stream().map(ConfidenceFeature::key).toList(),
        model.features().stream().map(f -> String.format(Locale.ROOT, "%.4f", model.weight(f))).toList(),
        model.intercept()));
    for (ReliabilityTable t : reliability) {
      b.append(t.table()).append('\n');
    }
    b.append("held-out Brier score by condition:\n| condition | cases | successes |");
    for (int k = 0; k < reliability.size(); k++) {
      b.append(" model ").append(k + 1).append(" |");
    }
    b.append('\n').append("|---|---|---|").append("---|".repeat(reliability.size())).append('\n');
    for (ConditionRow r : byCondition) {
      b.append(String.format(Locale.ROOT, "| %s | %d | %d |", r.condition(), r.cases(), r.successes()));
      for (double v : r.brier()) {
        b.append(String.format(Locale.ROOT, " %.4f |", v));
      }
      b.append('\n');
    }
    b.append("(models in the order of the reliability tables above)\n\n");
    if (candidates.isEmpty()) {
      return b.toString();
    }
    b.append("candidate feature sets (fitted on the fit cases, scored on the held-out ones):\n");
    b.append("| features tried | kept (sign-consistent) | Brier | log loss |\n|---|---|---|---|\n");
    for (CandidateRow c : candidates) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f |%n",
          c.requested().stream().map(ConfidenceFeature::key).toList(),
          c.requested().equals(c.features()) ? "all" : c.features().stream().map(ConfidenceFeature::key).toList(),
          c.brier(), c.logLoss()));
    }
    return b.toString();
  }

  public JsonObject toJson() {
    JsonArray tables = new JsonArray();
    reliability.forEach(t -> tables.add(t.toJson()));
    JsonArray rows = new JsonArray();
    for (ConditionRow r : byCondition) {
      JsonArray brier = new JsonArray();
      for (double v : r.brier()) {
        brier.add(v);
      }
      rows.add(new JsonObject().put("condition", r.condition()).put("cases", r.cases())
          .put("successes", r.successes()).put("brier", brier));
    }
    JsonArray cands = new JsonArray();
    for (CandidateRow c : candidates) {
      cands.add(new JsonObject()
          .put("requested", new JsonArray(c.requested().stream().map(ConfidenceFeature::key).toList()))
          .put("features", new JsonArray(c.features().stream().map(ConfidenceFeature::key).toList()))
          .put("brier", c.brier()).put("logLoss", c.logLoss()));
    }
    return new JsonObject().put("model", model.toJson()).put("fitCases", fitCases)
        .put("heldOutCases", heldOutCases).put("reliability", tables).put("byCondition", rows)
        .put("candidates", cands);
  }
}
