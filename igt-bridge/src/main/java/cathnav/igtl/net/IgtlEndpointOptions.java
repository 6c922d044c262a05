package cathnav.igtl.net;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Options shared by {@link IgtlServerOptions} and {@link IgtlClientOptions}: limits, CRC, header version policy,
 * keep-alive, heartbeat, idle timeout and TLS. Fluent setters validate their argument and throw
 * {@link IllegalArgumentException} naming the option; options are copied when a server or client is created, so
 * changing them afterwards has no effect. Not thread-safe (build on one thread).
 *
 * @param <S> the concrete options type, returned by the fluent setters
 */
public abstract class IgtlEndpointOptions<S extends IgtlEndpointOptions<S>> {

  /** Default largest accepted message body: 64 MiB (a 4096 x 4096 RGBA IMAGE). */
  public static final long DEFAULT_MAX_BODY_SIZE = 64L << 20;
  /** Default largest accepted metadata (header version 2): 64 KiB. */
  public static final int DEFAULT_MAX_METADATA_SIZE = 64 << 10;
  /** Default device name used for the STATUS messages this endpoint sends on its own (heartbeat, errors). */
  public static final String DEFAULT_DEVICE_NAME = "CathNav";
  /** Default per-connection write buffer high water mark: above it outbound messages wait (and get superseded). */
  public static final int DEFAULT_WRITE_HIGH_WATER_MARK = 4 << 20;

  private String host;
  private int port;
  private long maxBodySize = DEFAULT_MAX_BODY_SIZE;
  private int maxMetadataSize = DEFAULT_MAX_METADATA_SIZE;
  private boolean crcCheck = true;
  private HeaderVersionPolicy headerVersionPolicy = HeaderVersionPolicy.FOLLOW_PEER;
  private boolean tcpKeepAlive = true;
  private boolean tcpNoDelay = true;
  private Duration idleTimeout = Duration.ZERO;
  private Duration heartbeatInterval = Duration.ZERO;
  private String deviceName = DEFAULT_DEVICE_NAME;
  private int writeHighWaterMark = DEFAULT_WRITE_HIGH_WATER_MARK;
  private boolean ssl;
  private KeyCertOptions keyCertOptions;
  private TrustOptions trustOptions;

  protected IgtlEndpointOptions(String host, int port) {
    this.host = host;
    this.port = port;
  }

  protected IgtlEndpointOptions(IgtlEndpointOptions<?> other) {
    this.host = other.host;
    this.port = other.port;
    this.maxBodySize = other.maxBodySize;
    this.maxMetadataSize = other.maxMetadataSize;
    this.crcCheck = other.crcCheck;
    this.headerVersionPolicy = other.headerVersionPolicy;
    this.tcpKeepAlive = other.tcpKeepAlive;
    this.tcpNoDelay = other.tcpNoDelay;
    this.idleTimeout = other.idleTimeout;
    this.heartbeatInterval = other.heartbeatInterval;
    this.deviceName = other.deviceName;
    this.writeHighWaterMark = other.writeHighWaterMark;
    this.ssl = other.ssl;
    this.keyCertOptions = other.keyCertOptions == null ? null : other.keyCertOptions.copy();
    this.trustOptions = other.trustOptions == null ? null : other.trustOptions.copy();
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }

  /** Host name or address to listen on (server) or connect to (client). */
  public String getHost() {
    return host;
  }

