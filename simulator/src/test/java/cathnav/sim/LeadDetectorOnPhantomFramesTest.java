package cathnav.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.lead.LeadDetection;
import cathnav.core.lead.LeadDetector;
import cathnav.core.lead.LeadDetectorOptions;
import cathnav.core.service.LeadTip;
import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.LeadTipFrame;
import cathnav.core.service.LeadTipDetectors;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import cathnav.sim.demo.SimulatedProcedure;
import cathnav.sim.detector.NoiseMode;
import cathnav.sim.scenario.Scenario;
import cathnav.sim.scenario.ScenarioReader;
import cathnav.sim.scenario.ScenarioTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pacing-lead detector (nav-core {@link LeadDetector}, {@link LeadDetectorOptions#PACING_LEAD}) on frames the
 * simulator renders of the demo's phantom, as the service receives them (12 bit, quantum noise, breathing and heart
 * beat, 512 x 512 at 0.6 mm, SID 1100, SOD 750, AP), tracked frame to frame while the lead advances 1 mm a frame
 * through the right atrium and the coronary sinus; each reported tip is compared with
 * {@link GroundTruth#leadTipPixel()}. The same run at 1024 x 1024 (0.3 mm) goes through the service's detector
 * ({@link LeadTipDetectors#wire()}, which bins such frames to the size the detector is tuned for).
 */
class LeadDetectorOnPhantomFramesTest {

  private static final double SID = 1100;
  private static final double SOD = 750;
  private static final int FRAMES = 36;

  /** One frame's tip against the truth; {@code tip} null when none was reported. */
  private record Outcome(double timeS, double[] truth, double[] tip, double mmPerPixelAtIsocentre) {
    boolean found() {
      return tip != null;
    }

    double errorMm() {
      return Math.hypot(tip[0] - truth[0], tip[1] - truth[1]) * mmPerPixelAtIsocentre;
    }
  }

  /** A tip detector under test: the tip in pixels, or null. */
  private interface TipFinder {
    double[] find(float[] raw, int size, SimulatedFrame frame);
  }

  /**
   * The noise of the strict checks' frames. On other noise draws a found tip's error has a tail just past 1.5 mm
   * (1.52 mm at 1024 x 1024 with seed 31076553380854, a 7 px slip along the wire's end): fresh draws are checked
   * for what must always hold, {@link #onAFreshNoiseDrawNoTipIsAnotherStructureAndNineInTenAreWithinOneAndAHalfMm}.
   */
  private static final long SEED = 7;

  private static List<Outcome> at512;
  private static List<Outcome> at1024;

  @BeforeAll
  static void trackTheLeadOnRenderedFrames() throws Exception {
    LeadDetector detector = new LeadDetector(LeadDetectorOptions.PACING_LEAD);
    at512 = track(512, SEED, (raw, size, frame) -> {
      LeadDetection d = detector.detect(raw, size, size,
          frame.truth().geometry().knownCArm().orElseThrow().mmPerPixelAtIsocenterU());
      return d.found() ? new double[] {d.tipU(), d.tipV()} : null;
    });
    at1024 = trackWithTheServiceDetector(SEED);
  }

  private static List<Outcome> trackWithTheServiceDetector(long seed) throws Exception {
    try (LeadTipDetector service = LeadTipDetectors.wire()) {
      return track(1024, seed, (raw, size, frame) -> {
        LeadTip tip = service.detect(raw, new LeadTipFrame(frame.truth().index() + 1, frame.timestampNs(),
            frame.truth().geometry().projection(),
            frame.truth().geometry().knownCArm().orElseThrow().mmPerPixelAtIsocenterU()));
        return tip == null ? null : new double[] {tip.u(), tip.v()};
      });
    }
  }

  private static List<Outcome> track(int size, long seed, TipFinder finder) throws Exception {
    double pixelMm = 0.6 * 512 / size;
    double mmPerPixelAtIsocentre = pixelMm * SOD / SID;
    List<Outcome> outcomes = new ArrayList<>();
    double durationS = FRAMES / 15.0;
    String json = String.format(Locale.ROOT, """
        {"name": "lead-detector-test", "durationS": %f, "fps": 15, "doseNGy": 30, "bits": 12, "noise": true,
         "seed": %d, "anatomy": {"phantom": {"spacingMm": 2.0}},
         "detector": {"width": %d, "height": %d, "pixelSpacingMm": %f, "sidMm": %f, "sodMm": %f},
         "carm": {"primaryAngle": 0, "secondaryAngle": 0},
         "respiration": {"amplitudeMm": 8, "periodS": 4}, "cardiac": {"heartRateBpm": 70, "amplitudeMm": 2},
         "leadInsertionMm": 175, "csCatheterInsertionMm": 0,
         "events": [{"type": "lead", "atS": 0, "durationS": %f, "insertionMm": %f}]}
        """, durationS, seed, size, size, pixelMm, SID, SOD, durationS, 175.0 + FRAMES);
    Scenario scenario = ScenarioReader.parse(json, "lead detector test scenario", null);
    SimulatedProcedure procedure = SimulatedProcedure.standard(2.0);
    SimulatorOptions options = SimulatorOptions.DEFAULT.withBitDepth(scenario.bitDepth())
        .withNoise(NoiseMode.FULL).withSeed(scenario.seed()).withMotion(scenario.respiration(), scenario.cardiac());
    try (ComputeBackend backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
        FluoroscopySimulator sim = new FluoroscopySimulator(backend, procedure.scene(), options)) {
      ScenarioTimeline timeline = new ScenarioTimeline(scenario, procedure.scene().heartCentre());
      double previous = 0;
      float[] raw = new float[size * size];
      for (double t : timeline.frameTimes()) {
        SimulatedFrame frame = sim.next(timeline.stateAt(t), t - previous);
        previous = t;
        for (int i = 0; i < raw.length; i++) {
          raw[i] = frame.pixels()[i] & 0xffff;
        }
        Outcome o = new Outcome(t, frame.truth().leadTipPixel(), finder.find(raw, size, frame), mmPerPixelAtIsocentre);
        outcomes.add(o);
        System.out.printf(Locale.ROOT, "size=%d t=%.3f truth=(%.1f, %.1f) found=%s tip=%s errorMm=%.2f%n", size, t,
            o.truth()[0], o.truth()[1], o.found(), o.found() ? String.format(Locale.ROOT, "(%.1f, %.1f)", o.tip()[0],
            o.tip()[1]) : "-", o.found() ? o.errorMm() : Double.NaN);
      }
    }
    return outcomes;
  }

  @Test
  void everyReportedTipIsWithinOneAndAHalfMillimetresOfTheTruthAtTheIsocentre() {
    assertTipsWithinOneAndAHalfMillimetres(at512);
  }

  @Test
  void tipIsReportedInMostFramesOnceLocked() {
    assertFoundInMostFrames(at512);
  }

  @Test
  void serviceDetectorOnTenTwentyFourFramesReportsTipsWithinOneAndAHalfMillimetres() {
    assertTipsWithinOneAndAHalfMillimetres(at1024);
  }

  @Test
  void serviceDetectorOnTenTwentyFourFramesFindsTheTipInMostFrames() {
    assertFoundInMostFrames(at1024);
  }

  @Test
  void onAFreshNoiseDrawNoTipIsAnotherStructureAndNineInTenAreWithinOneAndAHalfMm() throws Exception {
    long seed = Long.getLong("cathnav.test.seed", System.nanoTime());
    System.out.println("seed=" + seed + " (reproduce: -Dcathnav.test.seed=" + seed + ")");
    List<Outcome> found = trackWithTheServiceDetector(seed).stream().filter(Outcome::found).toList();
    assertFalse(found.isEmpty(), "no tip found");
    long within = found.stream().filter(o -> o.errorMm() <= 1.5).count();
    for (Outcome o : found) {
      assertTrue(o.errorMm() <= 3.0, String.format(Locale.ROOT, "t=%.3f: tip (%.1f, %.1f) vs truth (%.1f, %.1f), "
          + "error %.2f mm: not the lead's tip", o.timeS(), o.tip()[0], o.tip()[1], o.truth()[0], o.truth()[1],
          o.errorMm()));
    }
    assertTrue(within >= 0.9 * found.size(), within + " of " + found.size() + " found tips within 1.5 mm");
  }

  private static void assertTipsWithinOneAndAHalfMillimetres(List<Outcome> outcomes) {
    for (Outcome o : outcomes) {
      if (o.found()) {
        assertTrue(o.errorMm() <= 1.5, String.format(Locale.ROOT, "t=%.3f: tip (%.1f, %.1f) vs truth (%.1f, %.1f), "
            + "error %.2f mm", o.timeS(), o.tip()[0], o.tip()[1], o.truth()[0], o.truth()[1], o.errorMm()));
      }
    }
  }

  private static void assertFoundInMostFrames(List<Outcome> outcomes) {
    long found = outcomes.stream().filter(Outcome::found).count();
    System.out.println("found in " + found + " of " + outcomes.size() + " frames");
    assertTrue(found >= 0.6 * outcomes.size(), "found in only " + found + " of " + outcomes.size() + " frames");
  }
}
