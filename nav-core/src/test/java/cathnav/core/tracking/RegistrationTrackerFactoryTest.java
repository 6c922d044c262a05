package cathnav.core.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.overlay.GuidanceModel;
import cathnav.core.overlay.TestMeshes;
import cathnav.core.service.FixedPoseTracker;
import cathnav.core.service.FrameTracker;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.ProcedureModel;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationTrackerFactoryTest {

  private static ProcedureModel model(Object registrationData) {
    GuidanceModel g = new GuidanceModel("sphere", TestMeshes.sphere(new double[] {0, 0, 0}, 30, 8, 16, c -> 1),
        List.of());
    return new ProcedureModel("case7", g, registrationData, 0);
  }

  @Test
  void javaBackendGivesTheMotionCompensatedTracker() {
    try (FrameTracker t = RegistrationTrackerFactory.withDefaults().open(model(TrackingFixture.MODEL), "java")) {
      assertInstanceOf(MotionCompensatedTracker.class, t);
      assertEquals("java", t.backendName());
    }
  }

  @Test
  void aModelWithoutCtIsRefusedNamingTheModel() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RegistrationTrackerFactory.withDefaults().open(model(null), "java"));
    assertTrue(e.getMessage().contains("case7"), e.getMessage());
  }

  @Test
  void aModelWithoutCtGoesToTheFallbackFactory() {
    FrameTracker fixed = new FixedPoseTracker(PoseEstimate.identity(), "java");
    FrameTracker t = RegistrationTrackerFactory.withDefaults().orElse((m, b) -> fixed).open(model(null), "java");
    assertSame(fixed, t);
  }

  @Test
  void autoOpensTheHeartModeTrackerUnderTheNameOfTheBackendItResolvedTo() {
    String best;
    try (ComputeBackend probe = ComputeBackends.select("auto", FallbackPolicy.FAIL).backend()) {
      best = probe.name();
    }
    try (FrameTracker t = HeartBreathingScenario.FACTORY.open(
        HeartBreathingScenario.procedureModel(HeartFrames.MODEL), "auto")) {
      assertInstanceOf(MotionCompensatedTracker.class, t);
      assertEquals(best, t.backendName(), "the background opens the resolved backend, not \"auto\"");
    }
  }
}
