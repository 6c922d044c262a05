package cathnav.core.registration.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Aggregates of a registration bench run.
 *
 * @param cases number of cases
 * @param successRate fraction with final mTRE under {@link BenchCase#SUCCESS_MTRE_MM}
 * @param medianMtreMm median final mTRE, mm
 * @param meanMtreMm mean final mTRE, mm
 * @param p95MtreMm 95th percentile of final mTRE, mm
 * @param medianSuccessfulMtreMm median final mTRE of the successful cases, mm
 * @param medianProjectionErrorMm median projection distance error, mm at the isocentre
 * @param medianTimeMs median registration time, ms
 * @param p95TimeMs 95th percentile of registration time, ms
 * @param medianStartMtreMm median start mTRE, mm
 * @param captureRangeMm largest start mTRE up to which every 5 mm band of start mTRE succeeded in at least 95 %
 *     of its cases, mm
 * @param bands success per 5 mm band of start mTRE: {@code [upper edge mm, cases, successes]}
 */
public record BenchSummary(
    int cases,
    double successRate,
    double medianMtreMm,
    double meanMtreMm,
    double p95MtreMm,
    double medianSuccessfulMtreMm,
    double medianProjectionErrorMm,
    double medianTimeMs,
    double p95TimeMs,
    double medianStartMtreMm,
    double captureRangeMm,
    int[][] bands) {

  /** Width of a start-mTRE band, mm. */
  public static final double BAND_MM = 5;

  public static BenchSummary of(List<BenchCase> cases) {
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("no bench cases to summarise");
    }
    double[] mtre = cases.stream().mapToDouble(BenchCase::finalMtreMm).sorted().toArray();
    double[] ok = cases.stream().filter(BenchCase::success).mapToDouble(BenchCase::finalMtreMm).sorted().toArray();
    double[] pde = cases.stream().mapToDouble(BenchCase::projectionErrorMm).sorted().toArray();
    double[] time = cases.stream().mapToDouble(BenchCase::timeMs).sorted().toArray();
    double[] start = cases.stream().mapToDouble(BenchCase::startMtreMm).sorted().toArray();
    long successes = cases.stream().filter(BenchCase::success).count();
    int nBands = (int) Math.ceil(start[start.length - 1] / BAND_MM) + 1;
    int[][] bands = new int[nBands][3];
    for (int b = 0; b < nBands; b++) {
      bands[b][0] = (int) ((b + 1) * BAND_MM);
    }
    for (BenchCase c : cases) {
      int b = (int) Math.floor(c.startMtreMm() / BAND_MM);
      bands[b][1]++;
      if (c.success()) {
        bands[b][2]++;
      }
    }
    double capture = 0;
    for (int[] band : bands) {
      if (band[1] > 0 && band[2] < 0.95 * band[1]) {
        break;
      }
      if (band[1] > 0) {
        capture = band[0];
      }
    }
    return new BenchSummary(cases.size(), (double) successes / cases.size(), quantile(mtre, 0.5),
        Arrays.stream(mtre).average().orElse(Double.NaN), quantile(mtre, 0.95),
        ok.length > 0 ? quantile(ok, 0.5) : Double.NaN, quantile(pde, 0.5), quantile(time, 0.5),
        quantile(time, 0.95), quantile(start, 0.5), capture, bands);
  }

  /** Linear-interpolated quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** A plain-text table. */
  public String table(String backend, String device) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "registration bench: %d cases, backend=%s (%s)%n", cases, backend, device));
    b.append(String.format(Locale.ROOT, "| %-40s | %12s |%n", "metric", "value"));
    b.append(String.format(Locale.ROOT, "|%s|%s|%n", "-".repeat(42), "-".repeat(14)));
    row(b, "success rate (mTRE < 2 mm)", String.format(Locale.ROOT, "%.1f %%", 100 * successRate));
    row(b, "median mTRE, mm", fmt(medianMtreMm));
    row(b, "mean mTRE, mm", fmt(meanMtreMm));
    row(b, "95th pct mTRE, mm", fmt(p95MtreMm));
    row(b, "median mTRE of successes, mm", fmt(medianSuccessfulMtreMm));
    row(b, "median projection error, mm at iso", fmt(medianProjectionErrorMm));
    row(b, "median start mTRE, mm", fmt(medianStartMtreMm));
    row(b, "capture range (start mTRE, >=95 % ok), mm", fmt(captureRangeMm));
    row(b, "median time per registration, ms", String.format(Locale.ROOT, "%.0f", medianTimeMs));
    row(b, "95th pct time per registration, ms", String.format(Locale.ROOT, "%.0f", p95TimeMs));
    b.append(String.format(Locale.ROOT, "success by start mTRE band:%n"));
    for (int i = 0; i < bands.length; i++) {
      if (bands[i][1] > 0) {
        b.append(String.format(Locale.ROOT, "  %4.0f-%-4.0f mm: %d/%d%n", bands[i][0] - BAND_MM, (double) bands[i][0],
            bands[i][2], bands[i][1]));
      }
    }
    return b.toString();
  }

  private static void row(StringBuilder b, String name, String value) {
    b.append(String.format(Locale.ROOT, "| %-40s | %12s |%n", name, value));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  public JsonObject toJson() {
    JsonArray bandJson = new JsonArray();
    for (int[] band : bands) {
      bandJson.add(new JsonObject().put("startMtreUpToMm", band[0]).put("cases", band[1]).put("successes", band[2]));
    }
    return new JsonObject()
        .put("cases", cases)
        .put("successRate", successRate)
        .put("medianMtreMm", medianMtreMm)
        .put("meanMtreMm", meanMtreMm)
        .put("p95MtreMm", p95MtreMm)
        .put("medianSuccessfulMtreMm", medianSuccessfulMtreMm)
        .put("medianProjectionErrorMm", medianProjectionErrorMm)
        .put("medianTimeMs", medianTimeMs)
        .put("p95TimeMs", p95TimeMs)
        .put("medianStartMtreMm", medianStartMtreMm)
        .put("captureRangeMm", captureRangeMm)
        .put("bands", bandJson);
  }
}
