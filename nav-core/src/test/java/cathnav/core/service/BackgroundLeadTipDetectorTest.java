package cathnav.core.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackgroundLeadTipDetectorTest {

  @Test
  void returnsAtOnceWithTheNewestTipFoundSoFar() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean firstDetectionFinished = new AtomicBoolean();
    // a detector that takes as long as the test says, and reports the first pixel as the tip's u
    LeadTipDetector slow = (px, w, h) -> {
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      firstDetectionFinished.set(true);
      return new float[] {px[0], 1};
    };
    try (BackgroundLeadTipDetector d = new BackgroundLeadTipDetector(slow)) {
      assertNull(d.detect(new float[] {7, 0, 0, 0}, 2, 2), "no tip before the first detection finished");
      // the detector is still held by the latch: had detect waited for it, it would have finished (timed out)
      assertFalse(firstDetectionFinished.get(), "detect waited for the slow detector");
      release.countDown();
      float[] tip = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (tip == null && System.nanoTime() < deadline) {
        Thread.sleep(5);
        tip = d.detect(new float[] {9, 0, 0, 0}, 2, 2);
      }
      // the first frame's tip, or the second's if it was detected too before this call
      assertTrue(tip != null && tip[1] == 1 && (tip[0] == 7 || tip[0] == 9), java.util.Arrays.toString(tip));
    }
  }
}
