package cathnav.sim.demo;

import cathnav.core.service.FrameOutcome;
import cathnav.core.service.NavigationService;
import cathnav.core.service.OutcomeListener;
import cathnav.core.service.PipelineStage;
import cathnav.core.service.PipelineStatus;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.net.HeaderVersionPolicy;
import cathnav.igtl.net.IgtlClient;
import cathnav.igtl.net.IgtlClientOptions;
import cathnav.sim.FluoroscopySimulator;
import cathnav.sim.FrameMessages;
import cathnav.sim.FrameSink;
import cathnav.sim.SimulatedFrame;
import cathnav.sim.SimulatorOptions;
import cathnav.sim.scenario.Scenario;
import cathnav.sim.scenario.ScenarioRunner;
import cathnav.sim.scenario.ScenarioTimeline;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The end-to-end bench: simulated frames (rendered once before the run, so the simulator's speed does not count) are
 * streamed over OpenIGTLink into a running service at a fixed rate with fresh time stamps, and the service's
 * per-stage latency (receipt to outputs handed to the network), delivered rate, drops and memory are recorded.
 *
 * <p>Thread-safety: one run at a time; the streaming loop runs on the caller's thread.
 */
public final class E2eBench {

  /** The result of one run. */
  public record Result(double durationS, double fps, long framesSent, long outputs, long dropped, long rejected,
      Map<PipelineStage, Histogram> stages, long heapBeforeBytes, long heapAfterBytes, String backend,
      double[] timesS, double[] latenciesMs, int samples) {}

  private E2eBench() {}

  /** Renders {@code count} frames of the procedure's scenario, as fast as the simulator goes. */
  public static List<SimulatedFrame> render(DemoProcedure procedure, Scenario scenario, int count)
      throws IOException {
    List<SimulatedFrame> frames = new ArrayList<>();
    SimulatorOptions options = SimulatorOptions.DEFAULT.withSeed(scenario.seed())
        .withMotion(scenario.respiration(), scenario.cardiac());
    try (ComputeBackend backend = ComputeBackends.select("java", FallbackPolicy.FAIL).backend();
        FluoroscopySimulator sim = new FluoroscopySimulator(backend, procedure.scene(), options)) {
      ScenarioRunner runner = new ScenarioRunner(new ScenarioTimeline(scenario, procedure.scene().heartCentre()),
          sim);
      runner.run(new FrameSink() {
        @Override
        public void accept(SimulatedFrame frame) throws IOException {
          if (frames.size() < count) {
            frames.add(frame);
          }
        }

        @Override
        public void complete() {}

        @Override
        public void close() {}
      }, false, i -> {});
    }
    return frames;
  }

  /**
   * Streams {@code frames} in a loop for {@code durationS} at {@code fps} into the service listening on
   * {@code port}, and measures.
   */
  public static Result run(Vertx vertx, NavigationService service, int port, List<SimulatedFrame> frames, double fps,
      double durationS) throws Exception {
    int capacity = (int) Math.ceil(durationS * fps) + 16;
    double[] times = new double[capacity];
    double[] latencies = new double[capacity];
    int[] n = {0};
    CountDownLatch firstOutcome = new CountDownLatch(1);
    long start = System.nanoTime();
    OutcomeListener recorder = new OutcomeListener() {
      @Override
      public void onOutcome(FrameOutcome o) {
        if (n[0] < capacity) {
          times[n[0]] = (o.receivedNanos() - start) / 1e9;
          latencies[n[0]] = (System.nanoTime() - o.receivedNanos()) / 1e6;
          n[0]++;
        }
        firstOutcome.countDown();
      }

      @Override
      public void onProblem(int code, String errorName, String message) {}

      @Override
      public void onStale(boolean stale, PipelineStatus status) {}
    };
    service.addListener(recorder);
    service.latencies().cumulative(); // start from zero
    IgtlClient client = IgtlClient.create(vertx, new IgtlClientOptions().setHost("127.0.0.1").setPort(port)
        .setHeaderVersionPolicy(HeaderVersionPolicy.ALWAYS_V2));
    client.connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    // one frame first, so that the tracker is open (CT on its backend) when the heap is sampled: the run measures
    // growth while streaming, not the model being loaded
    primeTracker(client, frames.get(0), firstOutcome);
    service.latencies().cumulative();
    n[0] = 0;
    long heapBefore = usedHeap();
    long period = (long) (1e9 / fps);
    long sent = 0;
    long t0 = System.nanoTime();
    long end = t0 + (long) (durationS * 1e9);
    for (long i = 0; ; i++) {
      long due = t0 + i * period;
      if (due >= end) {
        break;
      }
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      SimulatedFrame f = frames.get((int) (i % frames.size()));
      IgtlTimestamp now = IgtlTimestamp.ofEpochNanos(System.currentTimeMillis() * 1_000_000L);
      for (IgtlMessage m : FrameMessages.of(f, 2, ByteBufAllocator.DEFAULT)) {
        client.send(m.withTimestamp(now));
      }
      sent++;
    }
    Thread.sleep(500); // let the last frames through
    double elapsed = (System.nanoTime() - t0) / 1e9;
    client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    service.removeListener(recorder);
    long heapAfter = usedHeap();
    Map<PipelineStage, Histogram> stages = service.latencies().cumulative();
    // the TOTAL histogram is corrected for coordinated omission (synthetic samples): count real outputs here
    long outputs = n[0];
    return new Result(elapsed, outputs / elapsed, sent, outputs, service.droppedFrames(),
        service.health().getLong("framesRejected"), stages, heapBefore, heapAfter, service.status().backend(),
        times, latencies, n[0]);
  }

  /** Sends one frame and waits (up to 60 s) for its outcome: the service has then opened its tracker. */
  private static void primeTracker(IgtlClient client, SimulatedFrame frame,
      CountDownLatch firstOutcome) throws Exception {
    IgtlTimestamp now = IgtlTimestamp.ofEpochNanos(System.currentTimeMillis() * 1_000_000L);
    for (IgtlMessage m : FrameMessages.of(frame, 2, ByteBufAllocator.DEFAULT)) {
      client.send(m.withTimestamp(now));
    }
    if (!firstOutcome.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("service gave no outcome for the first frame within 60 s");
    }
  }

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** The result as a table. */
  public static String table(Result r, String machine) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(java.util.Locale.ROOT,
        "end-to-end: %s backend, %.0f s, %d frames sent, %d outputs (%.1f fps delivered), %d dropped, %d refused%n",
        r.backend(), r.durationS(), r.framesSent(), r.outputs(), r.fps(), r.dropped(), r.rejected()));
    b.append(machine).append('\n');
    b.append("| stage | count | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
    // total is corrected for coordinated omission (HdrHistogram expected interval = frame interval): its count
    // includes the synthetic samples standing for frames that waited behind a late one
    for (PipelineStage s : PipelineStage.values()) {
      Histogram h = r.stages().get(s);
      b.append(String.format(java.util.Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f |%n", s.metricTag(),
          h.getTotalCount(), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6,
          h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6));
    }
    b.append(String.format(java.util.Locale.ROOT,
        "heap after GC: with the tracker open %.1f MB, after the run %.1f MB%n",
        r.heapBeforeBytes() / 1e6, r.heapAfterBytes() / 1e6));
    return b.toString();
  }

  /** The result as JSON. */
  public static JsonObject json(Result r, String machine) {
    JsonArray stages = new JsonArray();
    for (PipelineStage s : PipelineStage.values()) {
      Histogram h = r.stages().get(s);
      stages.add(new JsonObject().put("stage", s.metricTag()).put("count", h.getTotalCount())
          .put("p50Ms", h.getValueAtPercentile(50) / 1e6).put("p90Ms", h.getValueAtPercentile(90) / 1e6)
          .put("p99Ms", h.getValueAtPercentile(99) / 1e6).put("maxMs", h.getMaxValue() / 1e6));
    }
    return new JsonObject().put("bench", "e2e").put("machine", machine).put("backend", r.backend())
        .put("durationS", r.durationS()).put("framesSent", r.framesSent()).put("outputs", r.outputs())
        .put("deliveredFps", r.fps()).put("dropped", r.dropped()).put("refused", r.rejected())
        .put("heapBeforeBytes", r.heapBeforeBytes()).put("heapAfterBytes", r.heapAfterBytes())
        .put("stages", stages);
  }

  /** Writes the per-frame latency plot. */
  public static void plot(Result r, double budgetMs, String title, Path file) throws IOException {
    E2eLatencyPlot.write(r.timesS(), r.latenciesMs(), r.samples(), budgetMs, title, file);
  }
}
