package cathnav.igtl.net.impl;

import cathnav.igtl.message.GetQueryBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.QueryReplyBody;
import cathnav.igtl.message.StartStreamBody;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.StopStreamBody;
import cathnav.igtl.message.StreamParameters;
import cathnav.igtl.net.CloseReason;
import cathnav.igtl.net.IgtlConnection;
import cathnav.igtl.net.IgtlMessageHandler;
import cathnav.igtl.net.IgtlMetrics;
import cathnav.igtl.net.RawFrameListener;
import cathnav.igtl.net.IgtlServer;
import cathnav.igtl.net.IgtlServerOptions;
import cathnav.igtl.codec.IgtlFrameWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link IgtlServer} on a Vert.x {@link NetServer}; see the interface for the contract. */
public final class IgtlServerImpl implements IgtlServer, ConnectionOwner {

  private static final Logger LOG = LoggerFactory.getLogger(IgtlServerImpl.class);

  private final Vertx vertx;
  private final IgtlServerOptions options;
  private final EndpointCounters totals = new EndpointCounters();
  private final Map<Long, IgtlConnectionImpl> connections = new ConcurrentHashMap<>();
  private final PublishedState state = new PublishedState();
  private volatile IgtlMessageHandler messageHandler;
  private volatile RawFrameListener rawFrameListener;
  private volatile Handler<IgtlConnection> connectHandler;
  private volatile NetServer server;
  private volatile int actualPort = -1;

  public IgtlServerImpl(Vertx vertx, IgtlServerOptions options) {
    this.vertx = vertx;
    this.options = new IgtlServerOptions(options);
    this.options.validate();
  }

  @Override
  public IgtlServer messageHandler(IgtlMessageHandler handler) {
    this.messageHandler = handler;
    return this;
  }

  @Override
  public IgtlServer rawFrameListener(RawFrameListener listener) {
    this.rawFrameListener = listener;
    return this;
  }

  @Override
  public IgtlServer connectHandler(Handler<IgtlConnection> handler) {
    this.connectHandler = handler;
    return this;
  }

  @Override
  public Future<IgtlServer> listen() {
    NetServerOptions netOptions = new NetServerOptions()
        .setHost(options.getHost())
        .setPort(options.getPort())
        .setTcpKeepAlive(options.isTcpKeepAlive())
        .setTcpNoDelay(options.isTcpNoDelay())
        .setSsl(options.isSsl());
    if (options.getKeyCertOptions() != null) {
      netOptions.setKeyCertOptions(options.getKeyCertOptions());
    }
    if (options.getTrustOptions() != null) {
      netOptions.setTrustOptions(options.getTrustOptions());
    }
    NetServer s = vertx.createNetServer(netOptions);
    s.connectHandler(this::accept);
    server = s;
    return s.listen().map(bound -> {
      actualPort = bound.actualPort();
      LOG.info("igtl server listening, host={}, port={}, ssl={}, crcCheck={}, headerVersionPolicy={}, maxBodySize={}",
          options.getHost(), actualPort, options.isSsl(), options.isCrcCheck(), options.getHeaderVersionPolicy(),
          options.getMaxBodySize());
      return (IgtlServer) this;
    }).onFailure(e -> LOG.error("igtl server cannot listen, host={}, port={}, cause={}", options.getHost(),
        options.getPort(), e.toString()));
  }

  private void accept(NetSocket socket) {
    NetSocketInternal soi = (NetSocketInternal) socket;
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    IgtlConnectionImpl c = new IgtlConnectionImpl(soi, context, options, totals, this, options.getOnRequestTypes(),
        rawFrameListener);
    c.start();
    if (connections.size() >= options.getMaxConnections()) {
      c.fail(CloseReason.TOO_MANY_CONNECTIONS, "server full, maxConnections=" + options.getMaxConnections(),
          StatusBody.BUSY);
      return;
    }
    // registered before the state is read, so a concurrent publish reaches it one way or the other
    connections.put(c.id(), c);
    if (options.isPushStateOnConnect()) {
      for (IgtlMessage m : state.retainMatching(null, null)) {
        if (c.isStreaming(m.typeName())) {
          c.send(m);
        } else {
          m.release();
        }
      }
    }
    Handler<IgtlConnection> h = connectHandler;
    if (h != null) {
      h.handle(c);
    }
  }