  public S setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    this.host = host;
    return self();
  }

  /** TCP port; for a server 0 means an ephemeral port (see {@code IgtlServer.actualPort()}). */
  public int getPort() {
    return port;
  }

  public S setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, port=" + port);
    }
    this.port = port;
    return self();
  }

  /** Largest accepted BODY_SIZE in bytes; a larger message closes the connection before anything is allocated. */
  public long getMaxBodySize() {
    return maxBodySize;
  }

  public S setMaxBodySize(long maxBodySize) {
    if (maxBodySize < 1 || maxBodySize > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException("maxBodySize must be in 1.." + (Integer.MAX_VALUE - 64)
          + ", maxBodySize=" + maxBodySize);
    }
    this.maxBodySize = maxBodySize;
    return self();
  }

  /** Largest accepted metadata (header version 2: index plus key/value pairs), bytes. */
  public int getMaxMetadataSize() {
    return maxMetadataSize;
  }

  public S setMaxMetadataSize(int maxMetadataSize) {
    if (maxMetadataSize < 0) {
      throw new IllegalArgumentException("maxMetadataSize must be >= 0, maxMetadataSize=" + maxMetadataSize);
    }
    this.maxMetadataSize = maxMetadataSize;
    return self();
  }

  /** Whether received messages have their CRC-64 checked (a mismatch closes the connection). Default true. */
  public boolean isCrcCheck() {
    return crcCheck;
  }

  public S setCrcCheck(boolean crcCheck) {
    this.crcCheck = crcCheck;
    return self();
  }

  /** Header version policy for what this endpoint sends. Default {@link HeaderVersionPolicy#FOLLOW_PEER}. */
  public HeaderVersionPolicy getHeaderVersionPolicy() {
    return headerVersionPolicy;
  }

  public S setHeaderVersionPolicy(HeaderVersionPolicy policy) {
    this.headerVersionPolicy = Objects.requireNonNull(policy, "headerVersionPolicy");
    return self();
  }

  /** TCP keep-alive (SO_KEEPALIVE). Default true. */
  public boolean isTcpKeepAlive() {
    return tcpKeepAlive;
  }

  public S setTcpKeepAlive(boolean tcpKeepAlive) {
    this.tcpKeepAlive = tcpKeepAlive;
    return self();
  }

  /** TCP_NODELAY. Default true (a TRANSFORM must not wait for Nagle). */
  public boolean isTcpNoDelay() {
    return tcpNoDelay;
  }

  public S setTcpNoDelay(boolean tcpNoDelay) {
    this.tcpNoDelay = tcpNoDelay;
    return self();
  }

  /** Close a connection on which nothing was received for this long; zero disables. Default zero. */
  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  public S setIdleTimeout(Duration idleTimeout) {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idleTimeout must not be negative, idleTimeout=" + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
    return self();
  }

  /** Send a STATUS (code OK, name "Heartbeat") this often on every connection; zero disables. Default zero. */
  public Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  public S setHeartbeatInterval(Duration heartbeatInterval) {
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    if (heartbeatInterval.isNegative() || (!heartbeatInterval.isZero() && heartbeatInterval.toMillis() < 1)) {
      throw new IllegalArgumentException("heartbeatInterval must be zero or at least 1 ms, heartbeatInterval="
          + heartbeatInterval);
    }
    this.heartbeatInterval = heartbeatInterval;
    return self();
  }

  /** Device name of the STATUS messages this endpoint sends on its own (heartbeat, error before close). */
  public String getDeviceName() {
    return deviceName;
  }

  public S setDeviceName(String deviceName) {
    if (deviceName == null || deviceName.isEmpty() || deviceName.length() > 20) {
      throw new IllegalArgumentException("deviceName must be 1..20 characters, deviceName=" + deviceName);
    }
    this.deviceName = deviceName;
    return self();
  }

  /**
   * Bytes queued in a connection's socket buffer above which it counts as slow: outbound messages then wait in a
   * latest-only slot per (type, device) and a newer one replaces (drops) the older.
   */
  public int getWriteHighWaterMark() {
    return writeHighWaterMark;
  }

  public S setWriteHighWaterMark(int bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("writeHighWaterMark must be at least 1024 bytes, writeHighWaterMark=" + bytes);
    }
    this.writeHighWaterMark = bytes;
    return self();
  }

  /** TLS on the connection. Default false (OpenIGTLink peers such as Slicer speak plain TCP). */
  public boolean isSsl() {
    return ssl;
  }

  public S setSsl(boolean ssl) {
    this.ssl = ssl;
    return self();
  }

  /** Key and certificate (server: required with TLS; client: for mutual TLS). */
  public KeyCertOptions getKeyCertOptions() {
    return keyCertOptions;
  }

  public S setKeyCertOptions(KeyCertOptions keyCertOptions) {
    this.keyCertOptions = keyCertOptions;
    return self();
  }

  /** Trusted certificates (client: the server's; server: clients' for mutual TLS). */
  public TrustOptions getTrustOptions() {
    return trustOptions;
  }

  public S setTrustOptions(TrustOptions trustOptions) {
    this.trustOptions = trustOptions;
    return self();
  }

  /** Checks the combination of options; throws {@link IllegalArgumentException} naming what is inconsistent. */
  public void validate() {
    if (!heartbeatInterval.isZero() && !idleTimeout.isZero() && idleTimeout.compareTo(heartbeatInterval) <= 0) {
      throw new IllegalArgumentException("idleTimeout must be longer than heartbeatInterval, idleTimeout="
          + idleTimeout + ", heartbeatInterval=" + heartbeatInterval);
    }
  }
}
