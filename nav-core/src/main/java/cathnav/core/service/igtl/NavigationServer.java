package cathnav.core.service.igtl;

import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.ModelLoader;
import cathnav.core.service.NavigationService;
import cathnav.core.service.ServiceOptions;
import cathnav.core.service.TrackerFactory;
import cathnav.igtl.net.IgtlServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The whole navigation service process: {@link NavigationService} (pipeline, web display, control, metrics) with its
 * OpenIGTLink side ({@link IgtlGateway}). {@code serve}, {@code demo}, the end-to-end bench and tests start it.
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public final class NavigationServer {

  private final NavigationService service;
  private final IgtlGateway gateway;

  private NavigationServer(NavigationService service, IgtlGateway gateway) {
    this.service = service;
    this.gateway = gateway;
  }

  /** Starts the service, then its OpenIGTLink server; a failure of either leaves nothing running. */
  public static Future<NavigationServer> start(Vertx vertx, ServiceOptions options, TrackerFactory trackers,
      LeadTipDetector lead, ModelLoader loader) {
    return NavigationService.start(vertx, options, trackers, lead, loader).compose(service -> {
      IgtlServerOptions io = new IgtlServerOptions().setHost(options.igtlHost()).setPort(options.igtlPort())
          .setDeviceName(OutputMessages.STATE);
      return IgtlGateway.start(vertx, service, io)
          .map(g -> new NavigationServer(service, g))
          .recover(e -> service.close().transform(v -> Future.failedFuture(e)));
    });
  }

  public NavigationService service() {
    return service;
  }

  public IgtlGateway gateway() {
    return gateway;
  }

  /** The bound OpenIGTLink port. */
  public int igtlPort() {
    return gateway.port();
  }

  /** The bound web port. */
  public int httpPort() {
    return service.httpPort();
  }

  /** Stops the OpenIGTLink server, then the service. */
  public Future<Void> close() {
    return gateway.close().transform(v -> service.close());
  }
}
