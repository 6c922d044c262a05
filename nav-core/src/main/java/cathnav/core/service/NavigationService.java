package cathnav.core.service;

import cathnav.core.overlay.GuidanceState;
import cathnav.core.overlay.TipState;
import cathnav.core.web.DisplayEncoder;
import cathnav.core.web.DisplayHub;
import cathnav.core.web.HttpRoutes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One navigation procedure as a running service: the pipeline thread fed through a {@link LatestFrameSlot}, the
 * display encoder thread, the web server (display page, WebSocket, REST control, {@code /health},
 * {@code /metrics}) and the stale watchdog. Frame sources (the OpenIGTLink gateway) call {@link #ingest}; output
 * channels register as {@link OutcomeListener}s and are called on the service's Vert.x context.
 *
 * <p>Thread-safety: {@link #ingest} is wait-free and may be called from any thread; the other methods from any
 * thread.
 */
public final class NavigationService implements NavigationControl {

  private static final Logger LOG = LoggerFactory.getLogger(NavigationService.class);

  /** A stale episode is logged at INFO once it has lasted this long (ns); shorter ones at DEBUG. */
  private static final long STALE_LOG_AFTER_NANOS = 1_000_000_000L;
  private static final long STALE_CHECK_MS = 20;

  private final Vertx vertx;
  private final Context context;
  private final ServiceOptions options;
  private final ModelLoader modelLoader;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final StageLatencies latencies = new StageLatencies(registry);
  private final LatestFrameSlot<ReceivedFrame> slot = new LatestFrameSlot<>(ReceivedFrame::release);
  private final DisplayHub hub = new DisplayHub();
  private final List<OutcomeListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong outcomesSent = new AtomicLong();
  private final AtomicLong rejectedFrames = new AtomicLong();
  private final NavigationPipeline pipeline;
  private final DisplayEncoder encoder;
  private AgentRunner pipelineRunner;
  private AgentRunner encoderRunner;
  private HttpServer http;
  private long staleTimer = -1;
  private boolean stale;
  /** When the current stale episode began (System.nanoTime), and whether it has been logged at INFO yet. */
  private long staleSinceNanos;
  private boolean staleEpisodeLogged;
  private volatile ProcedureModel currentModel;

  private NavigationService(Vertx vertx, ServiceOptions options, TrackerFactory trackers, LeadTipDetector lead,
      ModelLoader modelLoader) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.options = options;
    this.modelLoader = modelLoader;
    this.pipeline = new NavigationPipeline(slot, new Sink(), latencies, trackers, lead, options.backend(),
        new GuidancePolicy(options.confidenceThreshold(), options.lostAfter()), options.displayMaxSize());
    this.encoder = new DisplayEncoder(options.displayFormat(), 0.85f, context, hub::broadcast);
  }

  /**
   * Starts a service: pipeline and encoder threads, then the web server.
   *
   * @param trackers opens the pose tracker for a model and backend
   * @param lead finds the lead tip in frames
   * @param modelLoader reads models for {@link #loadModel}
   * @return the running service, once the web server listens
   */
  public static Future<NavigationService> start(Vertx vertx, ServiceOptions options, TrackerFactory trackers,
      LeadTipDetector lead, ModelLoader modelLoader) {
    NavigationService s = new NavigationService(Objects.requireNonNull(vertx, "vertx"),
        Objects.requireNonNull(options, "options"), Objects.requireNonNull(trackers, "trackers"),
        Objects.requireNonNull(lead, "lead"), Objects.requireNonNull(modelLoader, "modelLoader"));
    Promise<NavigationService> started = Promise.promise();
    s.context.runOnContext(v -> s.startOnContext().onComplete(ar -> {
      if (ar.succeeded()) {
        started.complete(s);
      } else {
        s.close();
        started.fail(ar.cause());
      }
    }));
    return started.future();
  }

  private Future<Void> startOnContext() {
    bindMetrics();
    pipelineRunner = new AgentRunner(pipeline, BackoffIdleStrategy.pipelineDefault(),
        e -> LOG.warn("pipeline cycle failed, error={}", e.toString())).start();
    slot.wakeOnOffer(pipelineRunner.thread());
    encoderRunner = new AgentRunner(encoder, BackoffIdleStrategy.pipelineDefault(),
        e -> LOG.warn("display encoding failed, error={}", e.toString())).start();
    encoder.slot().wakeOnOffer(encoderRunner.thread());
    staleTimer = vertx.setPeriodic(STALE_CHECK_MS, id -> checkStale());
    HttpServerOptions ho = new HttpServerOptions().setHost(options.httpHost()).setPort(options.httpPort())
        .setSendBufferSize(256 * 1024).setTcpNoDelay(true);
    http = vertx.createHttpServer(ho);
    http.requestHandler(HttpRoutes.create(vertx, this));
    http.webSocketHandler(ws -> {
      if (!"/ws".equals(ws.path())) {
        ws.close((short) 1008, "unknown path " + ws.path());
        return;
      }
      hub.add(ws);
    });
    return http.listen().map(server -> {
      LOG.info("navigation service started, http={}:{}, backend={}, display={}px {}", options.httpHost(),
          server.actualPort(), options.backend(), options.displayMaxSize(), options.displayFormat());
      return null;
    });
  }

  private void bindMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    Gauge.builder("cathnav.frames.received", sequence, AtomicLong::get)
        .description("frames received from sources").register(registry);
    Gauge.builder("cathnav.frames.processed", pipeline, p -> p.status().framesProcessed())
        .description("frames the pipeline processed").register(registry);
    Gauge.builder("cathnav.frames.failed", pipeline, p -> p.status().framesFailed())
        .description("frames whose processing failed").register(registry);
    Gauge.builder("cathnav.frames.dropped", slot, LatestFrameSlot::dropped)
        .description("frames dropped by the latest-frame slot (pipeline busy)").register(registry);
    Gauge.builder("cathnav.frames.rejected", rejectedFrames, AtomicLong::get)
        .description("frames refused before the pipeline (no geometry, bad pixels)").register(registry);
    Gauge.builder("cathnav.outputs.sent", outcomesSent, AtomicLong::get)
        .description("frame results handed to the output channels").register(registry);
    for (TipState state : TipState.values()) {
      Gauge.builder("cathnav.lead.tip.frames", pipeline, p -> p.framesWithTipState(state))
          .description("frames by lead tip state: only confirmed tips give segment and distance readouts")
          .tag("state", state.wireName()).register(registry);
    }
    Gauge.builder("cathnav.lead.detector.resets", pipeline, NavigationPipeline::leadDetectorResets)
        .description("lead detector resets on a view change (C-arm moved)").register(registry);
    Gauge.builder("cathnav.displays.connected", hub, DisplayHub::count).register(registry);
    Gauge.builder("cathnav.displays.dropped", hub, DisplayHub::dropped)
        .description("display frames dropped for slow displays").register(registry);
    Gauge.builder("cathnav.displays.encoder.dropped", encoder, DisplayEncoder::dropped).register(registry);
    Gauge.builder("cathnav.frame.interval.seconds", pipeline, p -> p.status().frameIntervalNanos() / 1e9)
        .description("the source's frame interval estimate").register(registry);
    for (GuidanceState s : GuidanceState.values()) {
      Gauge.builder("cathnav.guidance.state", pipeline, p -> currentState(p.status()) == s ? 1 : 0)
          .tag("state", s.name()).description("1 for the current guidance state").register(registry);
    }
    Gauge.builder("cathnav.backend.fallback", pipeline, p -> p.status().backendFallback() ? 1 : 0)
        .description("1 while running on a fallback compute backend").register(registry);
    for (String b : List.of("java", "opencl", "cuda")) {
      Gauge.builder("cathnav.backend.active", pipeline, p -> b.equals(p.status().backend()) ? 1 : 0)
          .tag("backend", b).description("1 for the compute backend in use").register(registry);
    }
  }

  private GuidanceState currentState(PipelineStatus s) {
    return stale ? GuidanceState.STALE : s.state();
  }

  /** The settings it runs with. */
  public ServiceOptions options() {
    return options;
  }

  /** The port the web server listens on. */
  public int httpPort() {
    return http.actualPort();
  }

  /** The Vert.x context listeners are called on. */
  public Context context() {
    return context;
  }

  /** Per-stage latency. */
  public StageLatencies latencies() {
    return latencies;
  }

  /** The latest pipeline snapshot. */
  public PipelineStatus status() {
    return pipeline.status();
  }

  /** The model the pipeline uses now, or null before the first load. */
  public ProcedureModel currentModel() {
    return currentModel;
  }

  /** The display hub (counts of displays, sent and dropped frames). */
  public DisplayHub displays() {
    return hub;
  }

  /** Frames dropped because the pipeline was busy. */
  public long droppedFrames() {
    return slot.dropped();
  }

  /** The next frame sequence number; frame sources stamp each {@link ReceivedFrame} with it. */
  public long nextSequence() {
    return sequence.incrementAndGet();
  }

  /** Counts a frame refused before the pipeline (and says why in the log, done by the caller). */
  public void countRejectedFrame() {
    rejectedFrames.incrementAndGet();
  }

  /** Hands a frame to the pipeline (latest wins; an older waiting frame is dropped and released). Wait-free. */
  public void ingest(ReceivedFrame frame) {
    slot.offer(frame);
  }

  /** Adds an output channel; called on the service context. */
  public void addListener(OutcomeListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(OutcomeListener listener) {
    listeners.remove(listener);
  }

  /** Queues a model switch directly (a model already in memory: CLI, demo, tests). */
  public void useModel(ProcedureModel model) {
    pipeline.submit(new PipelineCommand.LoadModel(model));
  }

  @Override
  public Future<String> loadModel(ModelRequest request) {
    return vertx.executeBlocking(() -> modelLoader.load(request)).map(model -> {
      pipeline.submit(new PipelineCommand.LoadModel(model));
      return model.name();
    }).onFailure(e -> {
      LOG.warn("model load failed, lv={}, ct={}, error={}", request.leftVentricle(), request.ct(), e.getMessage());
      broadcastProblem(NavigationPipeline.STATUS_CONFIG_ERROR, "MODEL_LOAD_FAILED",
          "model not loaded: " + e.getMessage());
    });
  }

  @Override
  public void setTarget(int segment) {
    pipeline.submit(new PipelineCommand.SetTarget(segment));
  }

  @Override
  public void resetRegistration() {
    pipeline.submit(new PipelineCommand.ResetRegistration());
  }

  @Override
  public JsonObject health() {
    PipelineStatus s = pipeline.status();
    return new JsonObject()
        .put("status", "UP")
        .put("state", currentState(s).name())
        .put("backend", s.backend())
        .put("backendFallback", s.backendFallback())
        .put("message", s.message())
        .put("model", s.modelName())
        .put("targetSegment", s.targetSegment())
        .put("framesReceived", sequence.get())
        .put("framesProcessed", s.framesProcessed())
        .put("framesFailed", s.framesFailed())
        .put("framesDropped", slot.dropped())
        .put("framesRejected", rejectedFrames.get())
        .put("displays", hub.count())
        .put("displayFramesDropped", hub.dropped())
        .put("frameIntervalMs", s.frameIntervalNanos() / 1e6);
  }

  /** The registry behind {@code /metrics}, where the service's other parts (the OpenIGTLink side) add meters. */
  public MeterRegistry meterRegistry() {
    return registry;
  }

  @Override
  public String scrapeMetrics() {
    return registry.scrape();
  }

  /** Reports a problem to every output channel and display (from any thread). */
  public void broadcastProblem(int code, String errorName, String message) {
    context.runOnContext(v -> {
      for (OutcomeListener l : listeners) {
        l.onProblem(code, errorName, message);
      }
      hub.broadcastText(new JsonObject().put("type", "problem").put("error", errorName).put("message", message)
          .encode());
    });
  }

  private void checkStale() {
    PipelineStatus s = pipeline.status();
    if (s.lastReceivedNanos() == 0) {
      return;
    }
    long now = System.nanoTime();
    boolean nowStale = GuidancePolicy.isStale(now, s.lastReceivedNanos(), s.frameIntervalNanos());
    long ageMs = (now - s.lastReceivedNanos()) / 1_000_000;
    if (nowStale != stale) {
      stale = nowStale;
      // displays and peers hear every transition; the log only hears episodes long enough to matter, so a source
      // that delivers in bursts does not bury the log in live/stale pairs
      if (stale) {
        staleSinceNanos = now;
        staleEpisodeLogged = false;
        LOG.debug("source stale, lastFrameAgeMs={}, frameIntervalMs={}", ageMs, s.frameIntervalNanos() / 1_000_000);
      } else if (staleEpisodeLogged) {
        LOG.info("source live again, staleMs={}", (now - staleSinceNanos) / 1_000_000);
      } else {
        LOG.debug("source live, staleMs={}", (now - staleSinceNanos) / 1_000_000);
      }
      for (OutcomeListener l : listeners) {
        l.onStale(stale, s);
      }
    }
    if (stale && !staleEpisodeLogged && now - staleSinceNanos >= STALE_LOG_AFTER_NANOS) {
      staleEpisodeLogged = true;
      LOG.info("source stale, lastFrameAgeMs={}, frameIntervalMs={}", ageMs, s.frameIntervalNanos() / 1_000_000);
    }
  }

  /** Stops the threads and the web server. Idempotent. */
  public Future<Void> close() {
    if (staleTimer >= 0) {
      vertx.cancelTimer(staleTimer);
      staleTimer = -1;
    }
    if (pipelineRunner != null) {
      pipelineRunner.close();
    }
    if (encoderRunner != null) {
      encoderRunner.close();
    }
    slot.close();
    registry.close();
    // a stalled display never completes a graceful close: give connections a moment, then cut them
    return http == null ? Future.succeededFuture() : http.shutdown(500, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** The pipeline's results, posted to the service context and fanned out there. */
  private final class Sink implements GuidanceSink {
    @Override
    public void publish(FrameOutcome outcome) {
      context.runOnContext(v -> {
        long t0 = System.nanoTime();
        for (OutcomeListener l : listeners) {
          try {
            l.onOutcome(outcome);
          } catch (RuntimeException e) {
            LOG.warn("output channel failed, listener={}, seq={}, error={}", l.getClass().getSimpleName(),
                outcome.overlay().frameSequence(), e.toString(), e);
          }
        }
        long t1 = System.nanoTime();
        long interval = outcome.overlay().frameIntervalNanos();
        latencies.record(PipelineStage.SEND, t1 - outcome.builtNanos(), 0);
        latencies.record(PipelineStage.TOTAL, t1 - outcome.receivedNanos(), interval);
        outcomesSent.incrementAndGet();
      });
    }

    @Override
    public void publishDisplay(DisplayFrame frame) {
      encoder.offer(frame);
    }

    @Override
    public boolean displaysWanted() {
      return hub.count() > 0;
    }

    @Override
    public void problem(int code, String errorName, String message) {
      broadcastProblem(code, errorName, message);
    }

    @Override
    public void modelChanged(ProcedureModel model) {
      currentModel = model;
      context.runOnContext(v -> {
        for (OutcomeListener l : listeners) {
          l.onModelChanged(model);
        }
      });
    }
  }
}
