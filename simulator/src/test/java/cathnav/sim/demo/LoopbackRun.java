package cathnav.sim.demo;

import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.ProcedureModel;
import cathnav.core.service.ServiceOptions;
import cathnav.core.service.cli.ServeCommand;
import cathnav.core.service.igtl.NavigationServer;
import cathnav.core.service.igtl.OutputMessages;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.TransformBody;
import cathnav.igtl.net.HeaderVersionPolicy;
import cathnav.igtl.net.IgtlClient;
import cathnav.igtl.net.IgtlClientOptions;
import cathnav.sim.FrameMessages;
import cathnav.sim.SimulatedFrame;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The service on loopback with a model in use (default trackers, no lead detector), a frame source, and an
 * independent OpenIGTLink peer that collects the outputs by source time stamp: overlays, registration transforms and
 * states. Frames are sent paced, each with a unique time stamp whose heart truth is kept.
 */
final class LoopbackRun implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final NavigationServer server;
  /** The heart's true pose (4x4 row-major) of each frame sent, by source time stamp, ns. */
  final Map<Long, double[]> truth = new ConcurrentHashMap<>();
  /** Registration transforms received (4x4 row-major), by source time stamp. */
  final Map<Long, double[]> poses = new ConcurrentHashMap<>();
  /** Guidance states received, by source time stamp. */
  final Map<Long, String> states = new ConcurrentHashMap<>();
  /** Overlays received, by source time stamp. */
  final Map<Long, Boolean> overlays = new ConcurrentHashMap<>();
  private final IgtlClient peer;
  private final IgtlClient source;

  LoopbackRun(ProcedureModel model) throws Exception {
    server = await(NavigationServer.start(vertx,
        ServiceOptions.defaults().withIgtl("127.0.0.1", 0).withHttp("127.0.0.1", 0),
        ServeCommand.defaultTrackers(), LeadTipDetector.NONE, ServeCommand.defaultLoader()));
    server.service().useModel(model);
    peer = IgtlClient.create(vertx, new IgtlClientOptions().setHost("127.0.0.1").setPort(server.igtlPort()));
    peer.messageHandler((c, m) -> {
      long ts = m.timestamp().toEpochNanos();
      if (m.typeName().equals("POLYDATA") && m.deviceName().equals(OutputMessages.OVERLAY)) {
        overlays.put(ts, true);
      } else if (m.typeName().equals("TRANSFORM") && m.deviceName().equals(OutputMessages.REGISTRATION)) {
        var a = m.body(TransformBody.class).matrix();
        poses.put(ts, new double[] {a.m00(), a.m01(), a.m02(), a.m03(), a.m10(), a.m11(), a.m12(), a.m13(),
            a.m20(), a.m21(), a.m22(), a.m23(), 0, 0, 0, 1});
      } else if (m.typeName().equals("STATUS") && m.deviceName().equals(OutputMessages.STATE)) {
        states.put(ts, m.body(StatusBody.class).errorName());
      }
    });
    await(peer.connect());
    source = IgtlClient.create(vertx, new IgtlClientOptions().setHost("127.0.0.1").setPort(server.igtlPort())
        .setHeaderVersionPolicy(HeaderVersionPolicy.ALWAYS_V2));
    await(source.connect());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Sends {@code count} frames at {@code fps}, cycling through {@code frames}, each with a unique time stamp. */
  void send(List<SimulatedFrame> frames, int count, double fps) {
    long period = (long) (1e9 / fps);
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long wait = t0 + i * period - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      SimulatedFrame f = frames.get(i % frames.size());
      long stamp = System.currentTimeMillis() * 1_000_000L + i; // unique per frame
      truth.put(IgtlTimestamp.ofEpochNanos(stamp).toEpochNanos(), f.truth().heartPose().matrix());
      for (IgtlMessage m : FrameMessages.of(f, 2, ByteBufAllocator.DEFAULT)) {
        source.send(m.withTimestamp(IgtlTimestamp.ofEpochNanos(stamp)));
      }
    }
  }

  /**
   * Waits up to 10 s until every one of {@code sent} frames is answered with an overlay or counted as dropped (a
   * frame superseded by a newer one while the pipeline was busy); returns the dropped count.
   */
  long awaitAnswers(int sent) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (overlays.size() + server.service().droppedFrames() < sent && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return server.service().droppedFrames();
  }

  @Override
  public void close() throws Exception {
    await(source.close());
    await(peer.close());
    await(server.close());
    await(vertx.close());
  }
}
