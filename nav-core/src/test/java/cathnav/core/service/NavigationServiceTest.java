package cathnav.core.service;

import static cathnav.core.testing.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.overlay.GuidanceState;
import cathnav.core.overlay.OverlayRole;
import cathnav.core.overlay.OverlayShape;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NavigationServiceTest {

  private Vertx vertx;
  private NavigationService service;
  private final List<FrameOutcome> outcomes = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<Boolean> staleEvents = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    startWith(ServiceFixtures.fixedTrackers(), "java");
  }

  private void startWith(TrackerFactory trackers, String backend) throws Exception {
    if (service != null) {
      await(service.close());
    }
    ServiceOptions options = ServiceOptions.defaults().withHttp("127.0.0.1", 0).withBackend(backend)
        .withDisplay(128, cathnav.core.web.DisplayEncoder.Format.JPEG);
    service = await(NavigationService.start(vertx, options, trackers, LeadTipDetector.NONE,
        ServiceFixtures.noLoader()));
    service.addListener(new OutcomeListener() {
      @Override
      public void onOutcome(FrameOutcome outcome) {
        outcomes.add(outcome);
      }

      @Override
      public void onProblem(int code, String errorName, String message) {
        problems.add(errorName + ": " + message);
      }

      @Override
      public void onStale(boolean stale, PipelineStatus status) {
        staleEvents.add(stale);
      }
    });
  }

  @AfterEach
  void stop() throws Exception {
    await(service.close());
    await(vertx.close());
  }

  private void sendFramesAndWait(int count, long firstTimestamp) throws InterruptedException {
    int before = outcomes.size();
    for (int i = 0; i < count; i++) {
      service.ingest(ServiceFixtures.frame(service.nextSequence(), firstTimestamp + i * 66_666_667L));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (outcomes.size() < before + i + 1 && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
    }
  }

  @Test
  void everyFrameYieldsAnOutcomeCarryingItsSourceTimestamp() throws Exception {
    service.useModel(ServiceFixtures.sphereModel(11));
    long t0 = 1_764_000_000_000_000_000L;
    sendFramesAndWait(5, t0);
    assertEquals(5, outcomes.size());
    for (int i = 0; i < 5; i++) {
      assertEquals(t0 + i * 66_666_667L, outcomes.get(i).overlay().sourceTimestampNanos());
    }
  }

  @Test
  void overlayShowsTheModelOnceTracking() throws Exception {
    service.useModel(ServiceFixtures.sphereModel(11));
    sendFramesAndWait(1, 1_000_000_000L);
    var overlay = outcomes.get(0).overlay();
    assertEquals(GuidanceState.TRACKING, overlay.readouts().state());
    assertTrue(overlay.shapes().stream().anyMatch(s -> s.role() == OverlayRole.LV_SILHOUETTE));
    assertTrue(overlay.shapes().stream().anyMatch(s -> s.role() == OverlayRole.TARGET_SEGMENT
        && ((OverlayShape.Polygon) s).filled()));
  }

  @Test
  void anUnverifiedPoseIsShownAmberWithTheReason() throws Exception {
    startWithPhase(PoseEstimate.TrackerPhase.UNVERIFIED);
    service.useModel(ServiceFixtures.sphereModel(11));
    sendFramesAndWait(6, 1_000_000_000L);
    var last = outcomes.get(outcomes.size() - 1).overlay();
    assertEquals(GuidanceState.UNRELIABLE, last.readouts().state());
    assertEquals(NavigationPipeline.UNVERIFIED_MESSAGE, last.readouts().message());
    assertTrue(last.shapes().stream().anyMatch(s -> s.role() == OverlayRole.LV_SILHOUETTE
        && (s.rgba() & 0xFFFFFF00) == (NavigationPipeline.AMBER & 0xFFFFFF00)), "LV silhouette drawn amber");
  }

  @Test
  void anUnverifiedPoseSaysWhatItsVerificationWaitsFor() throws Exception {
    String waitingFor = "patient pose seen in one view only, turn the C-arm 20 degrees or more and hold it still";
    startWith(phase(PoseEstimate.TrackerPhase.UNVERIFIED, waitingFor), "java");
    service.useModel(ServiceFixtures.sphereModel(11));
    sendFramesAndWait(6, 1_000_000_000L);
    var last = outcomes.get(outcomes.size() - 1).overlay();
    assertEquals(GuidanceState.UNRELIABLE, last.readouts().state());
    assertEquals("heart position not verified (" + waitingFor + "): do not rely on the overlay",
        last.readouts().message());
  }

  @Test
  void aMovingCArmShowsTheLastPoseAmberSayingSo() throws Exception {
    startWithPhase(PoseEstimate.TrackerPhase.CARM_MOVING);
    service.useModel(ServiceFixtures.sphereModel(11));
    sendFramesAndWait(8, 1_000_000_000L);
    var last = outcomes.get(outcomes.size() - 1).overlay();
    assertEquals(GuidanceState.UNRELIABLE, last.readouts().state(), "never LOST while the C-arm moves");
    assertEquals(NavigationPipeline.CARM_MOVING_MESSAGE, last.readouts().message());
    assertTrue(last.shapes().stream().anyMatch(s -> s.role() == OverlayRole.LV_SILHOUETTE
        && (s.rgba() & 0xFFFFFF00) == (NavigationPipeline.AMBER & 0xFFFFFF00)), "LV silhouette drawn amber");
  }

  /** The service with a tracker that reports {@code phase} with a good pose on every frame. */
  private void startWithPhase(PoseEstimate.TrackerPhase phase) throws Exception {
    startWith(phase(phase, ""), "java");
  }

  /** Trackers that report {@code phase}, waiting for {@code waitingFor}, with a good pose on every frame. */
  private static TrackerFactory phase(PoseEstimate.TrackerPhase phase, String waitingFor) {
    return (model, backend) -> new ScriptedTracker(
        (pixels, geometry, timestamp) -> new PoseEstimate(phase, PoseEstimate.identity(), 0.95, 0, 1, waitingFor));
  }

  @Test
  void withoutAModelFramesStillGetAnOutcomeSayingSo() throws Exception {
    sendFramesAndWait(1, 1_000_000_000L);
    assertEquals(GuidanceState.REGISTERING, outcomes.get(0).overlay().readouts().state());
    assertEquals("no patient model loaded", outcomes.get(0).overlay().readouts().message());
  }

  @Test
  void healthReportsFramesAndState() throws Exception {
    service.useModel(ServiceFixtures.sphereModel(11));
    sendFramesAndWait(3, 1_000_000_000L);
    JsonObject health = new JsonObject(get("/health"));
    assertEquals(3, health.getLong("framesProcessed"));
    assertEquals("sphere", health.getString("model"));
    assertEquals("java", health.getString("backend"));
  }

  @Test
  void metricsExposeStageLatencyAndGuidanceState() throws Exception {
    service.useModel(ServiceFixtures.sphereModel(11));
    sendFramesAndWait(3, 1_000_000_000L);
    Thread.sleep(50);
    String metrics = get("/metrics");
    assertTrue(metrics.contains("cathnav_pipeline_latency_seconds_count{stage=\"total\"} 3"), metrics);
    assertTrue(metrics.contains("cathnav_frames_processed 3.0"), metrics);
    assertTrue(metrics.contains("cathnav_guidance_state{state=\"LOST\"} 0.0"), metrics);
    assertTrue(metrics.contains("cathnav_backend_active{backend=\"java\"} 1"), metrics);
    assertTrue(metrics.contains("cathnav_lead_tip_frames{state=\"none\"} 3.0"), "no detector, no tips: " + metrics);
    assertTrue(metrics.contains("cathnav_lead_tip_frames{state=\"confirmed\"} 0.0"), metrics);
  }

  @Test
  void aSourceQuietForMoreThanTwoFrameIntervalsIsStaleUntilTheNextFrame() throws Exception {
    service.useModel(ServiceFixtures.sphereModel(11));
    long t0 = 1_000_000_000L;
    sendFramesAndWait(3, t0);
    // on a loaded machine the source may already have looked stale between frames: judge the last event only
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!lastStaleEvent(true) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(lastStaleEvent(true), "no stale event after the source went quiet: " + staleEvents);
    assertEquals("STALE", new JsonObject(get("/health")).getString("state"));
    service.ingest(ServiceFixtures.frame(service.nextSequence(), t0 + 3 * 66_666_667L));
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!lastStaleEvent(false) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(lastStaleEvent(false), "the next frame did not clear stale: " + staleEvents);
  }

  private boolean lastStaleEvent(boolean stale) {
    return !staleEvents.isEmpty() && staleEvents.get(staleEvents.size() - 1) == stale;
  }

  @Test
  void restTargetChangesTheTargetOfLaterOverlays() throws Exception {
    service.useModel(ServiceFixtures.sphereModel(11));
    assertEquals(200, post("/api/target", "{\"segment\":5}").statusCode);
    sendFramesAndWait(1, 1_000_000_000L);
    assertEquals(5, outcomes.get(outcomes.size() - 1).overlay().readouts().targetSegment());
  }

  @Test
  void restTargetOutsideTheAhaRangeIsRefused() throws Exception {
    Response r = post("/api/target", "{\"segment\":18}");
    assertEquals(400, r.statusCode);
    assertTrue(r.body.contains("1..17"), r.body);
  }

  @Test
  void unloadableModelAnswers422NamingTheFileAndTellsThePeers() throws Exception {
    Response r = post("/api/model", "{\"lv\":\"/nowhere/lv.stl\"}");
    assertEquals(422, r.statusCode);
    assertTrue(r.body.contains("/nowhere/lv.stl"), r.body);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (problems.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(problems.get(0).startsWith("MODEL_LOAD_FAILED"), problems.toString());
  }

  @Test
  void displayReceivesTheFrameImageWithItsOverlay() throws Exception {
    service.useModel(ServiceFixtures.sphereModel(11));
    CountDownLatch got = new CountDownLatch(1);
    List<Buffer> messages = new CopyOnWriteArrayList<>();
    io.vertx.core.http.WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws = await(client.connect(service.httpPort(), "127.0.0.1", "/ws"));
    ws.binaryMessageHandler(b -> {
      messages.add(b);
      got.countDown();
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (service.displays().count() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    sendFramesAndWait(1, 1_234_000_000_000L);
    assertTrue(got.await(5, TimeUnit.SECONDS));
    Buffer m = messages.get(0);
    int n = m.getInt(0);
    JsonObject json = new JsonObject(m.getString(4, 4 + n, StandardCharsets.UTF_8.name()));
    assertEquals("1234000000000", json.getString("ts"));
    assertEquals(128, json.getInteger("displayWidth"));
    assertEquals(0xFF, m.getUnsignedByte(4 + n));
    assertEquals(0xD8, m.getUnsignedByte(4 + n + 1), "JPEG start-of-image marker");
    await(ws.close());
    await(client.close());
  }

  @Test
  void backendFailureMidProcedureFallsBackToJavaAndSaysSo() throws Exception {
    TrackerFactory failingCuda = (model, backend) -> "java".equals(backend)
        ? new FixedPoseTracker(PoseEstimate.identity(), "java")
        : new FailingTracker(backend, 2);
    startWith(failingCuda, "cuda");
    service.useModel(ServiceFixtures.sphereModel(11));
    sendFramesAndWait(4, 1_000_000_000L);
    assertEquals(4, outcomes.size(), "no frame lost to the failure");
    assertEquals("cuda", outcomes.get(1).overlay().readouts().backend());
    var after = outcomes.get(2).overlay().readouts();
    assertEquals("java", after.backend());
    assertTrue(after.backendFallback());
    assertTrue(after.message().contains("CUDA_ERROR_LAUNCH_FAILED"), after.message());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (problems.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(problems.get(0).startsWith("BACKEND_FALLBACK"), problems.toString());
  }

  private record Response(int statusCode, String body) {}

  private String get(String path) throws Exception {
    HttpClient c = vertx.createHttpClient();
    return await(c.request(HttpMethod.GET, service.httpPort(), "127.0.0.1", path)
        .compose(req -> req.send().compose(resp -> resp.body()))).toString();
  }

  private Response post(String path, String body) throws Exception {
    HttpClient c = vertx.createHttpClient();
    return await(c.request(HttpMethod.POST, service.httpPort(), "127.0.0.1", path)
        .compose(req -> req.send(body).compose(resp -> resp.body().map(b -> new Response(resp.statusCode(),
            b.toString())))));
  }
}
