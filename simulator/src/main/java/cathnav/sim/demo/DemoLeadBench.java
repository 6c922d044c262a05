package cathnav.sim.demo;

import cathnav.core.lead.FrameBinning;
import cathnav.core.lead.LeadDetection;
import cathnav.core.lead.LeadDetector;
import cathnav.core.lead.LeadDetectorOptions;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import cathnav.sim.FluoroscopySimulator;
import cathnav.sim.GroundTruth;
import cathnav.sim.SimulatedFrame;
import cathnav.sim.SimulatorOptions;
import cathnav.sim.detector.NoiseMode;
import cathnav.sim.scenario.Scenario;
import cathnav.sim.scenario.ScenarioFormatException;
import cathnav.sim.scenario.ScenarioTimeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * The pacing-lead detector on the demo's procedure, frame by frame as the service runs it: the demo scenario
 * ({@link SimulatedProcedure#scenario}: lead advancing 120 to 320 mm, breathing and heart beat, the C-arm moving from
 * AP to LAO 30 over 2 s at a third of the run), usually sped up; each frame binned as the service bins it
 * ({@link FrameBinning}) into one {@link LeadDetector} with {@link LeadDetectorOptions#PACING_LEAD}, reset on every
 * frame whose projection differs from the previous frame's (the service resets it when the C-arm moves). Each tip is
 * compared with {@link GroundTruth#leadTipPixel()} in mm at the isocentre.
 *
 * <p>Frames are rendered once (kept as 16-bit pixels), then detected twice: a warm-up pass and the measured pass.
 */
public final class DemoLeadBench {

  /** A found or confirmed tip farther than this from the truth is a wrong tip, mm at the isocentre. */
  public static final double WRONG_TIP_MM = 3;

  /**
   * One frame's outcome.
   *
   * @param timeS scenario time, s
   * @param phase where in the run: {@code AP}, {@code moving} (the projection differs from the previous frame's) or
   *     {@code LAO30} (the C-arm at rest away from AP)
   * @param truthU true tip column, pixels of the frame as rendered
   * @param truthV true tip row
   * @param insertionMm lead insertion, mm
   * @param detection the detector's answer, tip in the frame's own pixels
   * @param errorMm tip error at the isocentre, mm (NaN when not found)
   * @param ms detection time, ms (binning included)
   */
  public record Outcome(double timeS, String phase, double truthU, double truthV, double insertionMm,
      LeadDetection detection, double errorMm, double ms) {}

  /**
   * Summary over a set of frames.
   *
   * @param label which frames
   * @param frames frames counted
   * @param found tips reported ({@link LeadDetection#found()})
   * @param confirmed tips confirmed ({@link LeadDetection#tipConfirmed()})
   * @param foundErrorMm median, 90th percentile and largest error of found tips, mm (NaN when none)
   * @param confirmedErrorMm the same over confirmed tips
   * @param foundWrong found tips more than {@value #WRONG_TIP_MM} mm off
   * @param confirmedWrong confirmed tips more than {@value #WRONG_TIP_MM} mm off
   * @param p50Ms median detection time, ms
   * @param p90Ms 90th percentile detection time, ms
   */
  public record Summary(String label, int frames, int found, int confirmed, double[] foundErrorMm,
      double[] confirmedErrorMm, int foundWrong, int confirmedWrong, double p50Ms, double p90Ms) {}

  private final double durationS;
  private final double fps;
  private final int size;
  private final DemoProcedure procedure;
  private final OptionalLong noiseSeed;

  /**
   * @param procedure the anatomy rendered (the demo's phantom or real CT)
   * @param durationS run length, s (the demo's default is 120; 12 gives the same path sped up ten times)
   * @param fps frames per second
   * @param size frame width and height, pixels (0.6 mm at 512, scaled to keep the field)
   */
  public DemoLeadBench(DemoProcedure procedure, double durationS, double fps, int size) {
    this(procedure, durationS, fps, size, OptionalLong.empty());
  }

  /**
   * The same run with other quantum noise: {@code noiseSeed} replaces the demo scenario's seed (the lead's path, the
   * motion and the C-arm move stay as they are), so that a detector change can be checked on frames it was not tuned
   * on.
   */
  public DemoLeadBench(DemoProcedure procedure, double durationS, double fps, int size, OptionalLong noiseSeed) {
    if (!(durationS > 0) || !(fps > 0) || size < 64) {
      throw new IllegalArgumentException("invalid demo lead bench, durationS=" + durationS + ", fps=" + fps
          + ", size=" + size);
    }
    this.procedure = procedure;
    this.durationS = durationS;
    this.fps = fps;
    this.size = size;
    this.noiseSeed = noiseSeed;
  }

  /** Renders the run and detects every frame (a warm-up pass, then the measured one). */
  public List<Outcome> run() throws ScenarioFormatException {
    return run(0, Double.POSITIVE_INFINITY);
  }

  /**
   * Renders the frames of the run from {@code fromS} to {@code toS} (scenario time, s; the motion as at those times)
   * and detects them with a fresh detector (a warm-up pass, then the measured one).
   */
  public List<Outcome> run(double fromS, double toS) throws ScenarioFormatException {
    return run(fromS, toS, 1);
  }

  /**
   * As {@link #run(double, double)}, detecting only every {@code every}-th rendered frame (the first, then every
   * {@code every}-th after it), as a service under load that keeps up with one frame in {@code every}: the detector
   * then sees the lead move {@code every} times as far between frames. The projection is compared with the previous
   * detected frame's.
   */
  public List<Outcome> run(double fromS, double toS, int every) throws ScenarioFormatException {
    if (every < 1) {
      throw new IllegalArgumentException("every must be at least 1, every=" + every);
    }
    Scenario scenario = SimulatedProcedure.scenario(durationS, fps, size);
    List<short[]> pixels = new ArrayList<>();
    List<GroundTruth> truths = new ArrayList<>();
    List<Double> insertion = new ArrayList<>();
    SimulatorOptions options = SimulatorOptions.DEFAULT.withBitDepth(scenario.bitDepth())
        .withNoise(scenario.noise() ? NoiseMode.FULL : NoiseMode.NONE).withSeed(noiseSeed.orElse(scenario.seed()))
        .withMotion(scenario.respiration(), scenario.cardiac());
    try (ComputeBackend backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
        FluoroscopySimulator sim = new FluoroscopySimulator(backend, procedure.scene(), options)) {
      ScenarioTimeline timeline = new ScenarioTimeline(scenario, procedure.scene().heartCentre());
      double previous = 0;
      for (double t : timeline.frameTimes()) {
        if (t < fromS - 1e-9 || t > toS + 1e-9) {
          continue;
        }
        var state = timeline.stateAt(t);
        SimulatedFrame frame = sim.next(state, t - previous);
        previous = t;
        pixels.add(frame.pixels());
        truths.add(frame.truth());
        insertion.add(state.leadInsertionMm());
      }
    }
    detect(pixels, truths, insertion, every);
    return detect(pixels, truths, insertion, every);
  }

  private List<Outcome> detect(List<short[]> pixels, List<GroundTruth> truths, List<Double> insertion, int every) {
    LeadDetector detector = new LeadDetector(LeadDetectorOptions.PACING_LEAD);
    FrameBinning binning = FrameBinning.forFrame(size, size);
    int binned = binning.binnedSize(size);
    float[] raw = new float[size * size];
    List<Outcome> out = new ArrayList<>();
    double[] lastP = null;
    for (int f = 0; f < pixels.size(); f += every) {
      GroundTruth truth = truths.get(f);
      short[] px = pixels.get(f);
      for (int i = 0; i < raw.length; i++) {
        raw[i] = px[i] & 0xffff;
      }
      double[] p = truth.projection();
      boolean changed = lastP != null && projectionChanged(lastP, p);
      lastP = p;
      if (changed) {
        detector.reset();
      }
      double mmPerPixel = truth.geometry().knownCArm().orElseThrow().mmPerPixelAtIsocenterU();
      long t0 = System.nanoTime();
      LeadDetection d = detector.detect(binning.bin(raw, size, size), binned, binned, mmPerPixel * binning.factor());
      double ms = (System.nanoTime() - t0) / 1e6;
      double[] tp = truth.leadTipPixel();
      double tu = tp == null ? Double.NaN : tp[0];
      double tv = tp == null ? Double.NaN : tp[1];
      double err = Double.NaN;
      if (d.found()) {
        double u = binning.toOriginal(d.tipU());
        double v = binning.toOriginal(d.tipV());
        err = Math.hypot(u - tu, v - tv) * mmPerPixel;
        d = new LeadDetection(true, d.centreline(), u, v, d.lengthPx(), d.meanContrast(), d.tipConfidence());
      }
      double primaryDeg = truth.geometry().knownCArm().orElseThrow().primaryAngleDeg();
      String phase = changed ? "moving" : Math.abs(primaryDeg) < 0.5 ? "AP" : "LAO30";
      out.add(new Outcome(truth.timeS(), phase, tu, tv, insertion.get(f), d, err, ms));
    }
    return out;
  }

  /** Whether two 3x4 projections differ (relative 1e-6 of the largest entry), as the service's tracker tells it. */
  static boolean projectionChanged(double[] p, double[] q) {
    double scale = 0;
    for (double x : p) {
      scale = Math.max(scale, Math.abs(x));
    }
    for (int i = 0; i < 12; i++) {
      if (Math.abs(p[i] - q[i]) > 1e-6 * scale) {
        return true;
      }
    }
    return false;
  }

  /** Summary of the outcomes that pass {@code which}. */
  public static Summary summarise(String label, List<Outcome> outcomes, Predicate<Outcome> which) {
    List<Double> found = new ArrayList<>();
    List<Double> confirmed = new ArrayList<>();
    List<Double> ms = new ArrayList<>();
    int frames = 0;
    for (Outcome o : outcomes) {
      if (!which.test(o)) {
        continue;
      }
      frames++;
      ms.add(o.ms());
      if (o.detection().found()) {
        found.add(o.errorMm());
        if (o.detection().tipConfirmed()) {
          confirmed.add(o.errorMm());
        }
      }
    }
    Collections.sort(found);
    Collections.sort(confirmed);
    Collections.sort(ms);
    return new Summary(label, frames, found.size(), confirmed.size(), stats(found), stats(confirmed),
        (int) found.stream().filter(e -> e > WRONG_TIP_MM).count(),
        (int) confirmed.stream().filter(e -> e > WRONG_TIP_MM).count(), quantile(ms, 0.5), quantile(ms, 0.9));
  }

  private static double[] stats(List<Double> sorted) {
    return new double[] {quantile(sorted, 0.5), quantile(sorted, 0.9), quantile(sorted, 1)};
  }

  static double quantile(List<Double> sorted, double q) {
    return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.round(q * (sorted.size() - 1)));
  }

  /** The standard rows: all frames, then by phase (AP, C-arm moving, LAO 30). */
  public static List<Summary> standardRows(List<Outcome> outcomes) {
    List<Summary> rows = new ArrayList<>();
    rows.add(summarise("all", outcomes, o -> true));
    for (String phase : List.of("AP", "moving", "LAO30")) {
      rows.add(summarise(phase, outcomes, o -> o.phase().equals(phase)));
    }
    return rows;
  }

  /** A one-line description of the run, for the console. */
  public String describe() {
    return String.format(Locale.ROOT, "demo scenario, %s, %.1f s at %.1f fps, %dx%d, lead 120->320 mm, C-arm AP->LAO30"
        + " at %.1f s over 2 s, noise seed %s", procedure.description(), durationS, fps, size, size, durationS / 3,
        noiseSeed.isPresent() ? Long.toString(noiseSeed.getAsLong()) : "of the demo");
  }
}
