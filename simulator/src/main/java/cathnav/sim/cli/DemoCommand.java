package cathnav.sim.cli;

import cathnav.core.overlay.TipConstraint;
import cathnav.core.overlay.TipState;
import cathnav.core.service.LeadTipDetectors;
import cathnav.core.service.ServiceOptions;
import cathnav.core.service.cli.HostPort;
import cathnav.core.service.cli.ServeCommand;
import cathnav.core.service.igtl.NavigationServer;
import cathnav.gpu.BackendUnavailableException;
import cathnav.gpu.ComputeBackends;
import cathnav.gpu.FallbackPolicy;
import cathnav.sim.demo.DemoModels;
import cathnav.sim.demo.DemoProcedure;
import cathnav.sim.demo.DemoStatus;
import cathnav.sim.demo.SimulatedProcedure;
import cathnav.sim.demo.SimulatedStream;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav demo}: the navigation service with a procedure streamed into it over OpenIGTLink, the web display,
 * and a live status line (fps, latency p50/p99, registration error against the truth, state). The anatomy is the
 * real thorax CTA from the shared data folder with another patient's four-chamber meshes fitted to its heart mask
 * when the data are there and the fit is good ({@link DemoModels}), the generated phantom otherwise or with
 * {@code --phantom}; the console says which.
 *
 * <p>Exit codes: 0 finished; 1 runtime failure; 4 a port that cannot be bound; 5 backend unavailable.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs the navigation service with a streamed procedure and the web display; prints a live status"
        + " line.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--duration", paramLabel = "S", defaultValue = "120",
      description = "length of the simulated procedure, seconds (default: ${DEFAULT-VALUE})")
  double durationS;

  @Option(names = "--fps", paramLabel = "F", defaultValue = "15", description = "frames per second (default 15)")
  double fps;

  @Option(names = "--size", paramLabel = "PX", defaultValue = "512", description = "frame size, pixels (default 512)")
  int size;

  @Option(names = "--backend", paramLabel = "NAME", defaultValue = "java",
      description = "compute backend: java, opencl, cuda or auto (default: ${DEFAULT-VALUE})")
  String backend;

  @Option(names = "--headless", description = "print one status line per second instead of updating one line "
      + "(for logs and terminals without carriage return)")
  boolean headless;

  @Option(names = "--igtl", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      defaultValue = "127.0.0.1:18944", description = "service OpenIGTLink address (default: ${DEFAULT-VALUE})")
  HostPort igtl;

  @Option(names = "--http", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      defaultValue = "127.0.0.1:8080", description = "web display address (default: ${DEFAULT-VALUE})")
  HostPort http;

  @Option(names = "--overlay-image", description = "also send the overlay rasterised as an RGBA IMAGE"
      + " (device OverlayImage) to OpenIGTLink peers")
  boolean overlayImage;

  @Option(names = "--phantom", description = "use the generated phantom even when the real CT and meshes are there")
  boolean phantom;

  @Option(names = "--data", paramLabel = "DIR", description = "shared data folder with the real CT, its heart mask"
      + " and the four-chamber meshes (default: ../shared/data beside the checkout)")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    if (!(fps > 0 && fps <= 120) || size < 64 || size > 2048 || !(durationS > 0)) {
      System.err.println("cathnav demo: --fps must be in (0, 120], --size in 64..2048, --duration positive");
      return 2;
    }
    try {
      ComputeBackends.select(backend, FallbackPolicy.FAIL).backend().close();
    } catch (IllegalArgumentException e) {
      System.err.println("cathnav demo: " + e.getMessage());
      return 2;
    } catch (BackendUnavailableException e) {
      System.err.println("cathnav demo: compute backend unavailable: " + e.getMessage());
      return 5;
    }
    Vertx vertx = Vertx.vertx();
    NavigationServer server;
    try {
      ServiceOptions options = ServiceOptions.defaults().withIgtl(igtl.host(), igtl.port())
          .withHttp(http.host(), http.port()).withBackend(backend).withOverlayImage(overlayImage);
      server = NavigationServer.start(vertx, options, ServeCommand.defaultTrackers(), LeadTipDetectors.wireInBackground(),
          ServeCommand.defaultLoader()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      System.err.println("cathnav demo: service did not start: " + e.getCause().getMessage());
      vertx.close();
      return 4;
    }
    System.out.println("cathnav demo: preparing the anatomy and its model ...");
    long prepareStart = System.nanoTime();
    DemoModels.Choice choice = DemoModels.choose(dataDir != null ? dataDir : DemoModels.defaultDataDir(),
        DemoModels.defaultCacheDir(), phantom);
    DemoProcedure procedure = choice.procedure();
    System.out.printf("cathnav demo: %s (ready in %.1f s)%n", choice.reason(), (System.nanoTime() - prepareStart) / 1e9);
    server.service().useModel(procedure.model());
    DemoStatus status = new DemoStatus(server.service(),
        new double[] {procedure.lvCentre().x(), procedure.lvCentre().y(), procedure.lvCentre().z()});
    server.service().addListener(status);
    System.out.printf("cathnav demo: display http://%s:%d/  (OpenIGTLink %s:%d, backend %s, %.0f fps, %dx%d)%n",
        http.host(), server.httpPort(), igtl.host(), server.igtlPort(), backend, fps, size, size);
    SimulatedStream source = new SimulatedStream(procedure, SimulatedProcedure.scenario(durationS, fps, size),
        "127.0.0.1", server.igtlPort(), status);
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "cathnav-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    source.start();
    int exit = 0;
    while (!source.finished() && !stop.await(1, TimeUnit.SECONDS)) {
      String line = status.line();
      if (headless) {
        System.out.println(line);
      } else {
        System.out.print("\r" + line);
        System.out.flush();
      }
    }
    if (source.failure() != null) {
      System.err.println("\ncathnav demo: simulator stream failed: " + source.failure().getMessage());
      exit = 4;
    }
    source.close();
    System.out.printf(Locale.ROOT, "%ncathnav demo: %d frames streamed, %d overlays built, %d dropped, %d compared with"
        + " the truth, largest error %.2f mm; %d shown as TRACKING, largest error among them %.2f mm%n",
        source.framesSent(), status.outcomes(), server.service().droppedFrames(), status.compared(),
        status.maxErrorMm(), status.comparedTracking(), status.maxTrackingErrorMm());
    System.out.printf(Locale.ROOT, "cathnav demo: lead tip drawn as confirmed, error against the truth (mm at the"
        + " isocentre): %s; %d frames with tip readouts, their tips: %s%n", status.confirmedTipErrors().summary(),
        status.framesWithReadouts(), status.readoutTipErrors().summary());
    System.out.printf(Locale.ROOT, "cathnav demo: lead tip state per outcome: confirmed=%d unconfirmed=%d stale=%d"
        + " none=%d; unconfirmed (\"tip?\", no readouts) error: %s%n", status.framesWithTipState(TipState.CONFIRMED),
        status.framesWithTipState(TipState.UNCONFIRMED), status.framesWithTipState(TipState.STALE),
        status.framesWithTipState(TipState.NONE), status.unconfirmedTipErrors().summary());
    System.out.printf(Locale.ROOT, "cathnav demo: tips behind readouts by placement: on a vein %s; at the target's"
        + " depth %s; by ray %s%n", status.readoutTipErrors(TipConstraint.VEIN).summary(),
        status.readoutTipErrors(TipConstraint.TARGET_DEPTH).summary(), status.readoutTipErrors(TipConstraint.RAY)
        .summary());
    System.out.printf(Locale.ROOT, "cathnav demo: source pacing %s; stale episodes=%d staleS=%.1f%n",
        source.sendIntervals(), status.staleEpisodes(), status.staleSeconds());
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // interrupted by the user: the JVM is exiting
    }
    return exit;
  }
}
