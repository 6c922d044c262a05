package cathnav.igtl.net.impl;

import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.net.CloseReason;
import cathnav.igtl.net.IgtlClient;
import cathnav.igtl.net.IgtlClientOptions;
import cathnav.igtl.net.IgtlConnection;
import cathnav.igtl.net.IgtlConnectException;
import cathnav.igtl.net.IgtlMessageHandler;
import cathnav.igtl.net.IgtlMetrics;
import cathnav.igtl.net.RawFrameListener;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link IgtlClient} on a Vert.x {@link NetClient}; see the interface for the contract. */
public final class IgtlClientImpl implements IgtlClient, ConnectionOwner {

  private static final Logger LOG = LoggerFactory.getLogger(IgtlClientImpl.class);

  private final IgtlClientOptions options;
  private final EndpointCounters totals = new EndpointCounters();
  private final ContextInternal context;
  private final NetClient netClient;
  private volatile IgtlMessageHandler messageHandler;
  private volatile RawFrameListener rawFrameListener;
  private volatile Handler<IgtlConnection> connectHandler;
  private volatile IgtlConnectionImpl current;
  private volatile boolean closed;
  private long retryTimer = -1;

  public IgtlClientImpl(Vertx vertx, IgtlClientOptions options) {
    this.options = new IgtlClientOptions(options);
    this.options.validate();
    this.context = ((VertxInternal) vertx).createEventLoopContext();
    NetClientOptions netOptions = new NetClientOptions()
        .setConnectTimeout((int) options.getConnectTimeout().toMillis())
        .setTcpKeepAlive(options.isTcpKeepAlive())
        .setTcpNoDelay(options.isTcpNoDelay())
        .setSsl(options.isSsl())
        .setTrustAll(options.isTrustAll())
        .setHostnameVerificationAlgorithm(options.isTrustAll() ? "" : "HTTPS");
    if (options.getKeyCertOptions() != null) {
      netOptions.setKeyCertOptions(options.getKeyCertOptions());
    }
    if (options.getTrustOptions() != null) {
      netOptions.setTrustOptions(options.getTrustOptions());
    }
    this.netClient = vertx.createNetClient(netOptions);
  }

  @Override
  public IgtlClient messageHandler(IgtlMessageHandler handler) {
    this.messageHandler = handler;
    return this;
  }

  @Override
  public IgtlClient rawFrameListener(RawFrameListener listener) {
    this.rawFrameListener = listener;
    return this;
  }

  @Override
  public IgtlClient connectHandler(Handler<IgtlConnection> handler) {
    this.connectHandler = handler;
    return this;
  }

  @Override
  public Future<IgtlConnection> connect() {
    Promise<IgtlConnection> promise = context.promise();
    context.runOnContext(v -> attempt(0, promise));
    return promise.future();
  }

  /** One connection attempt, on the client's context; retried with back-off when reconnection is on. */
  private void attempt(int attempt, Promise<IgtlConnection> promise) {
    retryTimer = -1;
    if (closed) {
      promise.tryFail(new IllegalStateException("client closed, peer=" + peer()));
      return;
    }
    netClient.connect(options.getPort(), options.getHost()).onComplete(ar -> {
      if (ar.succeeded()) {
        if (closed) {
          ar.result().close();
          promise.tryFail(new IllegalStateException("client closed, peer=" + peer()));
          return;
        }
        IgtlConnectionImpl c = new IgtlConnectionImpl((NetSocketInternal) ar.result(), context, options, totals, this,
            Set.of(), rawFrameListener);
        c.start();
        current = c;
        Handler<IgtlConnection> h = connectHandler;
        if (h != null) {
          h.handle(c);
        }
        promise.tryComplete(c);
      } else if (options.isReconnect() && !closed) {
        long delay = options.reconnectDelay(attempt).toMillis();
        LOG.info("igtl connect failed, retrying, peer={}, attempt={}, delayMs={}, cause={}", peer(), attempt + 1,
            delay, ar.cause().toString());
        retryTimer = context.setTimer(delay, t -> attempt(attempt + 1, promise));
      } else {
        LOG.warn("igtl connect failed, peer={}, cause={}", peer(), ar.cause().toString());
        promise.tryFail(new IgtlConnectException(options.getHost(), options.getPort(), ar.cause()));
      }
    });
  }

  private String peer() {
    return options.getHost() + ":" + options.getPort();
  }

  @Override
  public void onMessage(IgtlConnectionImpl c, IgtlMessage m) {
    IgtlServerImpl.deliver(messageHandler, c, m);
  }

  @Override
  public void onClosed(IgtlConnectionImpl c, CloseReason reason) {
    if (current == c) {
      current = null;
    }
    if (!closed && options.isReconnect()) {
      long delay = options.reconnectDelay(0).toMillis();
      LOG.info("igtl connection lost, reconnecting, peer={}, reason={}, delayMs={}", peer(), reason, delay);
      Promise<IgtlConnection> next = context.promise();
      retryTimer = context.setTimer(delay, t -> attempt(1, next));
    }
  }

  @Override
  public IgtlConnection connection() {
    return current;
  }

  @Override
  public Future<Void> send(IgtlMessage message) {
    IgtlConnectionImpl c = current;
    if (c == null) {
      message.release();
      return Future.failedFuture(new IllegalStateException("not connected, peer=" + peer()));
    }
    return c.send(message);
  }

  @Override
  public IgtlMetrics metrics() {
    IgtlConnectionImpl c = current;
    return totals.snapshot(c == null ? List.of() : List.of(c.metrics()));
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = context.promise();
    context.runOnContext(v -> {
      closed = true;
      if (retryTimer >= 0) {
        context.owner().cancelTimer(retryTimer);
        retryTimer = -1;
      }
      IgtlConnectionImpl c = current;
      Future<Void> closing = c == null ? Future.succeededFuture() : c.close();
      closing.eventually(() -> netClient.close()).onComplete(ar -> done.tryComplete());
    });
    return done.future();
  }
}
