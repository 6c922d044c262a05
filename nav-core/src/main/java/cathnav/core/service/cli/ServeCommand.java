package cathnav.core.service.cli;

import cathnav.core.geometry.FrameGeometry;
import cathnav.core.geometry.GeometryFile;
import cathnav.core.geometry.GeometryFormatException;
import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.LeadTipDetectors;
import cathnav.core.service.MeshModelLoader;
import cathnav.core.service.ModelLoader;
import cathnav.core.service.ModelRequest;
import cathnav.core.service.ProcedureModel;
import cathnav.core.service.ServiceOptions;
import cathnav.core.service.TrackerFactory;
import cathnav.core.tracking.RegistrationTrackerFactory;
import cathnav.core.service.igtl.NavigationServer;
import cathnav.core.web.DisplayEncoder;
import cathnav.gpu.BackendUnavailableException;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav serve}: runs the navigation service until interrupted (or for {@code --duration} seconds).
 *
 * <p>Exit codes: 0 stopped normally; 1 runtime failure; 2 usage; 3 a model or geometry file that does not load; 4 a
 * port that cannot be bound; 5 the requested compute backend is unavailable.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the navigation service: fluoroscopy IMAGE frames in over OpenIGTLink; registration TRANSFORM, overlay "
          + "POLYDATA, STATUS and readouts out to every peer; the web display, REST control, /health and /metrics "
          + "over HTTP."
    })
