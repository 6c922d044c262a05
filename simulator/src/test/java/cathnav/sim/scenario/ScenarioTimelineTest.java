package cathnav.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.Vec3;
import cathnav.sim.AcquisitionState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTimelineTest {

  private static ScenarioTimeline timeline(String json) throws Exception {
    return new ScenarioTimeline(ScenarioReader.parse(json, "t.json", Path.of(".")), new Vec3(1, 2, 3));
  }

  @Test
  void frameTimesFollowFrameRateChanges() throws Exception {
    ScenarioTimeline t = timeline("{\"durationS\": 2, \"fps\": 10, \"events\": [{\"type\": \"fps\", \"atS\": 1,"
        + " \"fps\": 5}]}");
    List<Double> times = t.frameTimes();
    assertEquals(10 + 5, times.size());
    assertEquals(0.9, times.get(9), 1e-9);
    assertEquals(1.2, times.get(11), 1e-9);
  }

  @Test
  void carmRampsLinearlyToItsTarget() throws Exception {
    ScenarioTimeline t = timeline("{\"carm\": {\"primaryAngle\": 0, \"secondaryAngle\": 0}, \"events\": ["
        + "{\"type\": \"carm\", \"atS\": 1, \"durationS\": 2, \"primaryAngle\": 40, \"secondaryAngle\": -20}]}");
    assertEquals(0, t.carmAt(0.5).primaryAngleDeg(), 1e-12);
    assertEquals(20, t.carmAt(2).primaryAngleDeg(), 1e-12);
    assertEquals(-10, t.carmAt(2).secondaryAngleDeg(), 1e-12);
    assertEquals(40, t.carmAt(5).primaryAngleDeg(), 1e-12);
    assertEquals(new Vec3(1, 2, 3), t.carmAt(0).isocenter());
  }

  @Test
  void framesDuringACarmMoveArePassingAndTheViewsEitherSideAreHeld() throws Exception {
    ScenarioTimeline t = timeline("{\"durationS\": 3, \"fps\": 10, \"carm\": {\"primaryAngle\": 0,"
        + " \"secondaryAngle\": 0}, \"events\": [{\"type\": \"carm\", \"atS\": 1.05, \"durationS\": 1,"
        + " \"primaryAngle\": 30, \"secondaryAngle\": 0}]}");
    // frames every 0.1 s from 0; the move runs from 1.05 s (frame 10 still at AP) to 2.05 s (frame 21 at LAO 30)
    for (int i = 0; i <= 10; i++) {
      assertFalse(t.viewPassing(i), "frame " + i + " is at AP");
    }
    for (int i = 11; i <= 20; i++) {
      assertTrue(t.viewPassing(i), "frame " + i + " is mid-move");
    }
    for (int i = 21; i < 30; i++) {
      assertFalse(t.viewPassing(i), "frame " + i + " is at LAO 30");
    }
    assertEquals(List.of(0, 21), t.heldViewStarts());
  }

  @Test
  void aViewReturnedToIsListedOnceAmongHeldViews() throws Exception {
    ScenarioTimeline t = timeline("{\"durationS\": 3, \"fps\": 10, \"events\": ["
        + "{\"type\": \"carm\", \"atS\": 1.05, \"durationS\": 0, \"primaryAngle\": 30, \"secondaryAngle\": 0},"
        + "{\"type\": \"carm\", \"atS\": 2.05, \"durationS\": 0, \"primaryAngle\": 0, \"secondaryAngle\": 0}]}");
    // AP from frame 0, LAO 30 from frame 11, AP again from frame 21
    assertEquals(List.of(0, 11), t.heldViewStarts());
  }

  @Test
  void leadAdvancesFromItsInitialInsertion() throws Exception {
    ScenarioTimeline t = timeline("{\"leadInsertionMm\": 100, \"events\": [{\"type\": \"lead\", \"atS\": 2,"
        + " \"durationS\": 4, \"insertionMm\": 300}]}");
    assertEquals(100, t.stateAt(1).leadInsertionMm(), 1e-12);
    assertEquals(200, t.stateAt(4).leadInsertionMm(), 1e-12);
    assertEquals(300, t.stateAt(9).leadInsertionMm(), 1e-12);
  }

  @Test
  void contrastBolusPeaksAThirdOfTheWayThrough() throws Exception {
    ScenarioTimeline t = timeline("{\"events\": [{\"type\": \"contrast\", \"atS\": 1, \"durationS\": 3,"
        + " \"peak\": 0.8}]}");
    assertEquals(0, t.stateAt(0.5).contrast(), 1e-12);
    assertEquals(0.8, t.stateAt(2).contrast(), 1e-12);
    assertTrue(t.stateAt(1.5).contrast() < 0.8 && t.stateAt(3).contrast() < 0.8);
  }

  @Test
  void tableMoveTranslatesThePatient() throws Exception {
    ScenarioTimeline t = timeline("{\"events\": [{\"type\": \"table\", \"atS\": 0, \"durationS\": 0,"
        + " \"offsetMm\": [5, -3, 20]}]}");
    AcquisitionState s = t.stateAt(0.1);
    assertEquals(new Vec3(5, -3, 20), s.patientPose().translation());
  }

  @Test
  void stepsApplyFromTheirStartTime() throws Exception {
    ScenarioTimeline t = timeline("{\"doseNGy\": 30, \"events\": [{\"type\": \"dose\", \"atS\": 2, \"doseNGy\": 60},"
        + " {\"type\": \"heartRate\", \"atS\": 3, \"bpm\": 110}, {\"type\": \"breathHold\", \"atS\": 4,"
        + " \"hold\": true}]}");
    assertEquals(30, t.stateAt(1.9).doseNGy(), 1e-12);
    assertEquals(60, t.stateAt(2).doseNGy(), 1e-12);
    assertEquals(110, t.heartRateAt(3.5), 1e-12);
    assertFalse(t.breathHoldAt(3.9));
    assertTrue(t.breathHoldAt(4));
  }
}
