package cathnav.igtl.net.impl;

import cathnav.igtl.codec.IgtlInvalidFrame;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.net.CloseReason;
import cathnav.igtl.net.HeaderVersionPolicy;
import cathnav.igtl.net.IgtlConnection;
import cathnav.igtl.net.IgtlConnectionMetrics;
import cathnav.igtl.net.IgtlEndpointOptions;
import cathnav.igtl.net.RawFrameListener;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a server or client: installs the codec in front of Vert.x's handler, dispatches decoded messages
 * to its owner, applies the header version policy, keeps the latest-only outbox, the stream subscriptions, the
 * heartbeat and idle timeout, and closes itself on malformed input with a STATUS, a log line and a counted reason.
 *
 * <p>Confined to the socket's event loop except where noted: {@link #send}, {@link #close}, {@link #isStreaming} and
 * the metrics may be called from any thread.
 */
public final class IgtlConnectionImpl implements IgtlConnection {

  private static final Logger LOG = LoggerFactory.getLogger(IgtlConnectionImpl.class);
  private static final AtomicLong IDS = new AtomicLong();
  /** How long a closing connection waits for its last STATUS to leave before closing anyway, ms. */
  private static final long STATUS_GRACE_MS = 1000;

  private final long id = IDS.incrementAndGet();
  private final NetSocketInternal socket;
  private final Channel channel;
  private final ContextInternal context;
  private final IgtlEndpointOptions<?> options;
  private final EndpointCounters totals;
  private final ConnectionOwner owner;
  private final Set<String> onRequestTypes;
  private final String remote;
  private final RawFrameListener rawFrameListener;

  private final LatestOnlyOutbox<OutboundKey> outbox = new LatestOnlyOutbox<>();
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Set<String> stopped = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> streamIntervalNanos = new ConcurrentHashMap<>();
  private final Map<OutboundKey, Long> lastSentNanos = new HashMap<>();
  private long pacingTimer = -1;
  private final LongAdder messagesIn = new LongAdder();
  private final LongAdder messagesOut = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final Promise<CloseReason> closed;
  private volatile boolean peerSentV2;
  private volatile boolean closing;
  private CloseReason closeReason;
  private String closeDetail;
  private long heartbeatTimer = -1;

  /**
   * Wraps an accepted or connected socket. Call {@link #start()} next, on the socket's event loop.
   *
   * @param onRequestTypes types sent to this peer only after it asked with {@code STT_}
   * @param rawFrameListener sees every frame as it crossed the wire, or null
   */
  IgtlConnectionImpl(NetSocketInternal socket, ContextInternal context, IgtlEndpointOptions<?> options,
      EndpointCounters totals, ConnectionOwner owner, Set<String> onRequestTypes, RawFrameListener rawFrameListener) {
    this.rawFrameListener = rawFrameListener;
    this.socket = socket;
    this.channel = socket.channelHandlerContext().channel();
    this.context = context;
    this.options = options;
    this.totals = totals;
    this.owner = owner;
    this.onRequestTypes = Set.copyOf(onRequestTypes);
    this.remote = String.valueOf(socket.remoteAddress());
    this.closed = context.promise();
  }

