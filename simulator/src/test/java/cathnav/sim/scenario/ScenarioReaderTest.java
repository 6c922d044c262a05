package cathnav.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.sim.motion.RespiratoryMotion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

  private static final Path BASE = Path.of("/data/scenarios");

  @Test
  void readsEveryEventTypeInTimeOrder() throws Exception {
    Scenario s = ScenarioReader.parse("""
        {"name": "all", "durationS": 10, "fps": 15,
         "anatomy": {"ct": "ct.nii.gz", "heartMask": "mask.nii.gz"},
         "events": [
           {"type": "breathHold", "atS": 9, "hold": true},
           {"type": "carm", "atS": 2, "durationS": 1.5, "primaryAngle": -30, "secondaryAngle": 10},
           {"type": "table", "atS": 4, "durationS": 1, "offsetMm": [0, 0, 20]},
           {"type": "lead", "atS": 1, "durationS": 8, "insertionMm": 320},
           {"type": "csCatheter", "atS": 0, "durationS": 2, "insertionMm": 200},
           {"type": "contrast", "atS": 5, "durationS": 3, "peak": 0.8},
           {"type": "fps", "atS": 6, "fps": 7.5},
           {"type": "heartRate", "atS": 5, "bpm": 90},
           {"type": "dose", "atS": 7, "doseNGy": 60}]}""", "all.json", BASE);
    assertEquals(9, s.events().size());
    assertInstanceOf(ScenarioEvent.CsCatheterAdvance.class, s.events().get(0));
    assertInstanceOf(ScenarioEvent.BreathHold.class, s.events().get(8));
    assertEquals(BASE.resolve("ct.nii.gz"), s.ct());
    assertEquals(BASE.resolve("mask.nii.gz"), s.heartMask());
  }

  @Test
  void defaultsToThePhantomAndTypicalSettings() throws Exception {
    Scenario s = ScenarioReader.parse("{}", "empty.json", BASE);
    assertNull(s.ct());
    assertEquals(512, s.width());
    assertEquals(15, s.fps());
    assertEquals(12, s.bitDepth().bits());
    assertTrue(s.noise());
  }

  @Test
  void readsTheBreathingDirectionNormalised() throws Exception {
    Scenario s = ScenarioReader.parse("{\"respiration\": {\"amplitudeMm\": 8, \"direction\": [0, 3, -4]}}",
        "breath.json", BASE);
    double[] d = s.respiration().direction();
    assertEquals(0, d[0], 1e-12);
    assertEquals(0.6, d[1], 1e-12);
    assertEquals(-0.8, d[2], 1e-12);
    assertEquals(8, s.respiration().amplitudeMm());
  }

  @Test
  void withoutABreathingDirectionTheTypicalOneIsUsed() throws Exception {
    Scenario s = ScenarioReader.parse("{\"respiration\": {\"amplitudeMm\": 8}}", "breath.json", BASE);
    double[] typical = RespiratoryMotion.TYPICAL.direction();
    for (int i = 0; i < 3; i++) {
      assertEquals(typical[i], s.respiration().direction()[i], 1e-12);
    }
  }

  @Test
  void rejectsAZeroBreathingDirectionNamingTheField() {
    ScenarioFormatException e = assertThrows(ScenarioFormatException.class, () -> ScenarioReader.parse(
        "{\"respiration\": {\"direction\": [0, 0, 0]}}", "breath.json", BASE));
    assertTrue(e.getMessage().contains("respiration.direction"), e.getMessage());
  }

  @Test
  void rejectsUnknownEventTypeNamingTheField() {
    ScenarioFormatException e = assertThrows(ScenarioFormatException.class, () -> ScenarioReader.parse(
        "{\"events\": [{\"type\": \"teleport\", \"atS\": 1}]}", "bad.json", BASE));
    assertTrue(e.getMessage().contains("file=bad.json"), e.getMessage());
    assertTrue(e.getMessage().contains("events[0].type"), e.getMessage());
  }

  @Test
  void rejectsOutOfRangeNumbersNamingTheField() {
    ScenarioFormatException e = assertThrows(ScenarioFormatException.class, () -> ScenarioReader.parse(
        "{\"detector\": {\"width\": 100000}}", "big.json", BASE));
    assertTrue(e.getMessage().contains("detector.width"), e.getMessage());
  }

  @Test
  void rejectsMissingEventFields() {
    ScenarioFormatException e = assertThrows(ScenarioFormatException.class, () -> ScenarioReader.parse(
        "{\"events\": [{\"type\": \"carm\", \"atS\": 1, \"primaryAngle\": 20}]}", "carm.json", BASE));
    assertTrue(e.getMessage().contains("events[0].secondaryAngle"), e.getMessage());
  }

  @Test
  void rejectsTextThatIsNotJson() {
    assertThrows(ScenarioFormatException.class, () -> ScenarioReader.parse("{not json", "x.json", BASE));
  }

  @Test
  void rejectsUnsupportedBitDepth() {
    ScenarioFormatException e = assertThrows(ScenarioFormatException.class,
        () -> ScenarioReader.parse("{\"bits\": 10}", "bits.json", BASE));
    assertTrue(e.getMessage().contains("field=bits"), e.getMessage());
  }
}
