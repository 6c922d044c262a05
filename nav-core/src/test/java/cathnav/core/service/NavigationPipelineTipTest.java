package cathnav.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.overlay.GuidanceState;
import cathnav.core.overlay.Overlay;
import cathnav.core.overlay.OverlayProjector;
import cathnav.core.overlay.OverlayRole;
import cathnav.core.overlay.OverlayShape;
import cathnav.core.overlay.Readouts;
import cathnav.core.overlay.TestMeshes;
import cathnav.core.overlay.TipConstraint;
import cathnav.core.overlay.TipState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's lead-tip gate, driven frame by frame on the test thread: which tips give readouts, how the others
 * are drawn, and when the detector is reset. The model is a sphere at the isocentre (segments 5 and 11, target 11)
 * tracked at the identity pose, so a tip on the central ray lies over it.
 */
class NavigationPipelineTipTest {

  private static final long INTERVAL = 66_666_667L; // 15 fps
  private static final FrameGeometry AP = ServiceFixtures.geometry();
  private static final FrameGeometry LAO30 =
      FrameGeometry.of(CArmGeometry.of(30, 0, 1200, 700, ServiceFixtures.W, ServiceFixtures.H, 0.6, 0.6));

  /** Answers each frame with what the test's function gives, and logs "reset" and "detect N". */
  private static final class ScriptedDetector implements LeadTipDetector {
    final List<String> log = new ArrayList<>();
    Function<LeadTipFrame, LeadTip> answer = f -> null;

    @Override
    public LeadTip detect(float[] pixels, LeadTipFrame frame) {
      log.add("detect " + frame.sequence());
      return answer.apply(frame);
    }

    @Override
    public void reset() {
      log.add("reset");
    }
  }

  private final List<FrameOutcome> outcomes = new ArrayList<>();
  private final ScriptedDetector detector = new ScriptedDetector();
  private LatestFrameSlot<ReceivedFrame> slot;
  private NavigationPipeline pipeline;

  @BeforeEach
  void start() {
    open(ServiceFixtures.fixedTrackers());
  }

  /** A pipeline on {@code trackers} with the sphere model, frames offered one by one. */
  private void open(TrackerFactory trackers) {
    slot = new LatestFrameSlot<>(ReceivedFrame::release);
    GuidanceSink sink = new GuidanceSink() {
      @Override
      public void publish(FrameOutcome outcome) {
        outcomes.add(outcome);
      }

      @Override
      public void publishDisplay(DisplayFrame frame) {}

      @Override
      public boolean displaysWanted() {
        return false;
      }

      @Override
      public void problem(int code, String errorName, String message) {}

      @Override
      public void modelChanged(ProcedureModel model) {}
    };
    pipeline = new NavigationPipeline(slot, sink, new StageLatencies(new SimpleMeterRegistry()),
        trackers, detector, "java", new GuidancePolicy(0.5, 5), 256);
    pipeline.submit(new PipelineCommand.LoadModel(ServiceFixtures.sphereModel(11)));
  }

  @AfterEach
  void stop() {
    pipeline.onClose();
  }

  /** Runs frame {@code seq} (time stamp {@code seq} intervals) in {@code view} and returns its overlay. */
  private Overlay run(long seq, FrameGeometry view) {
    ReceivedFrame f = ServiceFixtures.frame(seq, seq * INTERVAL);
    slot.offer(new ReceivedFrame(f.sequence(), f.receivedNanos(), f.sourceTimestampNanos(), f.device(), f.peer(),
        view, f.pixels()));
    pipeline.doWork();
    Overlay o = outcomes.get(outcomes.size() - 1).overlay();
    assertEquals(seq, o.frameSequence());
    return o;
  }

  private static LeadTip centreTip(LeadTipFrame frame, boolean confirmed) {
    return new LeadTip((ServiceFixtures.W - 1) / 2f, (ServiceFixtures.H - 1) / 2f, confirmed, frame);
  }

  private static List<OverlayShape> tipShapes(Overlay o) {
    return o.shapes().stream().filter(s -> s.role() == OverlayRole.LEAD_TIP
        || s.role() == OverlayRole.LEAD_TIP_UNCONFIRMED || s.role() == OverlayRole.LABEL).toList();
  }

  private static void assertNoTipReadouts(Readouts r) {
    assertEquals(0, r.segmentUnderTip(), "segment under an unusable tip");
    assertTrue(Double.isNaN(r.distanceToTargetMm()), "distance from an unusable tip: " + r.distanceToTargetMm());
    assertEquals(TipConstraint.NONE, r.tipConstraint());
  }

