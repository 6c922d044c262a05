package cathnav.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.overlay.GuidanceState;
import cathnav.core.service.PoseEstimate.TrackerPhase;
import org.junit.jupiter.api.Test;

class GuidancePolicyTest {

  private final GuidancePolicy policy = new GuidancePolicy(0.6, 3);

  private static PoseEstimate estimate(TrackerPhase phase, double confidence, long registrations) {
    return new PoseEstimate(phase, PoseEstimate.identity(), confidence, 0, registrations);
  }

  @Test
  void withoutAPoseTheStateIsRegistering() {
    assertEquals(GuidanceState.REGISTERING,
        policy.onFrame(new PoseEstimate(TrackerPhase.REGISTERING, null, 0, 0, 0)));
  }

  @Test
  void goodConfidenceIsTracking() {
    assertEquals(GuidanceState.TRACKING, policy.onFrame(estimate(TrackerPhase.TRACKING, 0.9, 1)));
  }

  @Test
  void lowConfidenceIsUnreliable() {
    assertEquals(GuidanceState.UNRELIABLE, policy.onFrame(estimate(TrackerPhase.TRACKING, 0.5, 1)));
  }

  @Test
  void unreliableForLostAfterFramesInARowBecomesLost() {
    policy.onFrame(estimate(TrackerPhase.TRACKING, 0.5, 1));
    policy.onFrame(estimate(TrackerPhase.TRACKING, 0.5, 1));
    assertEquals(GuidanceState.LOST, policy.onFrame(estimate(TrackerPhase.TRACKING, 0.5, 1)));
  }

  @Test
  void aGoodFrameBetweenUnreliableOnesRestartsTheCount() {
    policy.onFrame(estimate(TrackerPhase.TRACKING, 0.5, 1));
    policy.onFrame(estimate(TrackerPhase.TRACKING, 0.5, 1));
    policy.onFrame(estimate(TrackerPhase.TRACKING, 0.9, 1));
    policy.onFrame(estimate(TrackerPhase.TRACKING, 0.5, 1));
    assertEquals(GuidanceState.UNRELIABLE, policy.onFrame(estimate(TrackerPhase.TRACKING, 0.5, 1)));
  }

  @Test
  void anUnverifiedPoseIsShownAmberNeverAsTracking() {
    assertEquals(GuidanceState.UNRELIABLE, policy.onFrame(estimate(TrackerPhase.UNVERIFIED, 0.95, 1)));
  }

  @Test
  void unverifiedFramesInARowDoNotBecomeLost() {
    for (int i = 0; i < 10; i++) {
      assertEquals(GuidanceState.UNRELIABLE, policy.onFrame(estimate(TrackerPhase.UNVERIFIED, 0.95, 1)), "frame " + i);
    }
  }

  @Test
  void aMovingCArmIsShownAmberAndNeverBecomesLost() {
    for (int i = 0; i < 30; i++) {
      assertEquals(GuidanceState.UNRELIABLE, policy.onFrame(estimate(TrackerPhase.CARM_MOVING, 0.95, 1)), "frame " + i);
    }
    assertEquals(GuidanceState.TRACKING, policy.onFrame(estimate(TrackerPhase.TRACKING, 0.95, 1)));
  }

  @Test
  void aMovingCArmDoesNotEndARunOfUnreliableFrames() {
    policy.onFrame(estimate(TrackerPhase.UNRELIABLE, 0.95, 1));
    policy.onFrame(estimate(TrackerPhase.UNRELIABLE, 0.95, 1));
    policy.onFrame(estimate(TrackerPhase.CARM_MOVING, 0.95, 1));
    assertEquals(GuidanceState.LOST, policy.onFrame(estimate(TrackerPhase.UNRELIABLE, 0.95, 1)));
  }

  @Test
  void aMovingCArmKeepsALatchedLost() {
    policy.onFrame(estimate(TrackerPhase.LOST, 0.1, 4));
    assertEquals(GuidanceState.LOST, policy.onFrame(estimate(TrackerPhase.CARM_MOVING, 0.95, 5)));
  }

  @Test
  void anUnverifiedPoseWithLowConfidenceStillCountsTowardsLost() {
    policy.onFrame(estimate(TrackerPhase.UNVERIFIED, 0.5, 1));
    policy.onFrame(estimate(TrackerPhase.UNVERIFIED, 0.5, 1));
    assertEquals(GuidanceState.LOST, policy.onFrame(estimate(TrackerPhase.UNVERIFIED, 0.5, 1)));
  }

  @Test
  void aNewRegistrationClearsLostOnlyToAmberWhenThePoseIsUnverified() {
    policy.onFrame(estimate(TrackerPhase.LOST, 0.1, 4));
    assertEquals(GuidanceState.LOST, policy.onFrame(estimate(TrackerPhase.UNVERIFIED, 0.95, 4)));
    assertEquals(GuidanceState.UNRELIABLE, policy.onFrame(estimate(TrackerPhase.UNVERIFIED, 0.95, 5)));
    assertEquals(GuidanceState.UNRELIABLE, policy.onFrame(estimate(TrackerPhase.UNVERIFIED, 0.95, 5)));
  }

  @Test
  void lostStaysLatchedUntilANewRegistrationSucceeds() {
    policy.onFrame(estimate(TrackerPhase.LOST, 0.1, 4));
    assertEquals(GuidanceState.LOST, policy.onFrame(estimate(TrackerPhase.TRACKING, 0.95, 4)));
    assertEquals(GuidanceState.TRACKING, policy.onFrame(estimate(TrackerPhase.TRACKING, 0.95, 5)));
  }

  @Test
  void lostStaysLostWhileReRegistering() {
    policy.onFrame(estimate(TrackerPhase.LOST, 0.1, 1));
    assertEquals(GuidanceState.LOST, policy.onFrame(new PoseEstimate(TrackerPhase.REGISTERING, null, 0, 0, 1)));
  }

  @Test
  void resetReturnsToRegistering() {
    policy.onFrame(estimate(TrackerPhase.LOST, 0.1, 1));
    policy.reset();
    assertEquals(GuidanceState.REGISTERING, policy.state());
    assertEquals(GuidanceState.TRACKING, policy.onFrame(estimate(TrackerPhase.TRACKING, 0.9, 1)));
  }

  @Test
  void staleOnlyPastTwoFrameIntervals() {
    long interval = 66_000_000;
    assertFalse(GuidancePolicy.isStale(1_000 + 2 * interval, 1_000, interval));
    assertTrue(GuidancePolicy.isStale(1_001 + 2 * interval, 1_000, interval));
  }

  @Test
  void rejectsAThresholdOutsideTheUnitInterval() {
    assertThrows(IllegalArgumentException.class, () -> new GuidancePolicy(1.5, 3));
  }
}
