package cathnav.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SendIntervalsTest {

  private static final long PERIOD = 66_666_667L;

  @Test
  void aSteadySourceHasNeitherBurstsNorGaps() {
    SendIntervals s = new SendIntervals(PERIOD);
    for (int i = 0; i < 10; i++) {
      s.onSend(i * PERIOD);
    }
    SendIntervals.Summary summary = s.summary();
    assertEquals(9, summary.intervals());
    assertEquals(PERIOD / 1e6, summary.p50Ms(), 0.1);
    assertEquals(0, summary.bursts());
    assertEquals(0, summary.gaps());
  }

  @Test
  void aStallIsAGapAndCatchingUpIsABurst() {
    SendIntervals s = new SendIntervals(PERIOD);
    s.onSend(0);
    s.onSend(1_000_000_000L); // stalled a second
    s.onSend(1_005_000_000L); // late frames back to back
    s.onSend(1_010_000_000L);
    SendIntervals.Summary summary = s.summary();
    assertEquals(1, summary.gaps());
    assertEquals(2, summary.bursts());
    assertEquals(1000, summary.maxMs(), 1);
  }
}
