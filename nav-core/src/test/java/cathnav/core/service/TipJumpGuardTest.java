package cathnav.core.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.gpu.Projection;
import org.junit.jupiter.api.Test;

class TipJumpGuardTest {

  private static final Projection AP = CArmGeometry.of(0, 0, 1200, 700, 64, 64, 0.6, 0.6).toProjection();
  private static final Projection LAO = CArmGeometry.of(30, 0, 1200, 700, 64, 64, 0.6, 0.6).toProjection();
  private static final long MS = 1_000_000L;
  private static final long WINDOW = 200 * MS;
  /** 1 mm a pixel keeps the arithmetic plain. */
  private static final double MM = 1.0;

  private static LeadTip tip(float u, long tsMs, Projection view) {
    return new LeadTip(u, 0, true, new LeadTipFrame(tsMs, tsMs * MS, view));
  }

  @Test
  void firstTipIsAccepted() {
    assertTrue(new TipJumpGuard().accept(tip(10, 0, AP), MM, MM, WINDOW));
  }

  @Test
  void tipMovingWithinTheBoundIsAccepted() {
    TipJumpGuard g = new TipJumpGuard();
    g.accept(tip(10, 0, AP), MM, MM, WINDOW);
    // 66 ms: bound 3 + 150 * 0.066 = 12.9 mm
    assertTrue(g.accept(tip(22.5f, 66, AP), MM, MM, WINDOW));
  }

  @Test
  void tipJumpingFurtherThanALeadMovesIsRefusedAndKeepsTheReference() {
    TipJumpGuard g = new TipJumpGuard();
    g.accept(tip(10, 0, AP), MM, MM, WINDOW);
    assertFalse(g.accept(tip(24, 66, AP), MM, MM, WINDOW), "14 mm in 66 ms");
    assertTrue(g.accept(tip(14, 133, AP), MM, MM, WINDOW), "measured from the last accepted tip, not the refused one");
  }

  @Test
  void aTipThatStaysWhereItJumpedIsAcceptedOnceTheReferenceExpired() {
    TipJumpGuard g = new TipJumpGuard();
    g.accept(tip(10, 0, AP), MM, MM, WINDOW);
    assertFalse(g.accept(tip(60, 66, AP), MM, MM, WINDOW));
    assertFalse(g.accept(tip(60, 133, AP), MM, MM, WINDOW));
    assertTrue(g.accept(tip(60, 201, AP), MM, MM, WINDOW));
  }

  @Test
  void anotherViewOrAResetHasNoReference() {
    TipJumpGuard g = new TipJumpGuard();
    g.accept(tip(10, 0, AP), MM, MM, WINDOW);
    assertTrue(g.accept(tip(60, 66, LAO), MM, MM, WINDOW), "another view");
    g.reset();
    assertTrue(g.accept(tip(10, 133, LAO), MM, MM, WINDOW), "after a reset");
  }

  @Test
  void distanceIsMeasuredInMillimetresAtTheIsocentre() {
    TipJumpGuard g = new TipJumpGuard();
    g.accept(tip(10, 0, AP), 0.35, 0.35, WINDOW);
    assertTrue(g.accept(tip(40, 66, AP), 0.35, 0.35, WINDOW), "30 px = 10.5 mm");
    assertFalse(g.accept(tip(80, 132, AP), 0.35, 0.35, WINDOW), "40 px = 14 mm");
  }
}
