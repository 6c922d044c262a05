package cathnav.sim.scenario;

import cathnav.gpu.ComputeBackend;
import cathnav.gpu.RenderOptions;
import cathnav.gpu.cpu.JavaBackend;
import cathnav.sim.AcquisitionState;
import cathnav.sim.FluoroscopySimulator;
import cathnav.sim.FrameSink;
import cathnav.sim.SimulatedFrame;
import cathnav.sim.render.PreparedView;
import cathnav.sim.render.ViewPrerenderer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link ScenarioTimeline} through a {@link FluoroscopySimulator} into a {@link FrameSink} as a
 * {@link Pacing} says: as fast as it renders, or paced in real time (frame {@code i} is handed over no earlier than
 * its acquisition time after the start). In real time a frame that renders late goes out at once and the lateness
 * is counted; a live source ({@link Pacing#LIVE}) also skips to the newest due frame instead of catching up, renders
 * the views it passes through coarse and the views it stays at ahead.
 *
 * <p>Thread-safety: one run at a time on the calling thread (which owns the simulator's backend).
 */
public final class ScenarioRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);
  /** A real-time frame taking longer than this to render is logged (a stall a display would see), ns. */
  private static final long SLOW_RENDER_NANOS = 500_000_000L;

  private final ScenarioTimeline timeline;
  private final FluoroscopySimulator simulator;
  private final Supplier<ComputeBackend> prerenderBackend;
  private long lateFrames;
  private long skippedFrames;
  private final Histogram renderNanos = new Histogram(60_000_000_000L, 2);

  /** Held views are rendered ahead (when the pacing asks) on a single-threaded java backend. */
  public ScenarioRunner(ScenarioTimeline timeline, FluoroscopySimulator simulator) {
    this(timeline, simulator, () -> new JavaBackend(1));
  }

  /** @param prerenderBackend opens the backend the pre-rendering thread owns (and closes) */
  public ScenarioRunner(ScenarioTimeline timeline, FluoroscopySimulator simulator,
      Supplier<ComputeBackend> prerenderBackend) {
    this.timeline = Objects.requireNonNull(timeline, "timeline");
    this.simulator = Objects.requireNonNull(simulator, "simulator");
    this.prerenderBackend = Objects.requireNonNull(prerenderBackend, "prerenderBackend");
  }

  public int frameCount() {
    return timeline.frameTimes().size();
  }

  /** Frames skipped because their slot had passed before they were rendered (pacing that skips late frames). */
  public long skippedFrames() {
    return skippedFrames;
  }

  /** Frames handed over later than their real-time slot (paced runs only). */
  public long lateFrames() {
    return lateFrames;
  }

  /**
   * Renders every frame into {@code sink} and completes it.
   *
   * @param realTime pace frames at their acquisition times ({@link Pacing#REAL_TIME}; else
   *     {@link Pacing#AS_FAST_AS_POSSIBLE})
   * @param progress called with the number of frames done after each frame
   */
  public void run(FrameSink sink, boolean realTime, IntConsumer progress) throws IOException {
    run(sink, realTime ? Pacing.REAL_TIME : Pacing.AS_FAST_AS_POSSIBLE, progress);
  }

  /**
   * Renders the scenario's frames into {@code sink} as {@code pacing} says (every frame, or with late ones skipped)
   * and completes it.
   *
   * @param progress called with the index + 1 of each frame handed over
   */
  public void run(FrameSink sink, Pacing pacing, IntConsumer progress) throws IOException {
    List<Double> times = timeline.frameTimes();
    ViewPrerenderer prerenderer = pacing.prerenderViews() && !times.isEmpty() ? startPrerendering() : null;
    long start = System.nanoTime();
    double previous = 0;
    try {
      for (int i = 0; i < times.size(); i++) {
        if (pacing.skipLateFrames()) {
          int newest = newestDue(times, i, System.nanoTime() - start);
          skippedFrames += newest - i;
          i = newest;
        }
        if (prerenderer != null) {
          for (PreparedView v = prerenderer.poll(); v != null; v = prerenderer.poll()) {
            simulator.adopt(v);
          }
        }
        double t = times.get(i);
        simulator.motion().setHeartRate(timeline.heartRateAt(t));
        simulator.motion().setBreathHold(timeline.breathHoldAt(t));
        int passing = pacing.passingViewScale() > 0 && timeline.viewPassing(i) ? pacing.passingViewScale() : 0;
        long renderStart = System.nanoTime();
        SimulatedFrame frame = simulator.next(timeline.stateAt(t), t - previous, passing);
        long renderTook = System.nanoTime() - renderStart;
        renderNanos.recordValue(Math.min(renderTook, renderNanos.getHighestTrackableValue()));
        if (pacing.realTime() && renderTook > SLOW_RENDER_NANOS) {
          LOG.info("slow frame, frame={}, timeS={}, renderMs={}, heart={}, passingView={}", i,
              String.format(Locale.ROOT, "%.3f", t), renderTook / 1_000_000, frame.truth().heartRendering(),
              passing > 0);
        }
        previous = t;
        if (pacing.realTime()) {
          long due = start + Math.round(t * 1e9);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          } else if (wait < -5_000_000) {
            lateFrames++;
          }
        }
        sink.accept(frame);
        progress.accept(i + 1);
      }
    } finally {
      if (prerenderer != null) {
        closeQuietly(prerenderer);
      }
    }
    sink.complete();
    LOG.info("scenario done, name={}, frames={}, rayCasts={}, lateFrames={}, skippedFrames={}, passingViewFrames={},"
        + " renderMsP50={}, renderMsP99={}, renderMsMax={}, wallS={}", timeline.scenario().name(), times.size(),
        simulator.rayCasts(), lateFrames, skippedFrames, simulator.passingRenders(),
        String.format(Locale.ROOT, "%.1f", renderNanos.getValueAtPercentile(50) / 1e6),
        String.format(Locale.ROOT, "%.1f", renderNanos.getValueAtPercentile(99) / 1e6),
        String.format(Locale.ROOT, "%.1f", renderNanos.getMaxValue() / 1e6),
        String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
  }

  /** The newest frame at or after {@code i} whose acquisition time ({@code times}, s) is at most {@code elapsedNanos}. */
  static int newestDue(List<Double> times, int i, long elapsedNanos) {
    int newest = i;
    while (newest + 1 < times.size() && Math.round(times.get(newest + 1) * 1e9) <= elapsedNanos) {
      newest++;
    }
    return newest;
  }

  /**
   * Prepares the first frame's view on this thread (it is needed at once) and starts rendering the other held views
   * ahead, in the order the scenario reaches them.
   */
  private ViewPrerenderer startPrerendering() {
    List<Double> times = timeline.frameTimes();
    simulator.prepare(timeline.stateAt(times.get(0)));
    List<ViewPrerenderer.View> ahead = new ArrayList<>();
    for (int i : timeline.heldViewStarts()) {
      if (i != 0) { // heldViewStarts lists each view once: frame 0's view is prepared above
        AcquisitionState s = timeline.stateAt(times.get(i));
        ahead.add(new ViewPrerenderer.View(s.geometry().projection(), s.patientPose()));
      }
    }
    ViewPrerenderer p = new ViewPrerenderer(prerenderBackend, simulator.scene(),
        new RenderOptions(simulator.options().stepMm()), ahead);
    p.start();
    return p;
  }

  private static void closeQuietly(ViewPrerenderer p) {
    try {
      p.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
