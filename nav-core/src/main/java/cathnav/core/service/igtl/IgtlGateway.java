package cathnav.core.service.igtl;

import cathnav.core.geometry.GeometryFormatException;
import cathnav.core.overlay.GuidanceState;
import cathnav.core.service.FrameOutcome;
import cathnav.core.service.ModelRequest;
import cathnav.core.service.NavigationService;
import cathnav.core.service.OutcomeListener;
import cathnav.core.service.PipelineStatus;
import cathnav.core.service.ProcedureModel;
import cathnav.core.service.ReceivedFrame;
import cathnav.igtl.message.CommandBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.StringBody;
import cathnav.igtl.net.IgtlConnection;
import cathnav.igtl.net.IgtlServer;
import cathnav.igtl.net.IgtlServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's OpenIGTLink side: takes fluoroscopy IMAGE frames (with their geometry, see
 * {@link FrameGeometryResolver}), {@code CArmGeometry} STRINGs and control COMMANDs from any peer, and publishes
 * each frame's outputs ({@link OutputMessages}) to every peer, latest-only per peer (the server drops what a slow
 * peer has not taken yet; nothing queues).
 *
 * <p>Control COMMANDs (the reply is an {@code RTS_COMMAND} with the same id, text {@code OK ...} or
 * {@code ERROR ...}):
 *
 * <ul>
 *   <li>{@code LoadModel} with the JSON of {@link ModelRequest#fromJson};
 *   <li>{@code SetTarget} with the segment number (1..17, 0 clears) or {@code {"segment": N}};
 *   <li>{@code ResetRegistration}.
 * </ul>
 *
 * <p>Bad input from one peer (a frame without geometry, an unsupported pixel type, a malformed command) gets a STATUS
 * to that peer and a log line; the frame is refused and counted; every other peer goes on.
 *
 * <p>Thread-safety: message handling runs on each connection's event loop; outputs are published from the service
 * context; the server is thread-safe.
 */
public final class IgtlGateway implements OutcomeListener {

  private static final Logger LOG = LoggerFactory.getLogger(IgtlGateway.class);

  private final NavigationService service;
  private final IgtlServer server;
  private final Map<Long, FrameGeometryResolver> resolvers = new ConcurrentHashMap<>();
  private final IgtlTransportMetrics transportMetrics;
  private final OverlayImageSender overlayImages;

  private IgtlGateway(Vertx vertx, NavigationService service, IgtlServerOptions options) {
    this.service = service;
    this.server = IgtlServer.create(vertx, options);
    this.transportMetrics = IgtlTransportMetrics.bind(server, service.meterRegistry());
    this.overlayImages = service.options().sendOverlayImage() ? new OverlayImageSender(vertx, server) : null;
  }

  /** Starts the OpenIGTLink server and connects it to {@code service}. */
  public static Future<IgtlGateway> start(Vertx vertx, NavigationService service, IgtlServerOptions options) {
    IgtlGateway g = new IgtlGateway(vertx, service, options);
    g.server.messageHandler(g::onMessage).connectHandler(g::onConnect);
    return g.server.listen().map(s -> {
      service.addListener(g);
      LOG.info("OpenIGTLink gateway listening, host={}, port={}", options.getHost(), s.actualPort());
      ProcedureModel model = service.currentModel();
      if (model != null) {
        g.onModelChanged(model);
      }
      return g;
    });
  }

  /** The bound OpenIGTLink port. */
  public int port() {
    return server.actualPort();
  }

  /** The server (connections, metrics). */
  public IgtlServer server() {
    return server;
  }

  private void onConnect(IgtlConnection c) {
    LOG.info("OpenIGTLink peer connected, peer={}, id={}", c.remoteAddress(), c.id());
    transportMetrics.onConnect(c);
    c.closeFuture().onComplete(r -> {
      resolvers.remove(c.id());
      LOG.info("OpenIGTLink peer disconnected, peer={}, id={}, reason={}", c.remoteAddress(), c.id(),
          r.succeeded() ? r.result() : r.cause());
    });
  }

  private FrameGeometryResolver resolver(IgtlConnection c) {
    return resolvers.computeIfAbsent(c.id(), id -> new FrameGeometryResolver(service.options().configuredGeometry()));
  }

  private void onMessage(IgtlConnection c, IgtlMessage m) {
    if (m.body() instanceof ImageBody image) {
      onImage(c, m, image);
    } else if (m.body() instanceof StringBody s && FrameGeometryResolver.GEOMETRY_STRING_DEVICE.equals(m.deviceName())) {
      try {
        resolver(c).onGeometryString(s.value(), c.remoteAddress());
        LOG.debug("frame geometry set from STRING, peer={}", c.remoteAddress());
      } catch (GeometryFormatException e) {
        refuse(c, "BAD_GEOMETRY", e.getMessage());
      }
    } else if (m.body() instanceof CommandBody cmd && !cmd.reply()) {
      onCommand(c, cmd);
    }
  }

  private void onImage(IgtlConnection c, IgtlMessage m, ImageBody image) {
    String refusal = ImagePixels.refusal(image);
    FrameGeometryResolver.Resolution r = null;
    if (refusal == null) {
      r = resolver(c).resolve(m, image.size().i(), image.size().j(), c.remoteAddress());
      refusal = r.refusal();
    }
    if (refusal != null) {
      service.countRejectedFrame();
      refuse(c, "FRAME_REFUSED", "frame from device " + m.deviceName() + " refused: " + refusal);
      return;
    }
    long received = System.nanoTime();
    image.retain(); // handed to the pipeline thread, released after pixel conversion (or when dropped)
    service.ingest(new ReceivedFrame(service.nextSequence(), received, m.timestamp().toEpochNanos(),
        m.deviceName(), c.remoteAddress(), r.geometry(), ImagePixels.of(image)));
  }

  private void onCommand(IgtlConnection c, CommandBody cmd) {
    String name = cmd.name();
    LOG.info("command received, peer={}, name={}, id={}", c.remoteAddress(), name, cmd.commandId());
    try {
      switch (name) {
        case "LoadModel" -> {
          ModelRequest request = ModelRequest.fromJson(new JsonObject(cmd.command()));
          service.loadModel(request).onComplete(ar -> reply(c, cmd,
              ar.succeeded() ? "OK model=" + ar.result() : "ERROR " + ar.cause().getMessage()));
        }
        case "SetTarget" -> {
          String text = cmd.command().trim();
          int segment = text.startsWith("{") ? new JsonObject(text).getInteger("segment", -1)
              : Integer.parseInt(text);
          if (segment < 0 || segment > 17) {
            throw new IllegalArgumentException("target must be an AHA segment 1..17 (0 clears), segment=" + segment);
          }
          service.setTarget(segment);
          reply(c, cmd, "OK target=" + segment);
        }
        case "ResetRegistration" -> {
          service.resetRegistration();
          reply(c, cmd, "OK");
        }
        default -> throw new IllegalArgumentException(
            "unknown command, name=" + name + "; known: LoadModel, SetTarget, ResetRegistration");
      }
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      LOG.info("command refused, peer={}, name={}, reason={}", c.remoteAddress(), name, e.getMessage());
      reply(c, cmd, "ERROR " + e.getMessage());
    }
  }

  private void reply(IgtlConnection c, CommandBody cmd, String text) {
    c.send(IgtlMessage.of(OutputMessages.STATE, IgtlTimestamp.now(),
        CommandBody.reply(cmd.commandId(), cmd.name(), text)));
  }

  private void refuse(IgtlConnection c, String errorName, String message) {
    LOG.warn("input refused, peer={}, error={}, reason={}", c.remoteAddress(), errorName, message);
    c.send(OutputMessages.problem(StatusBody.CONFIG_ERROR, errorName, message));
  }

  @Override
  public void onOutcome(FrameOutcome outcome) {
    for (IgtlMessage m : OutputMessages.forFrame(outcome.overlay(), outcome.geometry())) {
      server.publish(m);
    }
    if (overlayImages != null) {
      overlayImages.submit(outcome);
    }
  }

  @Override
  public void onProblem(int code, String errorName, String message) {
    server.publish(OutputMessages.problem(code, errorName, message));
  }

  @Override
  public void onStale(boolean stale, PipelineStatus status) {
    GuidanceState state = stale ? GuidanceState.STALE : status.state();
    String why = stale ? "no frame for more than two frame intervals (" + status.frameIntervalNanos() / 1_000_000
        + " ms each)" : "frames arriving again";
    server.publish(IgtlMessage.of(OutputMessages.STATE, IgtlTimestamp.now(), OutputMessages.status(state, why)));
  }

  @Override
  public void onModelChanged(ProcedureModel model) {
    server.publish(OutputMessages.model(model));
  }

  /** Stops the server. */
  public Future<Void> close() {
    service.removeListener(this);
    return server.close();
  }
}
