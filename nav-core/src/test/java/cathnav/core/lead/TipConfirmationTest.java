package cathnav.core.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rule that says when a tip is confirmed by the detector's own evidence, and the confidence it gives. */
class TipConfirmationTest {

  /** A free tip electrode seen, with the ring electrode behind it. */
  private static TipConfirmation.Evidence seen(double u, double v) {
    return new TipConfirmation.Evidence(true, true, true, true, u, v);
  }

  /** A free tip electrode seen, without a ring electrode behind it. */
  private static TipConfirmation.Evidence seenWithoutRing(double u, double v) {
    return new TipConfirmation.Evidence(true, true, true, false, u, v);
  }

  @Test
  void freshLockWithItsElectrodeSeenIsNotConfirmed() {
    double c = new TipConfirmation().update(seen(100, 200));
    assertEquals(TipConfirmation.FRESH, c);
    assertFalse(TipConfirmation.confirmed(c));
  }

  @Test
  void secondAgreeingDetectionConfirmsTheTip() {
    TipConfirmation rule = new TipConfirmation();
    rule.update(seen(100, 200));
    double c = rule.update(seen(104, 205));
    assertEquals(TipConfirmation.CONFIRMED, c);
    assertTrue(TipConfirmation.confirmed(c));
  }

  @Test
  void confidenceRisesByAnEighthPerAgreeingDetectionToOne() {
    TipConfirmation rule = new TipConfirmation();
    double[] expected = {0.5, 0.75, 0.875, 1, 1, 1};
    for (int k = 0; k < expected.length; k++) {
      assertEquals(expected[k], rule.update(seen(100 + 2 * k, 200)), 1e-12, "detection " + k);
    }
  }

  @Test
  void jumpBeyondATrackedStepStartsANewStreak() {
    TipConfirmation rule = new TipConfirmation();
    rule.update(seen(100, 200));
    rule.update(seen(102, 200));
    double jumped = rule.update(seen(102 + TipConfirmation.MAX_STEP_PX + 0.5, 200));
    assertEquals(TipConfirmation.FRESH, jumped);
    assertTrue(TipConfirmation.confirmed(rule.update(seen(104 + TipConfirmation.MAX_STEP_PX, 200))));
  }

  @Test
  void detectionWithoutASeenElectrodeIsNotConfirmedAndBreaksTheStreak() {
    TipConfirmation rule = new TipConfirmation();
    rule.update(seen(100, 200));
    rule.update(seen(101, 200));
    double faded = rule.update(new TipConfirmation.Evidence(true, false, true, true, 102, 200));
    assertEquals(TipConfirmation.WITHOUT_EVIDENCE, faded);
    assertFalse(TipConfirmation.confirmed(rule.update(seen(103, 200))));
  }

  @Test
  void tipHeldOrClampedByTheTrackingIsNotConfirmed() {
    TipConfirmation rule = new TipConfirmation();
    rule.update(seen(100, 200));
    rule.update(seen(101, 200));
    double held = rule.update(new TipConfirmation.Evidence(true, true, false, true, 101, 200));
    assertFalse(TipConfirmation.confirmed(held));
  }

  @Test
  void frameWithoutAWireHasZeroConfidenceAndBreaksTheStreak() {
    TipConfirmation rule = new TipConfirmation();
    rule.update(seen(100, 200));
    rule.update(seen(101, 200));
    assertEquals(0, rule.update(TipConfirmation.Evidence.NONE));
    assertFalse(TipConfirmation.confirmed(rule.update(seen(102, 200))));
  }

  @Test
  void streakThatNeverShowsTheRingElectrodeIsNeverConfirmed() {
    TipConfirmation rule = new TipConfirmation();
    for (int k = 0; k < 6; k++) {
      assertEquals(TipConfirmation.FRESH, rule.update(seenWithoutRing(100 + k, 200)), 1e-12, "detection " + k);
    }
  }

  @Test
  void ringSeenOnceInTheStreakConfirmsItsLaterDetections() {
    TipConfirmation rule = new TipConfirmation();
    rule.update(seen(100, 200));
    assertEquals(TipConfirmation.CONFIRMED, rule.update(seenWithoutRing(101, 200)), 1e-12);
    assertEquals(TipConfirmation.CONFIRMED + 0.125, rule.update(seenWithoutRing(102, 200)), 1e-12);
  }

  @Test
  void tipWithoutTheRingMovedMoreThanACarriedStepIsNotConfirmed() {
    TipConfirmation rule = new TipConfirmation();
    rule.update(seen(100, 200));
    rule.update(seen(101, 200));
    // within a tracked step but farther than the ring seen before can vouch for (a tip placed between the electrodes)
    double moved = rule.update(seenWithoutRing(101 + TipConfirmation.CARRIED_STEP_PX + 1, 200));
    assertEquals(TipConfirmation.FRESH, moved, 1e-12);
    assertTrue(TipConfirmation.confirmed(rule.update(seen(107, 200))), "the ring seen again confirms the tip");
  }

  @Test
  void ringSeenBeforeAJumpDoesNotConfirmTheTipAfterIt() {
    TipConfirmation rule = new TipConfirmation();
    rule.update(seen(100, 200));
    rule.update(seen(101, 200));
    rule.update(seenWithoutRing(101 + TipConfirmation.MAX_STEP_PX + 0.5, 200));
    assertFalse(TipConfirmation.confirmed(rule.update(seenWithoutRing(102 + TipConfirmation.MAX_STEP_PX, 200))));
  }

  @Test
  void resetForgetsTheStreak() {
    TipConfirmation rule = new TipConfirmation();
    rule.update(seen(100, 200));
    rule.update(seen(101, 200));
    rule.reset();
    assertEquals(TipConfirmation.FRESH, rule.update(seen(102, 200)));
  }

  @Test
  void detectionNotFoundIsNeverConfirmed() {
    assertFalse(LeadDetection.none().tipConfirmed());
    assertThrows(IllegalArgumentException.class,
        () -> new LeadDetection(false, new float[0], Double.NaN, Double.NaN, 0, 0, 0.8));
  }

  @Test
  void confidenceOutsideZeroToOneIsRefused() {
    float[] line = {0, 0, 1, 0};
    assertThrows(IllegalArgumentException.class, () -> new LeadDetection(true, line, 1, 0, 1, 0.1, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new LeadDetection(true, line, 1, 0, 1, 0.1, Double.NaN));
  }

  @Test
  void confirmedExactlyFromThreeQuartersConfidence() {
    float[] line = {0, 0, 1, 0};
    assertTrue(new LeadDetection(true, line, 1, 0, 1, 0.1, 0.75).tipConfirmed());
    assertFalse(new LeadDetection(true, line, 1, 0, 1, 0.1, 0.5).tipConfirmed());
    assertFalse(new LeadDetection(true, line, 1, 0, 1, 0.1).tipConfirmed());
  }
}
