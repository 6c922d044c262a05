package cathnav.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@code cathnav bench lead --scenario demo --seed N}: the same procedure (lead path, motion, C-arm move, so the same
 * truth) with other quantum noise, so that a detector change can be checked on frames it was not tuned on.
 */
class DemoLeadBenchNoiseSeedTest {

  private static List<DemoLeadBench.Outcome> run(OptionalLong seed) throws Exception {
    return new DemoLeadBench(SimulatedProcedure.standard(2.0), 12, 15, 512, seed).run(6.1, 6.5);
  }

  @Test
  void anotherNoiseSeedKeepsTheTruthAndChangesWhatTheDetectorSees() throws Exception {
    List<DemoLeadBench.Outcome> demo = run(OptionalLong.empty());
    List<DemoLeadBench.Outcome> other = run(OptionalLong.of(20261127L));
    assertEquals(demo.size(), other.size());
    double largestTipShift = 0;
    int foundInBoth = 0;
    for (int i = 0; i < demo.size(); i++) {
      DemoLeadBench.Outcome a = demo.get(i);
      DemoLeadBench.Outcome b = other.get(i);
      assertEquals(a.timeS(), b.timeS(), 0, "frame " + i);
      assertEquals(a.truthU(), b.truthU(), 0, "frame " + i + ": the lead's tip moved with the noise seed");
      assertEquals(a.truthV(), b.truthV(), 0, "frame " + i + ": the lead's tip moved with the noise seed");
      if (a.detection().found() && b.detection().found()) {
        foundInBoth++;
        largestTipShift = Math.max(largestTipShift, Math.hypot(a.detection().tipU() - b.detection().tipU(),
            a.detection().tipV() - b.detection().tipV()));
      }
    }
    assertTrue(foundInBoth > 0, "the lead was found in no frame under both seeds");
    assertTrue(largestTipShift > 1e-3, "the detected tips are identical under another noise seed");
  }
}
