package cathnav.sim.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhysiologicalMotionTest {

  @Test
  void respiratoryDisplacementPeaksAtEndInspirationAlongItsDirection() {
    RespiratoryMotion r = new RespiratoryMotion(12, 4, new double[] {0, 0, -2});
    assertArrayEquals(new double[] {0, 0, 0}, r.displacement(0), 1e-12);
    assertArrayEquals(new double[] {0, 0, -12}, r.displacement(0.5), 1e-12);
    assertArrayEquals(new double[] {0, 0, 0}, r.displacement(1.0), 1e-12);
  }

  @Test
  void cardiacContractionIsContinuousAndPeaksAtEndSystole() {
    CardiacMotion c = CardiacMotion.TYPICAL;
    assertEquals(0, c.contraction(0), 1e-12);
    assertEquals(1, c.contraction(c.systoleFraction()), 1e-12);
    double previous = c.contraction(0);
    for (int i = 1; i <= 1000; i++) {
      double f = c.contraction(i / 1000.0);
      assertTrue(Math.abs(f - previous) < 0.02, "jump at phase " + i / 1000.0);
      previous = f;
    }
  }

  @Test
  void phasesAdvanceWithRateAndPeriod() {
    PhysiologicalMotion m = new PhysiologicalMotion(RespiratoryMotion.TYPICAL, CardiacMotion.TYPICAL, 0, 0);
    MotionState s = m.advance(0.5);
    assertEquals(0.5 * 72 / 60.0, s.ecgPhase(), 1e-12);
    assertEquals(0.5 / 4, s.respiratoryPhase(), 1e-12);
    assertEquals(0.5, s.timeS(), 1e-12);
  }

  @Test
  void heartRateChangeKeepsEcgPhaseContinuous() {
    PhysiologicalMotion m = new PhysiologicalMotion(RespiratoryMotion.NONE, CardiacMotion.TYPICAL, 0.2, 0);
    double before = m.state().ecgPhase();
    m.setHeartRate(120);
    assertEquals(before, m.state().ecgPhase(), 1e-12);
    assertEquals(before + 0.1 * 2, m.advance(0.1).ecgPhase(), 1e-12);
  }

  @Test
  void displacementSumsRespiratoryAndCardiacParts() {
    PhysiologicalMotion m = new PhysiologicalMotion(RespiratoryMotion.TYPICAL, CardiacMotion.TYPICAL, 0.3, 0.4);
    MotionState s = m.state();
    double[] r = RespiratoryMotion.TYPICAL.displacement(0.4);
    double[] c = CardiacMotion.TYPICAL.displacement(0.3);
    assertArrayEquals(new double[] {r[0] + c[0], r[1] + c[1], r[2] + c[2]}, s.translationMm(), 1e-12);
    assertEquals(CardiacMotion.TYPICAL.twistDeg(0.3), s.twistDeg(), 1e-12);
  }
}