  @Test
  void confirmedTipOfThisFrameGivesReadouts() {
    detector.answer = f -> centreTip(f, true);
    Overlay o = run(1, AP);
    Readouts r = o.readouts();
    assertEquals(GuidanceState.TRACKING, r.state());
    assertEquals(TipState.CONFIRMED, r.tipState());
    assertTrue(r.segmentUnderTip() == 5 || r.segmentUnderTip() == 11, "the tip on the central ray lies over the"
        + " sphere, segment=" + r.segmentUnderTip());
    assertTrue(Double.isFinite(r.distanceToTargetMm()));
    assertEquals(List.of(OverlayRole.LEAD_TIP), tipShapes(o).stream().map(OverlayShape::role).toList());
  }

  /**
   * The heart moves 8 mm to the patient's left between frames 1 and 3, and the detector, running behind, still has
   * frame 1's confirmed tip at frame 3: the tip is placed with frame 1's pose (segment and distance as in frame 1)
   * and its marker moves on with the heart (about 23 pixels at this magnification, 0.6 mm pixels).
   */
  @Test
  void aTipSeenAFewFramesBackIsPlacedWithItsOwnFramesPoseAndMovesWithTheHeart() {
    pipeline.onClose();
    open(movingAlongX(true));
    detector.answer = frameOnesTipEver();
    Overlay first = run(1, AP);
    run(2, AP);
    Overlay third = run(3, AP);
    assertEquals(TipState.CONFIRMED, third.readouts().tipState(), "a tip two frames old is current");
    assertTrue(first.readouts().segmentUnderTip() > 0, "segment under the tip in frame 1");
    assertEquals(first.readouts().segmentUnderTip(), third.readouts().segmentUnderTip());
    assertEquals(first.readouts().distanceToTargetMm(), third.readouts().distanceToTargetMm(), 1e-9);
    OverlayShape.Marker a = tipMarker(first);
    OverlayShape.Marker b = tipMarker(third);
    double du = b.u() - a.u();
    assertTrue(Math.abs(du) > 20 && Math.abs(du) < 26, "the marker moved " + du + " px with the heart's 8 mm");
    assertEquals(a.v(), b.v(), 0.5, "the heart moved across, not up or down");
  }

  /**
   * Every frame's pose comes from a registration on that frame, 4 mm along x from the last (corrections, not the
   * heart's motion): frame 1's tip, still the detector's newest in frame 3, is drawn where the detector saw it and
   * placed with frame 3's pose, as a tip of frame 3 at the same pixel is.
   */
  @Test
  void aPoseFromANewRegistrationIsNotTakenForTheHeartsMotion() {
    pipeline.onClose();
    open(movingAlongX(false));
    detector.answer = frameOnesTipEver();
    Overlay first = run(1, AP);
    run(2, AP);
    Overlay lagging = run(3, AP);
    pipeline.onClose();
    open(movingAlongX(false));
    detector.answer = f -> centreTip(f, true);
    run(1, AP);
    run(2, AP);
    Overlay fresh = run(3, AP);
    assertEquals(TipState.CONFIRMED, lagging.readouts().tipState());
    assertEquals(tipMarker(first).u(), tipMarker(lagging).u(), 1e-6, "drawn where the detector saw it");
    assertEquals(tipMarker(first).v(), tipMarker(lagging).v(), 1e-6);
    assertEquals(fresh.readouts().segmentUnderTip(), lagging.readouts().segmentUnderTip());
    assertEquals(fresh.readouts().distanceToTargetMm(), lagging.readouts().distanceToTargetMm(), 1e-9);
  }

  /**
   * Trackers whose pose moves 4 mm along x a frame from frame 1; {@code oneRegistration}: every pose follows one
   * registration, made at source time 0 (the heart moving), else each is registered on its own frame (corrections).
   */
  private static TrackerFactory movingAlongX(boolean oneRegistration) {
    return (model, backend) -> new ScriptedTracker((pixels, g, timestamp) -> new PoseEstimate(
        PoseEstimate.TrackerPhase.TRACKING, TestMeshes.translation(4.0 * (timestamp / INTERVAL - 1), 0, 0), 0.95,
        oneRegistration ? timestamp : 0, 1));
  }

  /** A detector answer that finds a confirmed tip at the centre in frame 1 and never finishes another. */
  private static Function<LeadTipFrame, LeadTip> frameOnesTipEver() {
    LeadTip[] seen = new LeadTip[1];
    return f -> {
      if (f.sequence() == 1) {
        seen[0] = centreTip(f, true);
      }
      return seen[0];
    };
  }

  private static OverlayShape.Marker tipMarker(Overlay o) {
    return o.shapes().stream().filter(s -> s.role() == OverlayRole.LEAD_TIP).map(OverlayShape.Marker.class::cast)
        .findFirst().orElseThrow(() -> new AssertionError("no lead tip drawn in frame " + o.frameSequence()));
  }

