package cathnav.core.service;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link LeadTipDetector} on its own duty-cycle thread. {@link #detect} copies the frame into a
 * {@link LatestFrameSlot} (wait-free; a frame arriving while the detector is busy replaces the waiting one) and returns
 * at once with the newest tip the detector has finished, or null before the first.
 *
 * <p>Thread-safety: {@link #detect} from the pipeline thread; the wrapped detector runs on this detector's thread
 * only; {@link #close} from any thread.
 */
final class BackgroundLeadTipDetector implements LeadTipDetector {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundLeadTipDetector.class);

  private record Frame(float[] pixels, int width, int height) {}

  private final LatestFrameSlot<Frame> slot = new LatestFrameSlot<>(f -> {});
  private final AgentRunner runner;
  private volatile float[] latestTip;

  BackgroundLeadTipDetector(LeadTipDetector detector) {
    Objects.requireNonNull(detector, "detector");
    this.runner = new AgentRunner(new DutyCycleAgent() {
      @Override
      public int doWork() {
        Frame f = slot.poll();
        if (f == null) {
          return 0;
        }
        latestTip = detector.detect(f.pixels(), f.width(), f.height());
        return 1;
      }

      @Override
      public String roleName() {
        return "lead-detector";
      }
    }, BackoffIdleStrategy.pipelineDefault(), e -> LOG.warn("lead detection failed, error={}", e.toString()));
    runner.start();
    slot.wakeOnOffer(runner.thread());
  }

  @Override
  public float[] detect(float[] pixels, int width, int height) {
    slot.offer(new Frame(pixels.clone(), width, height));
    float[] tip = latestTip;
    return tip == null ? null : tip.clone();
  }

  @Override
  public void close() {
    runner.close();
    slot.close();
  }
}
