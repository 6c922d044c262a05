package cathnav.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cathnav.core.geometry.Vec3;
import cathnav.core.overlay.GuidanceMesh;
import cathnav.core.tracking.RegistrationModel;
import cathnav.sim.SimulatedFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on the real data: the model the demo chooses when the shared folder holds the real CT, its heart mask and
 * the four-chamber meshes (fitted to the mask), streamed briefly from the simulator rendering that CT through the
 * service (registration tracker, java backend) to an independent OpenIGTLink peer.
 */
class RealCtDemoIT {

  @TempDir Path cache;

  private static Path sharedData() {
    String dir = System.getProperty("cathnav.shared.data");
    if (dir == null || !Files.isDirectory(Path.of(dir))) {
      fail("shared data folder missing (system property cathnav.shared.data), value=" + dir);
    }
    return Path.of(dir);
  }

  @Test
  void realCtModelRunsThroughTheServiceWithAnOverlayPerFrame() throws Exception {
    DemoModels.Choice choice = DemoModels.choose(sharedData(), cache, false);
    assertTrue(choice.realData(), "the demo fell back to the phantom: " + choice.reason());
    assertTrue(choice.reason().contains("another patient"), choice.reason());
    DemoProcedure procedure = choice.procedure();
    RegistrationModel registration = (RegistrationModel) procedure.model().registrationData();
    assertTrue(registration.heart() != null, "the real heart mask is the model's heart region");
    assertEquals(SimulatedProcedure.TARGET, procedure.model().targetSegment());
    // the lead the simulator advances ends over the target segment of the fitted LV
    List<Vec3> lead = procedure.scene().veins().leadRoute().points();
    Vec3 tip = lead.get(lead.size() - 1);
    GuidanceMesh lv = procedure.model().guidance().leftVentricle();
    int nearestSegment = 0;
    double nearest = Double.MAX_VALUE;
    for (int t = 0; t < lv.triangleCount(); t++) {
      double d = 0;
      for (int a = 0; a < 3; a++) {
        double c = (lv.vertex(lv.corner(t, 0), a) + lv.vertex(lv.corner(t, 1), a) + lv.vertex(lv.corner(t, 2), a)) / 3;
        double q = a == 0 ? tip.x() : a == 1 ? tip.y() : tip.z();
        d += (c - q) * (c - q);
      }
      if (d < nearest) {
        nearest = d;
        nearestSegment = lv.segment(t);
      }
    }
    assertEquals(SimulatedProcedure.TARGET, nearestSegment, "segment nearest the lead's end");
    assertTrue(Math.sqrt(nearest) < 8, "lead end " + Math.sqrt(nearest) + " mm from the LV surface");

    // 5 fps: the point is the real-data model through the service, not throughput on a shared machine
    double fps = 5;
    List<SimulatedFrame> frames = E2eBench.render(procedure, SimulatedProcedure.scenario(6, fps, 256), 20);
    LoopbackRun run = new LoopbackRun(procedure.model());
    int sent = 30;
    run.send(frames, sent, fps);
    // latest frame wins: a frame that arrives while the pipeline is busy replaces the waiting one and is counted as
    // dropped (on a loaded machine a few are); every other frame must be answered
    long dropped = run.awaitAnswers(sent);
    Map<Long, double[]> truth = run.truth;
    Map<Long, double[]> poses = run.poses;
    Map<Long, Boolean> overlays = run.overlays;
    String modelName = run.server.service().health().getString("model");
    double[] c = procedure.lvCentre().toArray();
    List<Double> errors = new ArrayList<>();
    for (Map.Entry<Long, double[]> e : poses.entrySet()) {
      if (truth.containsKey(e.getKey())) {
        errors.add(DemoStatus.displacementAt(e.getValue(), truth.get(e.getKey()), c));
      }
    }
    Collections.sort(errors);
    System.out.printf("real-ct e2e: sent=%d overlays=%d dropped=%d transforms=%d medianErrorMm=%.2f "
        + "worstErrorMm=%.2f model=%s%n", sent, overlays.size(), dropped, poses.size(),
        errors.isEmpty() ? Double.NaN : errors.get(errors.size() / 2),
        errors.isEmpty() ? Double.NaN : errors.get(errors.size() - 1), modelName);
    run.close();

    assertEquals(procedure.model().name(), modelName);
    assertEquals(0, overlays.keySet().stream().filter(ts -> !truth.containsKey(ts)).count(),
        "overlays with a time stamp no frame had");
    assertEquals(sent, overlays.size() + dropped, "every frame answered or dropped as superseded, overlays="
        + overlays.size() + ", dropped=" + dropped);
    assertTrue(overlays.size() >= sent / 2, "overlays for " + overlays.size() + " of " + sent + " frames");
    assertTrue(!errors.isEmpty(), "no registration transform matched a frame");
  }
}
