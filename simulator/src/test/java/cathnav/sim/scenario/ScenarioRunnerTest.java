package cathnav.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {

  private static final List<Double> TIMES = List.of(0.0, 0.1, 0.2, 0.3, 0.4);

  @Test
  void aSourceOnScheduleRendersTheNextFrame() {
    assertEquals(2, ScenarioRunner.newestDue(TIMES, 2, 150_000_000L));
  }

  @Test
  void aSourceThatFellBehindSkipsToTheNewestDueFrame() {
    assertEquals(3, ScenarioRunner.newestDue(TIMES, 1, 350_000_000L));
  }

  @Test
  void aFrameIsDueExactlyAtItsAcquisitionTime() {
    assertEquals(3, ScenarioRunner.newestDue(TIMES, 1, 300_000_000L));
    assertEquals(2, ScenarioRunner.newestDue(TIMES, 1, 299_999_999L));
  }

  @Test
  void skippingNeverRunsPastTheLastFrame() {
    assertEquals(4, ScenarioRunner.newestDue(TIMES, 0, 10_000_000_000L));
  }

  @Test
  void skippingLateFramesNeedsRealTimePacing() {
    assertThrows(IllegalArgumentException.class, () -> new Pacing(false, true, 0, false));
  }
}
