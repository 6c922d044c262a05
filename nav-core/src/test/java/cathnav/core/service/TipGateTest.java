package cathnav.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.overlay.TipState;
import cathnav.gpu.Projection;
import org.junit.jupiter.api.Test;

class TipGateTest {

  private static final Projection AP = CArmGeometry.of(0, 0, 1200, 700, 64, 64, 0.6, 0.6).toProjection();
  private static final Projection MOVED = CArmGeometry.of(0.5, 0, 1200, 700, 64, 64, 0.6, 0.6).toProjection();
  private static final long MS = 1_000_000L;

  private static LeadTip tip(long seq, long tsMs, Projection view, boolean confirmed) {
    return new LeadTip(10, 20, confirmed, new LeadTipFrame(seq, tsMs * MS, view));
  }

  @Test
  void ageBoundIsThreeFrameIntervalsUpTo250Ms() {
    assertEquals(99_999_999L, TipGate.maxAgeNanos(33_333_333L), "30 fps");
    assertEquals(200_000_001L, TipGate.maxAgeNanos(66_666_667L), "15 fps");
    assertEquals(250 * MS, TipGate.maxAgeNanos(133_333_333L), "capped at 7.5 fps");
  }

  @Test
  void confirmedTipOfThisFrameIsConfirmed() {
    assertEquals(TipState.CONFIRMED, TipGate.classify(tip(7, 1000, AP, true), 7, 1000 * MS, AP, 66 * MS));
  }

  @Test
  void unconfirmedTipOfThisFrameIsUnconfirmed() {
    assertEquals(TipState.UNCONFIRMED, TipGate.classify(tip(7, 1000, AP, false), 7, 1000 * MS, AP, 66 * MS));
  }

  @Test
  void noTipIsNone() {
    assertEquals(TipState.NONE, TipGate.classify(null, 7, 1000 * MS, AP, 66 * MS));
  }

  @Test
  void tipOfAnotherViewIsStaleEvenWhenConfirmedAndRecent() {
    assertEquals(TipState.STALE, TipGate.classify(tip(6, 966, AP, true), 7, 1000 * MS, MOVED, 66 * MS));
  }

  @Test
  void tipJustWithinTheBoundIsCurrentAndJustPastItIsStale() {
    long bound = TipGate.maxAgeNanos(66 * MS);
    assertEquals(TipState.CONFIRMED,
        TipGate.classify(new LeadTip(1, 1, true, new LeadTipFrame(4, 5000 * MS - bound, AP)), 7, 5000 * MS, AP,
            66 * MS));
    assertEquals(TipState.STALE,
        TipGate.classify(new LeadTip(1, 1, true, new LeadTipFrame(4, 5000 * MS - bound - 1, AP)), 7, 5000 * MS, AP,
            66 * MS));
  }

  @Test
  void tipFromALaterFrameOrAnEarlierTimeStampIsStale() {
    assertEquals(TipState.STALE, TipGate.classify(tip(8, 1000, AP, true), 7, 1000 * MS, AP, 66 * MS),
        "a tip of a frame after this one");
    assertEquals(TipState.STALE, TipGate.classify(tip(6, 1100, AP, true), 7, 1000 * MS, AP, 66 * MS),
        "time going backwards: a restarted source");
  }

  @Test
  void viewChangeSeesASmallMoveAndNotTheSameView() {
    assertFalse(ViewChange.changed(AP, CArmGeometry.of(0, 0, 1200, 700, 64, 64, 0.6, 0.6).toProjection()),
        "the same view computed again");
    assertTrue(ViewChange.changed(AP, MOVED), "half a degree of LAO");
    assertTrue(ViewChange.changed(AP, CArmGeometry.of(0, 0, 1200, 700, 64, 32, 0.6, 0.6).toProjection()),
        "another detector size");
    assertFalse(ViewChange.changed(null, AP), "the first frame is no change");
  }
}
