package cathnav.core.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class ConfidenceCalibrationTest {

  /** Evidence with the given relative similarity on a frame of the given ceiling (neighbours 0.1 lower). */
  private static RegistrationEvidence evidence(double relative, double ceiling) {
    double s = relative * ceiling;
    return new RegistrationEvidence(s, 0.01, 0.012, 1, ceiling, s - 0.1 * ceiling, s - 0.05 * ceiling);
  }

  @Property(tries = 300)
  void shippedConfidenceNeverFallsAsTheRelativeSimilarityRises(
      @ForAll @DoubleRange(min = 0.3, max = 1) double ceiling,
      @ForAll @DoubleRange(min = 0, max = 1.1) double relative,
      @ForAll @DoubleRange(min = 0, max = 0.2) double step) {
    ConfidenceCalibration shipped = ConfidenceCalibration.load();
    double lo = shipped.confidence(evidence(relative, ceiling));
    double hi = shipped.confidence(evidence(relative + step, ceiling));
    assertTrue(hi >= lo, "lo=" + lo + ", hi=" + hi);
    assertTrue(lo >= 0 && hi <= 1);
  }

  @Test
  void fitRecoversTheCoefficientsOfALogisticModel() {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    SplittableRandom r = new SplittableRandom(seed);
    int n = 20000;
    List<RegistrationEvidence> ev = new ArrayList<>();
    boolean[] ok = new boolean[n];
    for (int i = 0; i < n; i++) {
      double ceiling = r.nextDouble(0.5, 1);
      double relative = r.nextDouble(0.5, 1.05);
      RegistrationEvidence e = evidence(relative, ceiling);
      double z = -40 + 45 * relative - 3 * ceiling;
      ok[i] = r.nextDouble() < 1 / (1 + Math.exp(-z));
      ev.add(e);
    }
    ConfidenceCalibration c = ConfidenceCalibration.fit(ev, ok,
        List.of(ConfidenceFeature.RELATIVE_SIMILARITY, ConfidenceFeature.CEILING), "test", null);
    assertEquals(45, c.weight(ConfidenceFeature.RELATIVE_SIMILARITY), 4.5, "seed=" + seed);
    assertEquals(-3, c.weight(ConfidenceFeature.CEILING), 1.5, "seed=" + seed);
    assertEquals(-40, c.intercept(), 4.5, "seed=" + seed);
  }

  @Test
  void fitDropsAFeatureWhoseWeightComesOutAgainstItsSign() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 2000;
    List<RegistrationEvidence> ev = new ArrayList<>();
    boolean[] ok = new boolean[n];
    for (int i = 0; i < n; i++) {
      double similarity = r.nextDouble(0.5, 1);
      // success falls with the similarity: a monotone model must not follow it
      ok[i] = r.nextDouble() < 1.5 - similarity;
      ev.add(evidence(similarity, 1));
    }
    ConfidenceCalibration c = ConfidenceCalibration.fit(ev, ok,
        List.of(ConfidenceFeature.SIMILARITY, ConfidenceFeature.CEILING), "test", null);
    assertFalse(c.features().contains(ConfidenceFeature.SIMILARITY));
  }

  @Test
  void rejectsAWeightAgainstTheFeaturesSign() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConfidenceCalibration(
        List.of(ConfidenceFeature.RELATIVE_SIMILARITY), new double[] {-1}, 0, "bad", null));
    assertTrue(e.getMessage().contains("feature=relativeSimilarity"), e.getMessage());
  }

  @Test
  void rejectsAResourceWithAnUnknownFeatureNamingTheSource() {
    JsonObject o = ConfidenceCalibration.load().toJson();
    o.put("features", new JsonArray().add("sparkle"));
    o.put("weights", new JsonArray().add(1.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfidenceCalibration.fromJson(o, "test.json"));
    assertTrue(e.getMessage().contains("source=test.json") && e.getMessage().contains("sparkle"), e.getMessage());
  }

  @Test
  void rejectsAResourceWithoutWeights() {
    JsonObject o = ConfidenceCalibration.load().toJson();
    o.remove("weights");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfidenceCalibration.fromJson(o, "test.json"));
    assertTrue(e.getMessage().contains("weights"), e.getMessage());
  }

  @Test
  void rejectsTheOldSimilarityTableFormat() {
    JsonObject old = new JsonObject().put("similarity", new JsonArray().add(0.8).add(0.9))
        .put("pSuccess", new JsonArray().add(0.0).add(1.0));
    assertThrows(IllegalArgumentException.class, () -> ConfidenceCalibration.fromJson(old, "old.json"));
  }

  @Test
  void shippedModelRecordsHowItWasMade() {
    JsonObject p = ConfidenceCalibration.load().provenance();
    assertTrue(p.getString("commandLine", "").startsWith("cathnav bench registration calibrate"), p.encode());
    assertTrue(p.getInteger("cases", 0) >= 100, p.encode());
    assertTrue(p.getInteger("heldOutCases", 0) > 0, p.encode());
    assertFalse(p.getJsonArray("sources").isEmpty(), p.encode());
  }

  @Test
  void shippedModelRoundTripsThroughJson() {
    ConfidenceCalibration shipped = ConfidenceCalibration.load();
    ConfidenceCalibration copy = ConfidenceCalibration.fromJson(shipped.toJson(), "copy");
    for (double rel = 0.5; rel <= 1.05; rel += 0.01) {
      RegistrationEvidence e = evidence(rel, 0.9);
      assertEquals(shipped.confidence(e), copy.confidence(e), 0);
    }
  }

  @Test
  void notANumberSimilarityGivesZeroConfidence() {
    ConfidenceCalibration c = new ConfidenceCalibration(List.of(ConfidenceFeature.SIMILARITY), new double[] {10}, -5,
        "t", null);
    assertEquals(0, c.confidence(new RegistrationEvidence(Double.NaN, 0.01, 0.01, 1, 0.9, 0.5, 0.6)), 0);
  }
}
