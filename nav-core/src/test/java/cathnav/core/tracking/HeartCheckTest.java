package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.Vec3;
import org.junit.jupiter.api.Test;

class HeartCheckTest {

  private static final HeartVerification SETTINGS = new HeartVerification(0.6, 2.0, 10.0, 25.0, null);

  private static HeartCheck check(double ncc2d, double ncc3d, double disagreementMm) {
    return new HeartCheck(5_000_000_000L, Vec3.ZERO, ncc2d, Vec3.ZERO, ncc3d, disagreementMm);
  }

  @Test
  void passesWithBothCorrelationsAndTheEstimatesWithinTheLimit() {
    assertTrue(check(0.85, 0.95, 1.9).passed(SETTINGS));
  }

  @Test
  void failsWhenTheEstimatesDisagreeByMoreThanTheLimit() {
    assertFalse(check(0.85, 0.95, 2.1).passed(SETTINGS));
  }

  @Test
  void failsWhenEitherCorrelationIsBelowTheMinimum() {
    assertFalse(check(0.55, 0.95, 0.5).passed(SETTINGS));
    assertFalse(check(0.85, 0.55, 0.5).passed(SETTINGS));
  }

  @Test
  void vouchesOnlyForFramesWithinItsAge() {
    HeartCheck c = check(0.85, 0.95, 0.5);
    assertTrue(c.covers(14_000_000_000L, SETTINGS));
    assertFalse(c.covers(15_100_000_000L, SETTINGS));
  }

  @Test
  void rejectsSettingsWithoutADisagreementLimit() {
    assertThrows(IllegalArgumentException.class, () -> new HeartVerification(0.6, 0, 10.0, 25.0, null));
  }
}
