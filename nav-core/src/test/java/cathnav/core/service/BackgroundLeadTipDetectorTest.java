package cathnav.core.service;

import static cathnav.core.testing.Waits.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.gpu.Projection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The background detector's ordering of resets and frames, made deterministic with latches: a scripted detector that
 * logs what it is asked and holds chosen frames until the test lets them go.
 */
class BackgroundLeadTipDetectorTest {

  private static final Projection VIEW = new Projection(2, 2, new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1});

  /** Logs "reset" and "detect N"; reports the first pixel as the tip's u; holds frame N until {@link #release}. */
  private static final class ScriptedDetector implements LeadTipDetector {
    final List<String> log = new CopyOnWriteArrayList<>();
    final Map<Long, CountDownLatch> holds = new ConcurrentHashMap<>();
    final Map<Long, CountDownLatch> entered = new ConcurrentHashMap<>();

    void hold(long seq) {
      holds.put(seq, new CountDownLatch(1));
      entered.put(seq, new CountDownLatch(1));
    }

    void release(long seq) {
      holds.get(seq).countDown();
    }

    void awaitEntered(long seq) throws InterruptedException {
      assertTrue(entered.get(seq).await(10, TimeUnit.SECONDS), "the detector thread never reached frame " + seq);
    }

    @Override
    public LeadTip detect(float[] pixels, LeadTipFrame frame) {
      log.add("detect " + frame.sequence());
      CountDownLatch in = entered.get(frame.sequence());
      if (in != null) {
        in.countDown();
        try {
          holds.get(frame.sequence()).await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new LeadTip(pixels[0], 1, true, frame);
    }

    @Override
    public void reset() {
      log.add("reset");
    }
  }

  private static LeadTipFrame frame(long seq) {
    return new LeadTipFrame(seq, 1_000_000L * seq, VIEW);
  }

  private static float[] pixels(float first) {
    return new float[] {first, 0, 0, 0};
  }

  @Test
  void returnsAtOnceWithTheNewestTipFoundSoFar() throws Exception {
    ScriptedDetector script = new ScriptedDetector();
    script.hold(1);
    try (BackgroundLeadTipDetector d = new BackgroundLeadTipDetector(script)) {
      assertNull(d.detect(pixels(7), frame(1)), "no tip before the first detection finished");
      script.awaitEntered(1);
      assertNull(d.detect(pixels(9), frame(2)), "detect waited for the slow detector");
      script.release(1);
      until("both frames detected", () -> d.finished() >= 2);
      LeadTip tip = d.detect(pixels(11), frame(3));
      assertNotNull(tip);
      assertTrue(tip.frame().sequence() >= 2, "the newest finished tip, seq=" + tip.frame().sequence());
      assertEquals(tip.frame().sequence() == 2 ? 9f : 11f, tip.u(), "the tip comes with the frame it was found in");
    }
  }

  @Test
  void resetIsAppliedAfterTheFrameInFlightAndBeforeTheNextFrame() throws Exception {
    ScriptedDetector script = new ScriptedDetector();
    script.hold(1);
    try (BackgroundLeadTipDetector d = new BackgroundLeadTipDetector(script)) {
      d.detect(pixels(1), frame(1));
      script.awaitEntered(1);
      d.reset();
      d.detect(pixels(2), frame(2));
      script.release(1);
      until("frame 2 detected", () -> d.finished() >= 2);
      assertEquals(List.of("detect 1", "reset", "detect 2"), script.log);
    }
  }

  @Test
  void aFrameWaitingWhenResetIsCalledIsNeverDetectedAfterTheReset() throws Exception {
    ScriptedDetector script = new ScriptedDetector();
    script.hold(1);
    try (BackgroundLeadTipDetector d = new BackgroundLeadTipDetector(script)) {
      d.detect(pixels(1), frame(1));
      script.awaitEntered(1);
      d.detect(pixels(2), frame(2)); // waits in the slot: the detector is busy with frame 1
      d.reset();
      d.detect(pixels(3), frame(3)); // replaces frame 2
      script.release(1);
      until("frame 3 detected", () -> d.finished() >= 2);
      assertEquals(List.of("detect 1", "reset", "detect 3"), script.log);
    }
  }

  @Test
  void aTipOfAFrameOfferedBeforeTheResetIsNeverReturned() throws Exception {
    ScriptedDetector script = new ScriptedDetector();
    script.hold(1);
    script.hold(2);
    try (BackgroundLeadTipDetector d = new BackgroundLeadTipDetector(script)) {
      d.detect(pixels(1), frame(1));
      script.awaitEntered(1);
      d.reset();
      d.detect(pixels(2), frame(2));
      script.release(1);
      // the detector thread publishes frame 1's tip before it takes frame 2
      script.awaitEntered(2);
      assertEquals(1, d.finished());
      assertNull(d.detect(pixels(3), frame(3)), "frame 1's tip came back after the reset");
      script.release(2);
      until("frames 2 and 3 detected", () -> d.finished() >= 3);
      LeadTip tip = d.detect(pixels(4), frame(4));
      assertNotNull(tip, "tips of frames after the reset are returned");
      assertTrue(tip.frame().sequence() >= 3, "seq=" + tip.frame().sequence());
    }
  }

  @Test
  void tipsFinishedBeforeAResetAreForgottenByIt() throws Exception {
    ScriptedDetector script = new ScriptedDetector();
    script.hold(2);
    try (BackgroundLeadTipDetector d = new BackgroundLeadTipDetector(script)) {
      d.detect(pixels(1), frame(1));
      until("frame 1 detected", () -> d.finished() >= 1);
      d.reset();
      assertNull(d.detect(pixels(2), frame(2)), "frame 1's tip survived the reset");
      script.release(2);
    }
  }

  @Test
  void pixelCopiesAreRecycledNotAllocatedPerFrame() throws Exception {
    java.util.Set<float[]> buffers = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    LeadTipDetector recording = (pixels, frame) -> {
      synchronized (buffers) {
        buffers.add(pixels);
      }
      return new LeadTip(pixels[0], 0, true, frame);
    };
    try (BackgroundLeadTipDetector d = new BackgroundLeadTipDetector(recording)) {
      for (long seq = 1; seq <= 50; seq++) {
        d.detect(pixels(seq), frame(seq));
        long done = seq;
        until("frame " + done + " detected", () -> d.finished() >= done);
      }
      LeadTip last = d.detect(pixels(51), frame(51));
      assertTrue(last.frame().sequence() >= 50, "seq=" + last.frame().sequence());
      assertEquals((float) last.frame().sequence(), last.u(), "each frame's own pixels were detected");
    }
    synchronized (buffers) {
      assertTrue(buffers.size() <= 3, "distinct pixel buffers over 50 frames: " + buffers.size());
    }
  }

  @Test
  void closeStopsTheThreadAndClosesTheWrappedDetector() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    LeadTipDetector inner = new LeadTipDetector() {
      @Override
      public LeadTip detect(float[] pixels, LeadTipFrame frame) {
        return null;
      }

      @Override
      public void close() {
        closed.countDown();
      }
    };
    BackgroundLeadTipDetector d = new BackgroundLeadTipDetector(inner);
    d.close();
    assertTrue(closed.await(0, TimeUnit.SECONDS), "the wrapped detector was not closed");
  }
}
