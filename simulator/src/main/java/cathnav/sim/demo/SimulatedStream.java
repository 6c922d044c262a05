package cathnav.sim.demo;

import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import cathnav.sim.FluoroscopySimulator;
import cathnav.sim.FrameSink;
import cathnav.sim.GroundTruth;
import cathnav.sim.SimulatedFrame;
import cathnav.sim.SimulatorOptions;
import cathnav.sim.detector.NoiseMode;
import cathnav.sim.scenario.Pacing;
import cathnav.sim.scenario.Scenario;
import cathnav.sim.scenario.ScenarioRunner;
import cathnav.sim.scenario.ScenarioTimeline;
import cathnav.sim.stream.FrameStreamer;
import java.io.IOException;

/**
 * Plays a {@link DemoProcedure}'s scenario live into the service over OpenIGTLink (header version 2, geometry
 * in the metadata), paced as a live source at a steady frame rate ({@link Pacing#LIVE}: late frames skipped, never
 * sent back to back; the view after the C-arm move rendered ahead; coarse frames during the move), on its own
 * thread, which owns the simulator's java backend. Each frame's true heart pose goes to {@link DemoStatus} before the
 * frame is sent.
 *
 * <p>Thread-safety: {@link #start}, {@link #close} and the counters from any thread.
 */
public final class SimulatedStream implements AutoCloseable {

  private final DemoProcedure procedure;
  private final Scenario scenario;
  private final String host;
  private final int port;
  private final DemoStatus status;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;
  private volatile long sent;
  private volatile boolean finished;
  private final SendIntervals intervals;

  public SimulatedStream(DemoProcedure procedure, Scenario scenario, String host, int port, DemoStatus status) {
    this.procedure = procedure;
    this.scenario = scenario;
    this.host = host;
    this.port = port;
    this.status = status;
    this.intervals = new SendIntervals(Math.round(1e9 / scenario.fps()));
    this.thread = new Thread(this::run, "cathnav-demo-simulator");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    SimulatorOptions options = SimulatorOptions.DEFAULT.withBitDepth(scenario.bitDepth())
        .withNoise(scenario.noise() ? NoiseMode.FULL : NoiseMode.NONE).withSeed(scenario.seed())
        .withMotion(scenario.respiration(), scenario.cardiac())
        .withStartTimestampNs(System.currentTimeMillis() * 1_000_000L);
    try (ComputeBackend backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
        FluoroscopySimulator sim = new FluoroscopySimulator(backend, procedure.scene(), options);
        FrameStreamer streamer = FrameStreamer.connect(host, port, 2)) {
      ScenarioRunner runner = new ScenarioRunner(new ScenarioTimeline(scenario, procedure.scene().heartCentre()),
          sim);
      runner.run(new FrameSink() {
        @Override
        public void accept(SimulatedFrame frame) throws IOException {
          if (!running) {
            throw new StoppedException();
          }
          GroundTruth truth = frame.truth();
          double mmU = truth.geometry().knownCArm().map(c -> c.mmPerPixelAtIsocenterU()).orElse(Double.NaN);
          double mmV = truth.geometry().knownCArm().map(c -> c.mmPerPixelAtIsocenterV()).orElse(Double.NaN);
          status.expectTruth(frame.timestampNs(), truth.heartPose().matrix(), truth.leadTipPixel(), mmU, mmV);
          streamer.accept(frame);
          intervals.onSend(System.nanoTime());
          sent++;
        }

        @Override
        public void complete() throws IOException {
          streamer.complete();
        }

        @Override
        public void close() {}
      }, Pacing.LIVE, i -> {});
    } catch (StoppedException stopped) {
      // closed by the demo
    } catch (Exception e) {
      failure = e;
    } finally {
      finished = true;
    }
  }

  private static final class StoppedException extends IOException {
    StoppedException() {
      super("stream stopped");
    }
  }

  /** Frames streamed so far. */
  public long framesSent() {
    return sent;
  }

  /** Intervals between frames handed to the network so far. */
  public SendIntervals.Summary sendIntervals() {
    return intervals.summary();
  }

  /** True once the scenario has ended (or failed). */
  public boolean finished() {
    return finished;
  }

  /** What stopped the stream early, or null. */
  public Throwable failure() {
    return failure;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
  }
}
