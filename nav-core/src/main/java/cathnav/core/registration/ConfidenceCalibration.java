package cathnav.core.registration;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The probability that a registration is right (mTRE under 2 mm) given its {@link RegistrationEvidence}: a
 * logistic model {@code P = 1 / (1 + exp(-(b + sum w_i f_i)))} over {@link ConfidenceFeature}s, fitted by
 * {@code cathnav bench registration calibrate} on simulated cases with known truth at several noise levels, gains,
 * with and without a lead, and shipped as the resource {@value #RESOURCE} together with how it was made.
 *
 * <p>Monotone by construction: a feature whose direction is known (similarities and sharpness can only raise the
 * confidence, an ascent can only lower it) must carry a weight of that sign; {@link #fit} drops a feature whose
 * fitted weight has the wrong sign. Immutable and thread-safe.
 */
public final class ConfidenceCalibration {

  /** Class-path resource of the shipped model. */
  public static final String RESOURCE = "/cathnav/core/registration/confidence.json";

  /** Format tag of the resource. */
  static final String MODEL = "logistic";

  private final List<ConfidenceFeature> features;
  private final double[] weights;
  private final double intercept;
  private final String description;
  private final JsonObject provenance;

  /**
   * @param features the features weighed, distinct
   * @param weights one finite weight per feature, of the feature's required sign
   * @param intercept finite
   * @param description what the model is and was fitted on
   * @param provenance how it was made (command line, cases, seeds), free-form
   */
  public ConfidenceCalibration(List<ConfidenceFeature> features, double[] weights, double intercept,
      String description, JsonObject provenance) {
    Objects.requireNonNull(features, "features");
    if (features.isEmpty() || features.size() != weights.length || EnumSet.copyOf(features).size() != features.size()) {
      throw new IllegalArgumentException("confidence model needs distinct features with one weight each, features="
          + features + ", weights=" + weights.length);
    }
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("confidence model intercept must be finite, intercept=" + intercept);
    }
    for (int i = 0; i < weights.length; i++) {
      if (!Double.isFinite(weights[i]) || direction(features.get(i)) * weights[i] < 0) {
        throw new IllegalArgumentException("confidence model weight must be finite and of the feature's sign, feature="
            + features.get(i).key() + ", weight=" + weights[i] + ", requiredSign=" + direction(features.get(i)));
      }
    }
    this.features = List.copyOf(features);
    this.weights = weights.clone();
    this.intercept = intercept;
    this.description = Objects.requireNonNullElse(description, "");
    this.provenance = provenance == null ? new JsonObject() : provenance.copy();
  }

  /**
   * The sign a feature's weight must have: +1 for evidence of a right pose, -1 for evidence of a wrong one, 0 for
   * either (the noise ceiling only modulates the others).
   */
  static int direction(ConfidenceFeature f) {
    return switch (f) {
      case SIMILARITY, RELATIVE_SIMILARITY, MEAN_SQUARE_RELATIVE_SIMILARITY, RELATIVE_SHARPNESS -> 1;
      case RELATIVE_ASCENT -> -1;
      case CEILING, MEAN_SQUARE_CEILING -> 0;
    };
  }

  /** The shipped model. */
  public static ConfidenceCalibration load() {
    try (InputStream in = ConfidenceCalibration.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("confidence model missing from the class path, resource=" + RESOURCE);
      }
      return fromJson(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read confidence model, resource=" + RESOURCE, e);
    } catch (DecodeException e) {
      throw new IllegalStateException("confidence model is not JSON, resource=" + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code {"model": "logistic", "features": [...], "weights": [...], "intercept": b, "description": "...",
   * "provenance": {...}}}.
   *
   * @param source where the JSON came from, named in errors
   * @throws IllegalArgumentException naming the source and field when a field is missing or invalid
   */
  public static ConfidenceCalibration fromJson(JsonObject o, String source) {
    try {
      if (!MODEL.equals(o.getString("model"))) {
        throw new IllegalArgumentException("field model must be \"" + MODEL + "\", model=" + o.getValue("model"));
      }
      JsonArray f = Objects.requireNonNull(o.getJsonArray("features"), "field features missing");
      JsonArray w = Objects.requireNonNull(o.getJsonArray("weights"), "field weights missing");
      Number b = Objects.requireNonNull(o.getNumber("intercept"), "field intercept missing");
      List<ConfidenceFeature> fs = new ArrayList<>();
      for (int i = 0; i < f.size(); i++) {
        fs.add(ConfidenceFeature.byKey(f.getString(i)));
      }
      double[] wv = new double[w.size()];
      for (int i = 0; i < wv.length; i++) {
        wv[i] = w.getDouble(i);
      }
      return new ConfidenceCalibration(fs, wv, b.doubleValue(), o.getString("description", ""),
          o.getJsonObject("provenance"));
    } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
      throw new IllegalArgumentException("invalid confidence model, source=" + source + ": " + e.getMessage(), e);
    }
  }

  public JsonObject toJson() {
    JsonArray f = new JsonArray();
    JsonArray w = new JsonArray();
    for (int i = 0; i < features.size(); i++) {
      f.add(features.get(i).key());
      w.add(weights[i]);
    }
    return new JsonObject()
        .put("model", MODEL)
        .put("description", description)
        .put("features", f)
        .put("weights", w)
        .put("intercept", intercept)
        .put("provenance", provenance.copy());
  }

  /**
   * Fits the model by maximum likelihood ({@link LogisticFit}); a feature whose weight comes out against its
   * required sign is dropped and the rest refitted, so the result is always monotone.
   *
   * @throws IllegalArgumentException if there are no cases, the counts disagree, or no feature survives
   */
  public static ConfidenceCalibration fit(List<RegistrationEvidence> evidence, boolean[] success,
      List<ConfidenceFeature> features, String description, JsonObject provenance) {
    if (evidence.isEmpty() || evidence.size() != success.length) {
      throw new IllegalArgumentException("need one outcome per case, cases=" + evidence.size() + ", outcomes="
          + success.length);
    }
    List<ConfidenceFeature> kept = new ArrayList<>(features);
    while (!kept.isEmpty()) {
      double[][] x = new double[evidence.size()][kept.size()];
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < kept.size(); j++) {
          x[i][j] = kept.get(j).of(evidence.get(i));
        }
      }
      double[] beta = LogisticFit.fit(x, success);
      int wrong = -1;
      for (int j = 0; j < kept.size(); j++) {
        if (direction(kept.get(j)) * beta[j + 1] < 0) {
          wrong = j;
          break;
        }
      }
      if (wrong < 0) {
        return new ConfidenceCalibration(kept, Arrays.copyOfRange(beta, 1, beta.length), beta[0],
            description, provenance);
      }
      kept.remove(wrong);
    }
    throw new IllegalArgumentException("no feature kept its required sign, features=" + features);
  }

  /** The linear score {@code b + sum w_i f_i} (the log-odds of success). */
  public double score(RegistrationEvidence e) {
    double z = intercept;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * features.get(i).of(e);
    }
    return z;
  }

  /** P(mTRE under 2 mm) in [0, 1]; 0 when the evidence is not finite (for example a NaN similarity). */
  public double confidence(RegistrationEvidence e) {
    double z = score(e);
    if (Double.isNaN(z)) {
      return 0;
    }
    return 1 / (1 + Math.exp(-z));
  }

  public List<ConfidenceFeature> features() {
    return features;
  }

  /** The weight of {@code f}, 0 when the model does not use it. */
  public double weight(ConfidenceFeature f) {
    int i = features.indexOf(f);
    return i < 0 ? 0 : weights[i];
  }

  public double intercept() {
    return intercept;
  }

  public String description() {
    return description;
  }

  /** How the model was made (a copy). */
  public JsonObject provenance() {
    return provenance.copy();
  }
}