  /** Installs the handlers and starts reading. On the socket's event loop. */
  void start() {
    int high = options.getWriteHighWaterMark();
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(high / 2, high));
    // IMAGE frames are megabytes: read in chunks of up to 1 MiB rather than Netty's default 64 KiB
    channel.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(512, 16 << 10, 1 << 20));
    IgtlPipeline.install(channel.pipeline(), options, this, rawFrameListener,
        new ByteMeter(bytesIn, bytesOut, totals.bytesIn, totals.bytesOut));
    socket.messageHandler(this::handleInbound);
    socket.eventHandler(this::handleEvent);
    socket.exceptionHandler(this::handleException);
    channel.pipeline().addBefore("handler", WritabilityWatcher.NAME, new WritabilityWatcher(this::drain));
    socket.closeHandler(v -> handleClosed());
    long heartbeat = options.getHeartbeatInterval().toMillis();
    if (heartbeat > 0) {
      heartbeatTimer = context.setPeriodic(heartbeat, t -> sendHeartbeat());
    }
    totals.connectionsOpened.increment();
    LOG.info("igtl connection open, id={}, peer={}, local={}", id, remote, socket.localAddress());
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public String remoteAddress() {
    return remote;
  }

  @Override
  public boolean peerSentVersion2() {
    return peerSentV2;
  }

  @Override
  public int headerVersionSent() {
    return options.getHeaderVersionPolicy().versionToSend(peerSentV2);
  }

  @Override
  public boolean isStreaming(String typeName) {
    return onRequestTypes.contains(typeName) ? started.contains(typeName) : !stopped.contains(typeName);
  }

  /**
   * Starts ({@code STT_}) or stops ({@code STP_}) the stream of {@code typeName} to this peer. A start with a
   * resolution keeps at least {@code resolutionMs} between two messages of the same (type, device), the newest one
   * waiting in the latest-only outbox meanwhile (0: no pacing).
   */
  void setStreaming(String typeName, boolean on, int resolutionMs) {
    if (on) {
      started.add(typeName);
      stopped.remove(typeName);
      if (resolutionMs > 0) {
        streamIntervalNanos.put(typeName, resolutionMs * 1_000_000L);
      } else {
        streamIntervalNanos.remove(typeName);
      }
    } else {
      stopped.add(typeName);
      started.remove(typeName);
      streamIntervalNanos.remove(typeName);
    }
  }

  /** Whether the message under {@code key} may leave now (its stream's resolution has passed since the last one). */
  private boolean due(OutboundKey key, long now) {
    Long interval = streamIntervalNanos.get(key.typeName());
    Long last = interval == null ? null : lastSentNanos.get(key);
    return last == null || now - last >= interval;
  }

  /** Drains again when the earliest paced message becomes due. */
  private void schedulePacedDrain(long now) {
    if (pacingTimer >= 0 || outbox.isEmpty()) {
      return;
    }
    long earliest = Long.MAX_VALUE;
    for (OutboundKey key : outbox.keys()) {
      Long interval = streamIntervalNanos.get(key.typeName());
      Long last = interval == null ? null : lastSentNanos.get(key);
      if (last != null) {
        earliest = Math.min(earliest, last + interval - now);
      }
    }
    if (earliest != Long.MAX_VALUE) {
      long delayMs = Math.max(1, (earliest + 999_999) / 1_000_000);
      pacingTimer = context.setTimer(delayMs, t -> {
        pacingTimer = -1;
        drain();
      });
    }
  }

  @Override
  public Future<Void> send(IgtlMessage message) {
    return send(message, -1);
  }

  /**
   * Queues {@code message} in header version {@code version}, or the policy's version when {@code version} is -1
   * (query answers go out in the query's version). Takes over the caller's reference. Any thread.
   */
  Future<Void> send(IgtlMessage message, int version) {
    Promise<Void> promise = context.promise();
    if (context.isRunningOnContext()) {
      enqueue(message, version, promise);
    } else {
      context.runOnContext(v -> enqueue(message, version, promise));
    }
    return promise.future();
  }

  private void enqueue(IgtlMessage message, int version, Promise<Void> promise) {
    int v = version > 0 ? version : headerVersionSent();
    IgtlMessage out = message.headerVersion() == v ? message : message.withHeaderVersion(v);
    enqueue(new OutboundKey(out.typeName(), out.deviceName()), out, promise);
  }

  /**
   * Queues an already encoded frame (a server fan-out encodes each published message once per header version and
   * hands every connection a retained duplicate). Takes over the reference. Any thread.
   */
  void sendEncoded(OutboundKey key, ByteBuf frame) {
    if (context.isRunningOnContext()) {
      enqueue(key, frame, null);
    } else {
      context.runOnContext(v -> enqueue(key, frame, null));
    }
  }

  private void enqueue(OutboundKey key, Object message, Promise<Void> promise) {
    if (closing) {
      ReferenceCountUtil.release(message);
      if (promise != null) {
        promise.tryFail(new IllegalStateException("connection closed, id=" + id + ", peer=" + remote));
      }
      return;
    }
    if (outbox.offer(key, message, promise)) {
      dropped.increment();
      totals.dropped.increment();
    }
    drain();
  }

  /** Writes waiting messages while the socket takes them. On the event loop. */
  private void drain() {
    LatestOnlyOutbox.Pending<OutboundKey> p;
    long now = System.nanoTime();
    while (!closing && channel.isWritable() && (p = outbox.poll(key -> due(key, now))) != null) {
      if (streamIntervalNanos.containsKey(p.key().typeName())) {
        lastSentNanos.put(p.key(), now);
      }
      Promise<Void> promise = p.promise();
      socket.writeMessage(p.message()).onComplete(ar -> {
        if (ar.succeeded()) {
          messagesOut.increment();
          totals.messagesOut.increment();
          if (promise != null) {
            promise.tryComplete();
          }
        } else if (promise != null) {
          promise.tryFail(ar.cause());
        }
      });
    }
    if (!closing && channel.isWritable()) {
      schedulePacedDrain(now);
    }
  }

  private void sendHeartbeat() {
    send(IgtlMessage.of(options.getDeviceName(), IgtlTimestamp.now(),
        new StatusBody(StatusBody.OK, 0, "", "Heartbeat")));
  }

  private void handleInbound(Object msg) {
    if (msg instanceof IgtlMessage message) {
      messagesIn.increment();
      totals.messagesIn.increment();
      if (message.headerVersion() == 2) {
        peerSentV2 = true;
      }
      if (closing) {
        message.release();
        return;
      }
      owner.onMessage(this, message);
    } else if (msg instanceof IgtlInvalidFrame invalid) {
      InboundFailure failure = IgtlPipeline.classify(invalid);
      fail(failure.reason(), failure.detail(), failure.statusCode());
    } else {
      LOG.warn("igtl unexpected inbound object dropped, id={}, peer={}, class={}", id, remote,
          msg == null ? "null" : msg.getClass().getName());
      ReferenceCountUtil.release(msg);
    }
  }

  private void handleEvent(Object event) {
    if (event instanceof PeerIdle) {
      fail(CloseReason.IDLE_TIMEOUT, "nothing received for " + options.getIdleTimeout().toMillis() + " ms",
          StatusBody.TIME_OUT);
    }
    ReferenceCountUtil.release(event);
  }

  private void handleException(Throwable t) {
    InboundFailure failure = IgtlPipeline.classify(t);
    fail(failure.reason(), failure.detail(), failure.statusCode());
  }

  /**
   * Ends the connection for {@code reason}: a STATUS with {@code statusCode} telling the peer why (when the socket
   * still takes one), then close. The first reason wins.
   */
  void fail(CloseReason reason, String detail, int statusCode) {
    if (closing) {
      return;
    }
    closing = true;
    closeReason = reason;
    closeDetail = detail;
    outbox.discardAll(new IllegalStateException("connection closing, id=" + id + ", reason=" + reason));
    if (statusCode >= 0 && channel.isActive()) {
      String errorName = reason.name().length() > 20 ? reason.name().substring(0, 20) : reason.name();
      String text = detail.length() > 200 ? detail.substring(0, 200) : detail;
      IgtlMessage status = IgtlMessage.of(options.getDeviceName(), IgtlTimestamp.now(),
          new StatusBody(statusCode, 0, errorName, sanitize(text)))
          .withHeaderVersion(headerVersionSent());
      // close once the STATUS is out, or after a grace period when the peer does not read
      long timer = context.setTimer(STATUS_GRACE_MS, t -> closeNow());
      socket.writeMessage(status).onComplete(ar -> {
        context.owner().cancelTimer(timer);
        closeNow();
      });
    } else {
      closeNow();
    }
  }

  @Override
  public Future<Void> close() {
    context.runOnContext(v -> {
      if (!closing) {
        closing = true;
        closeReason = CloseReason.LOCAL_CLOSE;
        closeDetail = "closed by this endpoint";
        outbox.discardAll(new IllegalStateException("connection closed, id=" + id));
      }
      closeNow();
    });
    // completes once the close was handled (counted, owner told), not merely when the socket closed
    return closed.future().mapEmpty();
  }

  private void handleClosed() {
    CloseReason reason = closeReason != null ? closeReason : CloseReason.PEER_CLOSED;
    closing = true;
    outbox.discardAll(new IllegalStateException("connection closed, id=" + id + ", reason=" + reason));
    if (heartbeatTimer >= 0) {
      context.owner().cancelTimer(heartbeatTimer);
    }
    if (pacingTimer >= 0) {
      context.owner().cancelTimer(pacingTimer);
    }
    totals.closed(reason);
    if (reason == CloseReason.PEER_CLOSED || reason == CloseReason.LOCAL_CLOSE) {
      LOG.info("igtl connection closed, id={}, peer={}, reason={}, messagesIn={}, messagesOut={}, dropped={}", id,
          remote, reason, messagesIn.sum(), messagesOut.sum(), dropped.sum());
    } else {
      LOG.warn("igtl connection closed, id={}, peer={}, reason={}, detail={}, messagesIn={}, messagesOut={}, "
          + "dropped={}", id, remote, reason, closeDetail, messagesIn.sum(), messagesOut.sum(), dropped.sum());
    }
    owner.onClosed(this, reason);
    closed.tryComplete(reason);
  }

  /**
   * Closes the socket now, dropping what the peer has not read. Issued from our first handler towards the socket, so
   * it does not pass Vert.x's handler, whose close waits for pending writes to drain (which a stalled peer never lets
   * happen).
   */
  private ChannelFuture closeNow() {
    ChannelHandlerContext first = channel.pipeline().context(ByteMeter.NAME);
    return first != null ? first.close() : channel.close();
  }

  @Override
  public Future<CloseReason> closeFuture() {
    return closed.future();
  }

  @Override
  public IgtlConnectionMetrics metrics() {
    return new IgtlConnectionMetrics(id, remote, headerVersionSent(), messagesIn.sum(), messagesOut.sum(),
        bytesIn.sum(), bytesOut.sum(), dropped.sum());
  }

  /** The event loop context of this connection. */
  ContextInternal context() {
    return context;
  }

  private static String sanitize(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      b.append(c == 0 || c > 0xFF ? '?' : c);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "IgtlConnection[id=" + id + ", peer=" + remote + "]";
  }
}