  @Override
  public int actualPort() {
    return actualPort;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The message is encoded here, on the caller's thread, once per header version the streaming connections need
   * (CRC-64 included), and every connection writes a retained duplicate of those bytes: the event loops do no encoding
   * and N peers cost one encode, not N.
   */
  @Override
  public void publish(IgtlMessage message) {
    ByteBuf[] byVersion = new ByteBuf[3];
    try {
      state.put(message);
      OutboundKey key = new OutboundKey(message.typeName(), message.deviceName());
      for (IgtlConnectionImpl c : connections.values()) {
        if (c.isStreaming(message.typeName())) {
          int v = c.headerVersionSent();
          if (byVersion[v] == null) {
            byVersion[v] = IgtlFrameWriter.encode(ByteBufAllocator.DEFAULT,
                message.headerVersion() == v ? message : message.withHeaderVersion(v));
          }
          c.sendEncoded(key, byVersion[v].retainedDuplicate());
        }
      }
    } finally {
      for (ByteBuf b : byVersion) {
        if (b != null) {
          b.release();
        }
      }
      message.release();
    }
  }

  @Override
  public void forget(String typeName, String deviceName) {
    state.remove(typeName, deviceName);
  }

  @Override
  public void onMessage(IgtlConnectionImpl c, IgtlMessage m) {
    int version = m.headerVersion();
    boolean answered = false;
    if (m.body() instanceof GetQueryBody q) {
      List<IgtlMessage> answers = state.retainMatching(q.target(), m.deviceName());
      if (answers.isEmpty() && !m.deviceName().isEmpty()) {
        // peers often put their own name in the query (the reference PolyDataClient sends "Client")
        answers = state.retainMatching(q.target(), null);
      }
      for (IgtlMessage a : answers) {
        c.send(a, version);
      }
      answered = !answers.isEmpty();
    } else if (m.body() instanceof StartStreamBody q) {
      c.setStreaming(q.target(), true, q.parameters().map(StreamParameters::resolutionMs).orElse(0));
      c.send(reply(q.target(), m.deviceName()), version);
      for (IgtlMessage a : state.retainMatching(q.target(), null)) {
        c.send(a);
      }
    } else if (m.body() instanceof StopStreamBody q) {
      c.setStreaming(q.target(), false, 0);
      c.send(reply(q.target(), m.deviceName()), version);
    }
    if (answered) {
      m.release();
      return;
    }
    deliver(messageHandler, c, m);
  }

  private IgtlMessage reply(String target, String deviceName) {
    return IgtlMessage.of(deviceName, IgtlTimestamp.now(), QueryReplyBody.of(target, QueryReplyBody.SUCCESS));
  }

  /** Hands {@code m} to {@code handler} and releases it afterwards; a throwing handler is logged, never fatal. */
  static void deliver(IgtlMessageHandler handler, IgtlConnection c, IgtlMessage m) {
    try {
      if (handler != null) {
        handler.handle(c, m);
      }
    } catch (RuntimeException e) {
      LOG.error("igtl message handler failed, connection={}, peer={}, type={}, device={}", c.id(),
          c.remoteAddress(), m.typeName(), m.deviceName(), e);
    } finally {
      m.release();
    }
  }

  @Override
  public void onClosed(IgtlConnectionImpl c, CloseReason reason) {
    connections.remove(c.id());
  }

  @Override
  public List<IgtlConnection> connections() {
    return List.copyOf(connections.values());
  }

  @Override
  public IgtlMetrics metrics() {
    List<cathnav.igtl.net.IgtlConnectionMetrics> open = new ArrayList<>();
    connections.values().forEach(c -> open.add(c.metrics()));
    return totals.snapshot(open);
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    connections.values().forEach(c -> closing.add(c.close()));
    NetServer s = server;
    if (s != null) {
      closing.add(s.close());
    }
    return Future.join(closing).<Void>mapEmpty().onComplete(ar -> {
      state.clear();
      LOG.info("igtl server closed, port={}", actualPort);
    });
  }
}
