package cathnav.core.service.igtl;

import static cathnav.core.testing.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.overlay.GuidanceModel;
import cathnav.core.overlay.TestMeshes;
import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.ProcedureModel;
import cathnav.core.service.ServiceOptions;
import cathnav.core.service.Trackers;
import cathnav.igtl.net.IgtlClient;
import cathnav.igtl.net.IgtlClientOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service against the reference C++ library's example programs: ImagerClient as the frame source (its 256 x 256
 * uint8 test images, no geometry: the service's configured geometry applies), ReceiveClient and PolyDataClient as
 * consumers. The tracker is the fixed identity: the test images are not fluoroscopy of the model.
 */
class ReferencePeersIT {

  private Vertx vertx;
  private NavigationServer server;
  private final List<Process> processes = new ArrayList<>();
  private Path bin;

  @BeforeEach
  void start() throws Exception {
    bin = examples();
    vertx = Vertx.vertx();
    FrameGeometry g = FrameGeometry.of(CArmGeometry.of(0, 0, 1200, 700, 256, 256, 0.6, 0.6));
    server = await(NavigationServer.start(vertx, ServiceOptions.defaults().withIgtl("127.0.0.1", 0)
            .withHttp("127.0.0.1", 0).withConfiguredGeometry(g), Trackers.fixedIdentity(), LeadTipDetector.NONE,
        r -> {
          throw new IOException("not used");
        }));
    server.service().useModel(new ProcedureModel("sphere", new GuidanceModel("sphere",
        TestMeshes.sphere(new double[] {0, 0, 0}, 30, 12, 24, c -> c[0] > 0 ? 12 : 6), List.of()), null, 12));
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    await(server.close());
    await(vertx.close());
  }

  /** The reference examples folder; fails (never skips) with how to build them when missing. */
  private static Path examples() {
    String prop = System.getProperty("cathnav.igtl.examples");
    Path dir = null;
    if (prop != null && !prop.isBlank()) {
      dir = Path.of(prop);
    } else {
      String root = System.getProperty("cathnav.root");
      for (Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath(); p != null && dir == null;
          p = p.getParent()) {
        if (Files.isRegularFile(p.resolve("cathnav"))) {
          dir = p.resolve("target/igtl-examples/bin");
        }
      }
    }
    if (dir == null || !Files.isExecutable(dir.resolve("ImagerClient"))) {
      fail("OpenIGTLink reference examples not found (" + dir + "): run ./cathnav test, which builds them into "
          + "target/igtl-examples/bin, or pass -Dcathnav.igtl.examples=DIR");
    }
    return dir;
  }

  private StringBuffer run(String program, Object... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(bin.resolve(program).toString());
    for (Object a : args) {
      cmd.add(String.valueOf(a));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    processes.add(p);
    StringBuffer out = new StringBuffer();
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (InputStream in = p.getInputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          out.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
      } catch (IOException ignored) {
        // killed
      }
    });
    t.setDaemon(true);
    t.start();
    return out;
  }

  private static void awaitText(StringBuffer out, String text, String program) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!out.toString().contains(text)) {
      if (System.nanoTime() > deadline) {
        String all = out.toString();
        fail(program + " did not print '" + text + "'; output:\n" + all.substring(Math.max(0, all.length() - 2000)));
      }
      Thread.sleep(20);
    }
  }

  @Test
  void imagerClientFramesAreAnsweredAndReceiveClientAndPolyDataClientGetTheOutputs() throws Exception {
    java.util.concurrent.atomic.AtomicInteger registrations = new java.util.concurrent.atomic.AtomicInteger();
    IgtlClient peer = IgtlClient.create(vertx, new IgtlClientOptions().setHost("127.0.0.1")
        .setPort(server.igtlPort()));
    peer.messageHandler((c, m) -> {
      if (m.typeName().equals("TRANSFORM") && m.deviceName().equals(OutputMessages.REGISTRATION)) {
        registrations.incrementAndGet();
      }
    });
    await(peer.connect());
    StringBuffer receive = run("ReceiveClient", "127.0.0.1", server.igtlPort());
    StringBuffer imagerOut = run("ImagerClient", "127.0.0.1", server.igtlPort(), 20, bin.resolve("img"));
    Process imager = processes.get(processes.size() - 1);
    assertTrue(imager.waitFor(60, TimeUnit.SECONDS), "ImagerClient did not finish: " + imagerOut);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.service().status().framesProcessed() + server.service().droppedFrames() < 100
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(100, server.service().status().framesProcessed() + server.service().droppedFrames(),
        "every ImagerClient frame processed or (latest wins) dropped");
    assertEquals(0, server.service().health().getLong("framesRejected"));
    // every processed frame is answered; the pipeline's latest-frame slot may drop frames on a busy machine
    long processed = server.service().status().framesProcessed();
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (registrations.get() < processed && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(processed >= 20, "frames processed: " + processed);
    assertTrue(registrations.get() >= 0.9 * processed, "Registration transforms received: " + registrations.get()
        + " for " + processed + " processed frames");

    awaitText(receive, "Receiving TRANSFORM data type.", "ReceiveClient");
    awaitText(receive, "Error Name: TRACKING", "ReceiveClient");
    awaitText(receive, "\"type\":\"readouts\"", "ReceiveClient");
    awaitText(receive, "Receiving STATUS data type.", "ReceiveClient");
    assertTrue(!receive.toString().contains("CRC"), "ReceiveClient reported a CRC problem:\n" + receive);

    StringBuffer poly = run("PolyDataClient", "127.0.0.1", server.igtlPort());
    awaitText(poly, "Receiving POLYDATA data type.", "PolyDataClient");
    assertTrue(!poly.toString().contains("Invalid response"), poly.toString());
    await(peer.close());
  }
}
