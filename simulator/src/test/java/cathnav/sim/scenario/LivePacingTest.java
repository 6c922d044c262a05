package cathnav.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.Vec3;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import cathnav.sim.FluoroscopySimulator;
import cathnav.sim.FrameSink;
import cathnav.sim.SimulatedFrame;
import cathnav.sim.SimulatorOptions;
import cathnav.sim.phantom.PhantomVolumes;
import cathnav.sim.phantom.ThoraxPhantom;
import cathnav.sim.render.AnatomyScene;
import cathnav.sim.render.HeartRendering;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scenario with a C-arm move played as a live source ({@link Pacing#LIVE}) through the real simulator. */
class LivePacingTest {

  private static final String SCENARIO = "{\"durationS\": 2, \"fps\": 10, \"noise\": false,"
      + " \"detector\": {\"width\": 64, \"height\": 64, \"pixelSpacingMm\": 4},"
      + " \"respiration\": {\"amplitudeMm\": 0, \"periodS\": 4}, \"cardiac\": {\"heartRateBpm\": 70,"
      + " \"amplitudeMm\": 0}, \"events\": [{\"type\": \"carm\", \"atS\": 0.55, \"durationS\": 0.8,"
      + " \"primaryAngle\": 30, \"secondaryAngle\": 0}]}";

  private static List<SimulatedFrame> playLive() throws Exception {
    Scenario scenario = ScenarioReader.parse(SCENARIO, "live.json", Path.of("."));
    ThoraxPhantom phantom = ThoraxPhantom.standard();
    AnatomyScene scene = PhantomVolumes.rasterise(phantom, 4.0).scene(phantom, "phantom-4mm");
    ScenarioTimeline timeline = new ScenarioTimeline(scenario, new Vec3(0, 0, 0));
    List<SimulatedFrame> frames = new ArrayList<>();
    // a moved heart at a held view is cast at full resolution: only a passing view is coarse
    SimulatorOptions options = SimulatorOptions.DEFAULT.withMotion(scenario.respiration(), scenario.cardiac())
        .withHeartScale(1);
    try (ComputeBackend backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
        FluoroscopySimulator sim = new FluoroscopySimulator(backend, scene, options)) {
      new ScenarioRunner(timeline, sim).run(new FrameSink() {
        @Override
        public void accept(SimulatedFrame frame) {
          frames.add(frame);
        }

        @Override
        public void complete() {}

        @Override
        public void close() {}
      }, Pacing.LIVE, i -> {});
    }
    return frames;
  }

  @Test
  void liveSourceHandsOverFramesInAcquisitionOrderAndRendersTheMoveCoarse() throws Exception {
    List<SimulatedFrame> frames = playLive();
    assertFalse(frames.isEmpty());
    double previous = -1;
    int passing = 0;
    for (SimulatedFrame f : frames) {
      double t = f.truth().timeS();
      assertTrue(t > previous, "frames go out in acquisition order, never repeated: " + t + " after " + previous);
      previous = t;
      boolean moving = t > 0.55 + 1e-9 && t < 1.35 - 1e-9;
      if (moving) {
        passing++;
        assertEquals(HeartRendering.EXACT_COARSE, f.truth().heartRendering(), "frame at " + t + " s is mid-move");
        assertEquals(4, f.truth().heartRenderScale(), "frame at " + t + " s is mid-move");
      } else {
        assertNotEquals(HeartRendering.EXACT_COARSE, f.truth().heartRendering(), "frame at " + t + " s is at a held view");
      }
    }
    System.out.println("framesHandedOver=" + frames.size() + ", passing=" + passing);
  }
}
