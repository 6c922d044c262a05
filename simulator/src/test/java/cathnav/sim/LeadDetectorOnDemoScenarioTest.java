package cathnav.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.lead.LeadDetection;
import cathnav.sim.demo.DemoLeadBench;
import cathnav.sim.demo.SimulatedProcedure;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The pacing-lead detector on short stretches of the demo's procedure on the phantom ({@link DemoLeadBench}, the
 * demo scenario sped up to 12 s, lead 120 to 320 mm, C-arm AP to LAO 30 from 4 to 6 s), against
 * {@link GroundTruth#leadTipPixel()}: after the C-arm move, where the trace often stops at the ring electrode, and
 * where the lead turns back over the heart shadow in a U seen end-on (a dark spot where the wire runs along the beam),
 * also at the demo's own speed with every second frame detected.
 * A confirmed tip ({@link LeadDetection#tipConfirmed()}) must be right wherever it is given.
 */
class LeadDetectorOnDemoScenarioTest {

  private static final double DURATION_S = 12;

  private static List<DemoLeadBench.Outcome> run(double fromS, double toS) throws Exception {
    return print(new DemoLeadBench(SimulatedProcedure.standard(2.0), DURATION_S, 15, 512).run(fromS, toS));
  }

  private static List<DemoLeadBench.Outcome> print(List<DemoLeadBench.Outcome> out) {
    for (DemoLeadBench.Outcome o : out) {
      System.out.printf(Locale.ROOT, "t=%.3f %s truth=(%.1f, %.1f) found=%b confirmed=%b tip=(%.1f, %.1f) errorMm=%.2f%n",
          o.timeS(), o.phase(), o.truthU(), o.truthV(), o.detection().found(), o.detection().tipConfirmed(),
          o.detection().tipU(), o.detection().tipV(), o.errorMm());
    }
    return out;
  }

  private static void assertConfirmedTipsWithinOneAndAHalfMillimetres(List<DemoLeadBench.Outcome> outcomes) {
    for (DemoLeadBench.Outcome o : outcomes) {
      if (o.detection().tipConfirmed()) {
        assertTrue(o.errorMm() <= 1.5, String.format(Locale.ROOT, "t=%.3f: confirmed tip (%.1f, %.1f) vs truth (%.1f,"
            + " %.1f), error %.2f mm", o.timeS(), o.detection().tipU(), o.detection().tipV(), o.truthU(), o.truthV(),
            o.errorMm()));
      }
    }
  }

  @Test
  void afterTheCArmMoveEveryConfirmedTipIsRightAndAQuarterOfFramesAreConfirmed() throws Exception {
    List<DemoLeadBench.Outcome> outcomes = run(6.1, 7.25);
    assertConfirmedTipsWithinOneAndAHalfMillimetres(outcomes);
    long confirmed = outcomes.stream().filter(o -> o.detection().tipConfirmed()).count();
    assertTrue(confirmed >= 0.25 * outcomes.size(), "confirmed in " + confirmed + " of " + outcomes.size() + " frames");
  }

  @Test
  void whereTheLeadTurnsBackInAUSeenEndOnNoWrongTipIsConfirmed() throws Exception {
    assertConfirmedTipsWithinOneAndAHalfMillimetres(run(9.9, 10.5));
  }

  /**
   * At the demo's own speed (75 s) late in LAO 30 the lead turns back in a U seen end-on near (375, 280), 60 mm
   * from its tip; with every second frame detected (a service under load) the bend passes every test of a free tip
   * electrode in two detections in a row. It has no ring electrode behind it, so it must not be confirmed.
   */
  @Test
  void uTurnSeenEndOnWithEverySecondFrameDetectedIsFoundButNeverConfirmed() throws Exception {
    List<DemoLeadBench.Outcome> outcomes =
        print(new DemoLeadBench(SimulatedProcedure.standard(2.0), 75, 15, 512).run(71.5, 72.3, 2));
    assertConfirmedTipsWithinOneAndAHalfMillimetres(outcomes);
    assertTrue(outcomes.stream().anyMatch(o -> o.detection().found() && o.errorMm() > 10),
        "the bend was not taken for a tip in any frame: this stretch no longer shows the U seen end-on");
  }
}
