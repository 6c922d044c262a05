package cathnav.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.overlay.GuidanceState;
import cathnav.core.overlay.Overlay;
import cathnav.core.overlay.Readouts;
import cathnav.core.overlay.TipConstraint;
import cathnav.core.service.FrameOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoStatusTest {

  private static final double[] CENTRE = {10, -20, 30};
  private static final FrameGeometry GEOMETRY = FrameGeometry.of(CArmGeometry.of(0, 0, 1100, 750, 64, 64, 1, 1));

  /** An outcome of frame {@code timestamp} whose pose is the identity moved by {@code shiftMm} along x. */
  private static FrameOutcome outcome(long timestamp, double shiftMm, GuidanceState state) {
    Readouts r = new Readouts(0, Double.NaN, 11, 0.9, 0, 0, state, "java", false, "", TipConstraint.NONE);
    double[] pose = {1, 0, 0, shiftMm, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    return new FrameOutcome(new Overlay(timestamp, timestamp, 66_666_667, 64, 64, pose, List.of(), r), GEOMETRY, 0,
        0);
  }

  private static double[] identity() {
    return new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
  }

  @Test
  void largestTrackingErrorCountsOnlyOutcomesShownAsTracking() {
    DemoStatus status = new DemoStatus(null, CENTRE);
    status.expectTruth(1, identity());
    status.expectTruth(2, identity());
    status.expectTruth(3, identity());
    status.onOutcome(outcome(1, 1.5, GuidanceState.TRACKING));
    status.onOutcome(outcome(2, 7.0, GuidanceState.UNRELIABLE));
    status.onOutcome(outcome(3, 1.9, GuidanceState.TRACKING));
    assertEquals(3, status.compared());
    assertEquals(7.0, status.maxErrorMm(), 1e-9);
    assertEquals(2, status.comparedTracking());
    assertEquals(1.9, status.maxTrackingErrorMm(), 1e-9);
  }

  @Test
  void outcomeWithoutItsFramesTruthIsNotCompared() {
    DemoStatus status = new DemoStatus(null, CENTRE);
    status.onOutcome(outcome(5, 3.0, GuidanceState.TRACKING));
    assertEquals(0, status.compared());
    assertEquals(0, status.comparedTracking());
  }
}
