package cathnav.sim.scenario;

import cathnav.sim.FluoroscopySimulator;
import cathnav.sim.FrameSink;
import cathnav.sim.SimulatedFrame;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link ScenarioTimeline} through a {@link FluoroscopySimulator} into a {@link FrameSink}, either as fast as
 * it renders or paced in real time (frame {@code i} is handed over no earlier than its acquisition time after the
 * start; a frame that renders late goes out at once and the lateness is counted, never caught up by dropping).
 *
 * <p>Thread-safety: one run at a time on the calling thread (which owns the simulator's backend).
 */
public final class ScenarioRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

  private final ScenarioTimeline timeline;
  private final FluoroscopySimulator simulator;
  private long lateFrames;

  public ScenarioRunner(ScenarioTimeline timeline, FluoroscopySimulator simulator) {
    this.timeline = Objects.requireNonNull(timeline, "timeline");
    this.simulator = Objects.requireNonNull(simulator, "simulator");
  }

  public int frameCount() {
    return timeline.frameTimes().size();
  }

  /** Frames handed over later than their real-time slot (paced runs only). */
  public long lateFrames() {
    return lateFrames;
  }

  /**
   * Renders every frame into {@code sink} and completes it.
   *
   * @param realTime pace frames at their acquisition times
   * @param progress called with the number of frames done after each frame
   */
  public void run(FrameSink sink, boolean realTime, IntConsumer progress) throws IOException {
    List<Double> times = timeline.frameTimes();
    long start = System.nanoTime();
    double previous = 0;
    for (int i = 0; i < times.size(); i++) {
      double t = times.get(i);
      simulator.motion().setHeartRate(timeline.heartRateAt(t));
      simulator.motion().setBreathHold(timeline.breathHoldAt(t));
      SimulatedFrame frame = simulator.next(timeline.stateAt(t), t - previous);
      previous = t;
      if (realTime) {
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
    sink.complete();
    LOG.info("scenario done, name={}, frames={}, rayCasts={}, lateFrames={}, wallS={}",
        timeline.scenario().name(), times.size(), simulator.rayCasts(), lateFrames,
        String.format("%.2f", (System.nanoTime() - start) / 1e9));
  }
}