public final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--igtl", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "OpenIGTLink listen address (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1:18944")
  HostPort igtl;

  @Option(names = "--http", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "web display, REST and metrics address (default: ${DEFAULT-VALUE})",
      defaultValue = "127.0.0.1:8080")
  HostPort http;

  @Option(names = "--model", paramLabel = "FILE",
      description = "patient model: a pre-operative model description (model.json or its folder), a JSON file "
          + "{\"ct\":..., \"lv\":..., \"veins\":[...], \"target\":N} (paths relative to it), or an LV mesh file")
  Path model;

  @Option(names = "--target", paramLabel = "N", description = "target AHA segment 1..17 (overrides the model's)")
  Integer target;

  @Option(names = "--backend", paramLabel = "NAME", defaultValue = "java",
      description = "compute backend: java, opencl, cuda or auto (default: ${DEFAULT-VALUE})")
  String backend;

  @Option(names = "--geometry", paramLabel = "FILE",
      description = "geometry (*.geom.json) for frames that carry none")
  Path geometry;

  @Option(names = "--display-size", paramLabel = "PX", defaultValue = "512",
      description = "longest side of the image sent to web displays (default: ${DEFAULT-VALUE})")
  int displaySize;

  @Option(names = "--display-format", paramLabel = "FORMAT", defaultValue = "JPEG",
      description = "image format sent to web displays: JPEG or PNG (default: ${DEFAULT-VALUE})")
  DisplayEncoder.Format displayFormat;

  @Option(names = "--duration", paramLabel = "S", defaultValue = "0",
      description = "stop after S seconds (0: run until interrupted)")
  double durationS;

  @Option(names = "--overlay-image", description = "also send the overlay rasterised as an RGBA IMAGE"
      + " (device OverlayImage, the frame's size and time stamp) to OpenIGTLink peers")
  boolean overlayImage;

  @Option(names = "--deterministic-registration", description = "java backend: run each full registration and the"
      + " lead detection inline on the pipeline thread (finished before the next frame) instead of in the background,"
      + " so a recording replayed frame by frame gives the same overlays every time; for replays, not live use")
  boolean deterministicRegistration;

  @Override
  public Integer call() throws Exception {
    ServiceOptions options;
    ProcedureModel initial;
    try {
      options = ServiceOptions.defaults().withIgtl(igtl.host(), igtl.port()).withHttp(http.host(), http.port())
          .withBackend(backend).withDisplay(displaySize, displayFormat).withOverlayImage(overlayImage);
      if (geometry != null) {
        options = options.withConfiguredGeometry(readGeometry(geometry));
      }
    } catch (IllegalArgumentException e) {
      System.err.println("cathnav serve: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("cathnav serve: " + e.getMessage());
      return 3;
    }
    try {
      ComputeBackends.select(backend, FallbackPolicy.FAIL).backend().close();
    } catch (IllegalArgumentException e) {
      System.err.println("cathnav serve: " + e.getMessage());
      return 2;
    } catch (BackendUnavailableException e) {
      System.err.println("cathnav serve: compute backend unavailable: " + e.getMessage());
      return 5;
    }
    ModelLoader loader = defaultLoader();
    try {
      initial = model == null ? null : loader.load(readModelRequest(model, target));
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("cathnav serve: model not loaded: " + e.getMessage());
      return 3;
    }
    Vertx vertx = Vertx.vertx();
    NavigationServer server;
    try {
      // deterministic: registration and lead detection both finish on the pipeline thread before the next frame
      TrackerFactory trackers = deterministicRegistration
          ? RegistrationTrackerFactory.withDefaults().withRegistrationExecutor(Runnable::run) : defaultTrackers();
      LeadTipDetector lead = deterministicRegistration ? LeadTipDetectors.wire() : LeadTipDetectors.wireInBackground();
      server = NavigationServer.start(vertx, options, trackers, lead, loader)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      System.err.println("cathnav serve: could not start: " + e.getCause().getMessage());
      vertx.close();
      return 4;
    }
    if (initial != null) {
      server.service().useModel(initial);
    }
    System.out.printf("cathnav serve: OpenIGTLink %s:%d, display http://%s:%d/ , backend %s%n", igtl.host(),
        server.igtlPort(), http.host(), server.httpPort(), backend);
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "cathnav-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (durationS > 0) {
      stop.await((long) (durationS * 1000), TimeUnit.MILLISECONDS);
    } else {
      stop.await();
    }
    LOG.info("serve stopping, framesProcessed={}", server.service().status().framesProcessed());
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting through the hook
    }
    return 0;
  }

  /** The loader the service uses for --model and run-time loads. */
  public static ModelLoader defaultLoader() {
    return new MeshModelLoader(null);
  }

  /**
   * The tracker the service uses: 2D/3D registration against the model's CT (GPU: every frame; java: background
   * registration with 2D motion compensation per frame).
   */
  public static TrackerFactory defaultTrackers() {
    return RegistrationTrackerFactory.withDefaults();
  }

  static FrameGeometry readGeometry(Path file) throws GeometryFormatException {
    return GeometryFile.read(file);
  }

  /**
   * A model request from {@code file}: JSON with the {@link ModelRequest} keys (relative paths resolved against
   * the file's folder), or any other file taken as the LV mesh.
   */
  public static ModelRequest readModelRequest(Path file, Integer target) throws IOException {
    int t = target == null ? 0 : target;
    if (Files.isDirectory(file)) {
      return new ModelRequest(file, null, null, List.of(), t);
    }
    if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
      return new ModelRequest(null, null, file, List.of(), t);
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException("model file not found: " + file);
    }
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(file));
    } catch (DecodeException e) {
      throw new IOException("model file is not a JSON object: " + file + " (" + e.getMessage() + ")", e);
    }
    if (!json.containsKey("lv")) {
      return new ModelRequest(file, null, null, List.of(), t); // a pre-operative model description
    }
    Path dir = file.toAbsolutePath().getParent();
    for (String key : List.of("ct", "lv")) {
      if (json.getValue(key) instanceof String s) {
        json.put(key, dir.resolve(s).toString());
      }
    }
    if (json.getValue("veins") instanceof io.vertx.core.json.JsonArray a) {
      io.vertx.core.json.JsonArray resolved = new io.vertx.core.json.JsonArray();
      a.forEach(o -> resolved.add(o instanceof String s ? dir.resolve(s).toString() : o));
      json.put("veins", resolved);
    }
    if (target != null) {
      json.put("target", target);
    }
    try {
      return ModelRequest.fromJson(json);
    } catch (IllegalArgumentException e) {
      throw new IOException("model file " + file + ": " + e.getMessage(), e);
    }
  }
}
