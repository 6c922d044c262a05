package cathnav.core.registration.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.registration.ConfidenceCalibration;
import cathnav.core.registration.ConfidenceFeature;
import cathnav.core.registration.IsotonicTable;
import cathnav.core.registration.RegistrationEvidence;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationStudyTest {

  /**
   * Cases whose success depends on the noise-free similarity only, observed through noise that scales the raw
   * similarity by the frame's ceiling: a raw-similarity table cannot be calibrated across noise levels, a model of
   * the relative similarity can.
   */
  private static List<BenchCase> noisyCases(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<BenchCase> cases = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double counts = Math.exp(r.nextDouble(Math.log(150), Math.log(20000)));
      double ceiling = Math.sqrt(1 / (1 + 30 / counts));
      boolean ok = r.nextDouble() < 0.7;
      double clean = ok ? r.nextDouble(0.9, 1.0) : r.nextDouble(0.6, 0.93);
      double s = clean * ceiling;
      RegistrationEvidence e = new RegistrationEvidence(s, 0.01, 0.012, 1, ceiling, s - 0.05, s - 0.01);
      cases.add(new BenchCase(i, 0, 0, 10, 5, 10, ok ? 0.5 : 5, 0.1, s, 0.5, 1000, 300, counts, 1, i % 2 == 0,
          i % 3 == 0, e));
    }
    return cases;
  }

  @Test
  void relativeModelBeatsTheRawSimilarityTableOnHeldOutCasesAcrossNoiseLevels() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    CalibrationStudy study = CalibrationStudy.run(noisyCases(seed, 900), 3,
        List.of(ConfidenceFeature.RELATIVE_SIMILARITY), null, "test", new JsonObject());
    assertEquals(600, study.fitCases());
    assertEquals(300, study.heldOutCases());
    double refitBrier = study.reliability().get(0).brier();
    double newBrier = study.reliability().get(1).brier();
    System.out.printf("held-out Brier: similarity refit %.4f, relative model %.4f%n", refitBrier, newBrier);
    assertTrue(newBrier < refitBrier, "relative=" + newBrier + ", raw=" + refitBrier + ", seed=" + seed);
    assertTrue(study.report().contains("counts < 500"), study.report());
  }

  @Test
  void comparesWithTheBaselineTableWhenGiven() {
    IsotonicTable baseline = new IsotonicTable(new double[] {0.8, 0.9}, new double[] {0, 1}, "old");
    CalibrationStudy study = CalibrationStudy.run(noisyCases(5, 300), 3,
        List.of(ConfidenceFeature.RELATIVE_SIMILARITY), baseline, "test", new JsonObject());
    assertEquals(3, study.reliability().size());
    assertEquals(CalibrationStudy.CANDIDATES.size(), study.candidates().size());
    assertEquals(300, study.reliability().get(0).cases() * 3);
  }

  @Test
  void recordsTheSplitInTheModelsProvenance() {
    CalibrationStudy study = CalibrationStudy.run(noisyCases(9, 300), 4,
        List.of(ConfidenceFeature.RELATIVE_SIMILARITY), null, "test", new JsonObject().put("commandLine", "x"));
    JsonObject p = study.model().provenance();
    assertEquals(225, p.getInteger("fitCases"));
    assertEquals(75, p.getInteger("heldOutCases"));
    assertEquals("x", p.getString("commandLine"));
  }

  @Test
  void refittingTheRecordedCasesReproducesTheShippedModel() throws Exception {
    ConfidenceCalibration shipped = ConfidenceCalibration.load();
    List<BenchCase> cases = new ArrayList<>();
    JsonArray sources = shipped.provenance().getJsonArray("sources");
    for (int s = 0; s < sources.size(); s++) {
      String file = RECORDED_CASES + sources.getJsonObject(s).getString("file");
      try (InputStream in = getClass().getResourceAsStream(file)) {
        assertTrue(in != null, "recorded cases missing from the test resources, resource=" + file);
        JsonArray arr = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonArray("cases");
        for (int i = 0; i < arr.size(); i++) {
          cases.add(BenchCase.fromJson(arr.getJsonObject(i)));
        }
      }
    }
    JsonObject p = shipped.provenance();
    assertEquals(p.getInteger("cases"), cases.size());
    CalibrationStudy study = CalibrationStudy.run(cases, p.getInteger("holdoutEvery"), shipped.features(), null,
        "refit", new JsonObject());
    assertEquals(shipped.features(), study.model().features());
    for (ConfidenceFeature f : shipped.features()) {
      assertEquals(shipped.weight(f), study.model().weight(f), 1e-6 * Math.abs(shipped.weight(f)), f.key());
    }
    assertEquals(shipped.intercept(), study.model().intercept(), 1e-6 * Math.abs(shipped.intercept()));
  }

  /** Folder of the bench runs the shipped model was fitted on (its provenance names them and their commands). */
  private static final String RECORDED_CASES = "/cathnav/core/registration/bench/";

  @Test
  void checkScoresAGivenModelOnEveryCaseWithoutFitting() {
    ConfidenceCalibration model = new ConfidenceCalibration(List.of(ConfidenceFeature.RELATIVE_SIMILARITY),
        new double[] {60}, -55.5, "given", null);
    List<BenchCase> cases = noisyCases(13, 90);
    CalibrationStudy study = CalibrationStudy.check(cases, model, null);
    assertEquals(0, study.fitCases());
    assertEquals(90, study.heldOutCases());
    assertTrue(study.candidates().isEmpty());
    double brier = 0;
    for (BenchCase c : cases) {
      double p = model.confidence(c.evidence());
      brier += (p - (c.success() ? 1 : 0)) * (p - (c.success() ? 1 : 0));
    }
    assertEquals(brier / cases.size(), study.reliability().get(0).brier(), 1e-12);
  }

  @Test
  void refusesCasesWithoutEvidence() {
    List<BenchCase> cases = new ArrayList<>(noisyCases(1, 30));
    BenchCase c = cases.get(4);
    cases.set(4, new BenchCase(c.index(), 0, 0, 10, 5, 10, 0.5, 0.1, 0.9, 0.5, 1000, 300, 1000, 1, true, false, null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalibrationStudy.run(cases, 3,
        List.of(ConfidenceFeature.RELATIVE_SIMILARITY), null, "test", new JsonObject()));
    assertTrue(e.getMessage().contains("position=4"), e.getMessage());
  }
}