  @Test
  void unconfirmedTipGivesNoReadoutsAndIsDrawnAsATipQuestionRing() {
    detector.answer = f -> centreTip(f, false);
    Overlay o = run(1, AP);
    Readouts r = o.readouts();
    assertEquals(TipState.UNCONFIRMED, r.tipState());
    assertNoTipReadouts(r);
    assertTrue(r.message().contains(NavigationPipeline.UNCONFIRMED_TIP_MESSAGE), r.message());
    List<OverlayShape> tip = tipShapes(o);
    assertEquals(List.of(OverlayRole.LEAD_TIP_UNCONFIRMED, OverlayRole.LABEL),
        tip.stream().map(OverlayShape::role).toList());
    assertEquals(OverlayProjector.UNCONFIRMED_TIP_TEXT, ((OverlayShape.Label) tip.get(1)).text());
  }

  @Test
  void confirmedTipFromAnotherViewGivesNoReadoutsAndIsNotDrawn() {
    run(1, AP);
    // a detector running behind hands back frame 1's tip (AP) on frame 2 (LAO 30)
    LeadTipFrame apFrame = new LeadTipFrame(1, INTERVAL, AP.projection());
    detector.answer = f -> centreTip(apFrame, true);
    Overlay o = run(2, LAO30);
    assertEquals(TipState.STALE, o.readouts().tipState());
    assertNoTipReadouts(o.readouts());
    assertEquals(List.of(), tipShapes(o), "a tip of the old view was drawn");
    assertTrue(o.readouts().message().contains(NavigationPipeline.STALE_TIP_MESSAGE), o.readouts().message());
  }

  @Test
  void confirmedTipOlderThanThreeFrameIntervalsGivesNoReadoutsAndIsNotDrawn() {
    for (long seq = 1; seq <= 4; seq++) {
      run(seq, AP);
    }
    LeadTipFrame old = new LeadTipFrame(1, INTERVAL, AP.projection());
    detector.answer = f -> centreTip(old, true);
    Overlay atBound = run(4, AP); // frame 4 is three intervals after frame 1: still current
    assertEquals(TipState.CONFIRMED, atBound.readouts().tipState());
    Overlay pastBound = run(5, AP); // four intervals
    assertEquals(TipState.STALE, pastBound.readouts().tipState());
    assertNoTipReadouts(pastBound.readouts());
    assertEquals(List.of(), tipShapes(pastBound));
  }

  @Test
  void detectorIsResetBeforeTheFirstFrameOfANewViewOnly() {
    run(1, AP);
    run(2, AP);
    run(3, LAO30);
    run(4, LAO30);
    assertEquals(List.of("detect 1", "detect 2", "reset", "detect 3", "detect 4"), detector.log);
  }

  @Test
  void framesAreCountedPerTipStateAndResetsPerViewChange() {
    detector.answer = f -> centreTip(f, f.sequence() != 2);
    run(1, AP);
    run(2, AP);
    detector.answer = f -> null;
    run(3, LAO30);
    assertEquals(1, pipeline.framesWithTipState(TipState.CONFIRMED));
    assertEquals(1, pipeline.framesWithTipState(TipState.UNCONFIRMED));
    assertEquals(1, pipeline.framesWithTipState(TipState.NONE));
    assertEquals(0, pipeline.framesWithTipState(TipState.STALE));
    assertEquals(1, pipeline.leadDetectorResets());
  }

  @Test
  void confirmedTipJumpingFurtherThanALeadMovesGivesNoReadouts() {
    detector.answer = f -> centreTip(f, true);
    assertEquals(TipState.CONFIRMED, run(1, AP).readouts().tipState());
    // 100 pixels = 35 mm at the isocentre one frame later: no lead moves that fast
    detector.answer = f -> new LeadTip((ServiceFixtures.W - 1) / 2f + 100, (ServiceFixtures.H - 1) / 2f, true, f);
    Overlay o = run(2, AP);
    assertEquals(TipState.UNCONFIRMED, o.readouts().tipState());
    assertNoTipReadouts(o.readouts());
    assertTrue(o.readouts().message().contains(NavigationPipeline.JUMPED_TIP_MESSAGE), o.readouts().message());
    assertEquals(List.of(OverlayRole.LEAD_TIP_UNCONFIRMED, OverlayRole.LABEL),
        tipShapes(o).stream().map(OverlayShape::role).toList());
    // it stays there: accepted once the last accepted tip is older than the gate's age bound (3 intervals)
    assertEquals(TipState.UNCONFIRMED, run(4, AP).readouts().tipState());
    assertEquals(TipState.CONFIRMED, run(5, AP).readouts().tipState());
  }

  @Test
  void noTipSaysNone() {
    Overlay o = run(1, AP);
    assertEquals(TipState.NONE, o.readouts().tipState());
    assertNoTipReadouts(o.readouts());
    assertNotNull(o.readouts().message());
    assertEquals(List.of(), tipShapes(o));
  }
}
