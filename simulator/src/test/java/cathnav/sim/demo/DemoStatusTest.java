package cathnav.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.overlay.GuidanceState;
import cathnav.core.overlay.Overlay;
import cathnav.core.overlay.OverlayRole;
import cathnav.core.overlay.OverlayShape;
import cathnav.core.overlay.Readouts;
import cathnav.core.overlay.TipConstraint;
import cathnav.core.overlay.TipState;
import cathnav.core.service.FrameOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoStatusTest {

  private static final double[] CENTRE = {10, -20, 30};
  private static final FrameGeometry GEOMETRY = FrameGeometry.of(CArmGeometry.of(0, 0, 1100, 750, 64, 64, 1, 1));

  /** An outcome of frame {@code timestamp} whose pose is the identity moved by {@code shiftMm} along x. */
  private static FrameOutcome outcome(long timestamp, double shiftMm, GuidanceState state) {
    Readouts r = new Readouts(11, 0.9, 0, 0, state, "java", false, "");
    double[] pose = {1, 0, 0, shiftMm, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    return new FrameOutcome(new Overlay(timestamp, timestamp, 66_666_667, 64, 64, pose, List.of(), r), GEOMETRY, 0,
        0);
  }

  /** An outcome of frame {@code timestamp} with the given shapes and tip readouts. */
  private static FrameOutcome withTip(long timestamp, List<OverlayShape> shapes, TipState tipState, int segment) {
    Readouts r = new Readouts(segment, Double.NaN, 11, 0.9, 0, 0, GuidanceState.TRACKING, "java", false, "",
        segment > 0 ? TipConstraint.RAY : TipConstraint.NONE, tipState);
    return new FrameOutcome(new Overlay(timestamp, timestamp, 66_666_667, 64, 64, identity(), shapes, r), GEOMETRY,
        0, 0);
  }

  private static OverlayShape marker(OverlayRole role, float u, float v) {
    return new OverlayShape.Marker(role, u, v, 6, role.rgba());
  }

  @Test
  void confirmedTipIsComparedWithItsFramesTruthInMmAtTheIsocentre() {
    DemoStatus status = new DemoStatus(null, CENTRE);
    status.expectTruth(1, identity(), new double[] {30, 30}, 0.5, 0.5);
    status.expectTruth(2, identity(), new double[] {30, 30}, 0.5, 0.5);
    status.onOutcome(withTip(1, List.of(marker(OverlayRole.LEAD_TIP, 34, 33)), TipState.CONFIRMED, 5));
    status.onOutcome(withTip(2, List.of(marker(OverlayRole.LEAD_TIP, 30, 40)), TipState.CONFIRMED, 0));
    assertEquals(2, status.confirmedTipErrors().count());
    assertEquals(5.0, status.confirmedTipErrors().maxMm(), 1e-9);
    assertEquals(3.75, status.confirmedTipErrors().medianMm(), 1e-9);
    assertEquals(1, status.confirmedTipErrors().countAbove3Mm());
    assertEquals(1, status.framesWithReadouts());
    assertEquals(1, status.readoutTipErrors().count());
    assertEquals(2.5, status.readoutTipErrors().maxMm(), 1e-9);
    assertEquals(1, status.readoutTipErrors(TipConstraint.RAY).count(), "the readout tip was placed by ray");
    assertEquals(0, status.readoutTipErrors(TipConstraint.VEIN).count());
  }

  @Test
  void unconfirmedTipIsNotCountedAsConfirmed() {
    DemoStatus status = new DemoStatus(null, CENTRE);
    status.expectTruth(1, identity(), new double[] {30, 30}, 0.5, 0.5);
    status.onOutcome(withTip(1, List.of(marker(OverlayRole.LEAD_TIP_UNCONFIRMED, 50, 50)), TipState.UNCONFIRMED, 0));
    assertEquals(0, status.confirmedTipErrors().count());
    assertEquals(0, status.framesWithReadouts());
    assertEquals(1, status.unconfirmedTipErrors().count());
    assertEquals(Math.hypot(20, 20) * 0.5, status.unconfirmedTipErrors().maxMm(), 1e-9);
    assertEquals(1, status.framesWithTipState(TipState.UNCONFIRMED));
    assertEquals(0, status.framesWithTipState(TipState.CONFIRMED));
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
