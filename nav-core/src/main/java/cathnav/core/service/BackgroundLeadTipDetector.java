package cathnav.core.service;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link LeadTipDetector} on its own duty-cycle thread. {@link #detect} copies the frame into a
 * {@link LatestFrameSlot} (wait-free; a frame arriving while the detector is busy replaces the waiting one) and returns
 * at once with the newest tip the detector has finished since the last {@link #reset()}, tagged with the frame it was
 * found in (often an earlier frame than the one just offered), or null when there is none.
 *
 * <p>Reset ordering: {@link #reset()} starts a new epoch; every frame offered after it carries that epoch. The
 * detector thread resets the wrapped detector before it detects the first frame of a newer epoch, so a reset is
 * applied after every frame offered before it and before every frame offered after it; and {@link #detect} returns
 * only tips of the current epoch, so a tip from a frame offered before the reset is never returned, even one that
 * finishes after it.
 *
 * <p>Allocation: the pixel copies are recycled (at most three buffers of a frame's size are in use: one being
 * filled, one waiting, one being detected).
 *
 * <p>Thread-safety: {@link #detect} and {@link #reset} from the pipeline thread; the wrapped detector runs on this
 * detector's thread only; {@link #close} from any thread.
 */
final class BackgroundLeadTipDetector implements LeadTipDetector {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundLeadTipDetector.class);

  /** A frame waiting for detection: its pixels (a pooled buffer), which frame it is, its reset epoch. */
  private record Job(float[] pixels, LeadTipFrame frame, long epoch) {}

  /** A finished detection and the epoch of its frame. */
  private record Found(LeadTip tip, long epoch) {}

  private final Queue<float[]> spare = new ConcurrentLinkedQueue<>();
  private final LatestFrameSlot<Job> slot = new LatestFrameSlot<>(j -> spare.offer(j.pixels()));
  private final LeadTipDetector detector;
  private final AgentRunner runner;
  private final AtomicLong finished = new AtomicLong();
  private volatile Found latest;
  /** The current epoch; pipeline thread only. */
  private long epoch;

  BackgroundLeadTipDetector(LeadTipDetector detector) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.runner = new AgentRunner(new DutyCycleAgent() {
      /** The epoch the wrapped detector was last reset into; this thread only. */
      private long applied;

      @Override
      public int doWork() {
        Job job = slot.poll();
        if (job == null) {
          return 0;
        }
        try {
          if (job.epoch() != applied) {
            detector.reset();
            applied = job.epoch();
          }
          latest = new Found(detector.detect(job.pixels(), job.frame()), job.epoch());
        } finally {
          spare.offer(job.pixels());
          finished.incrementAndGet();
        }
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
  public LeadTip detect(float[] pixels, LeadTipFrame frame) {
    int n = frame.width() * frame.height();
    if (pixels.length < n) {
      throw new IllegalArgumentException("fewer pixels than the frame holds, pixels=" + pixels.length + ", frame="
          + frame.width() + "x" + frame.height() + ", seq=" + frame.sequence());
    }
    float[] copy = spare.poll();
    if (copy == null || copy.length != n) {
      copy = new float[n]; // first frames, or a new frame size: buffers of the old size are left to the collector
    }
    System.arraycopy(pixels, 0, copy, 0, n);
    slot.offer(new Job(copy, frame, epoch));
    Found f = latest;
    return f != null && f.epoch() == epoch ? f.tip() : null;
  }

  @Override
  public void reset() {
    epoch++;
  }

  /** Detections finished so far (for tests that wait for the detector thread). */
  long finished() {
    return finished.get();
  }

  @Override
  public void close() {
    runner.close();
    slot.close();
    detector.close();
  }
}
