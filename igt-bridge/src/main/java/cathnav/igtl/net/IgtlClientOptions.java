package cathnav.igtl.net;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of an {@link IgtlClient}: peer address, connect timeout, reconnection with exponential back-off, plus the
 * common options of {@link IgtlEndpointOptions}. Defaults: 127.0.0.1:18944, connect timeout 5 s, no reconnection.
 */
public final class IgtlClientOptions extends IgtlEndpointOptions<IgtlClientOptions> {

  private Duration connectTimeout = Duration.ofSeconds(5);
  private boolean reconnect;
  private Duration reconnectInitialDelay = Duration.ofMillis(100);
  private Duration reconnectMaxDelay = Duration.ofSeconds(5);
  private boolean trustAll;

  public IgtlClientOptions() {
    super(IgtlServerOptions.DEFAULT_HOST, IgtlServerOptions.DEFAULT_PORT);
  }

  /** Copy constructor. */
  public IgtlClientOptions(IgtlClientOptions other) {
    super(other);
    this.connectTimeout = other.connectTimeout;
    this.reconnect = other.reconnect;
    this.reconnectInitialDelay = other.reconnectInitialDelay;
    this.reconnectMaxDelay = other.reconnectMaxDelay;
    this.trustAll = other.trustAll;
  }

  /** How long one connection attempt may take. */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public IgtlClientOptions setConnectTimeout(Duration connectTimeout) {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (connectTimeout.toMillis() < 1 || connectTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("connectTimeout must be 1 ms .. 24 days, connectTimeout=" + connectTimeout);
    }
    this.connectTimeout = connectTimeout;
    return this;
  }

  /**
   * Whether a lost connection (or a failed first attempt) is retried, waiting {@link #getReconnectInitialDelay()},
   * then twice as long each time up to {@link #getReconnectMaxDelay()}, until {@code IgtlClient.close()}.
   */
  public boolean isReconnect() {
    return reconnect;
  }

  public IgtlClientOptions setReconnect(boolean reconnect) {
    this.reconnect = reconnect;
    return this;
  }

  public Duration getReconnectInitialDelay() {
    return reconnectInitialDelay;
  }

  public IgtlClientOptions setReconnectInitialDelay(Duration delay) {
    Objects.requireNonNull(delay, "reconnectInitialDelay");
    if (delay.toMillis() < 1) {
      throw new IllegalArgumentException("reconnectInitialDelay must be at least 1 ms, reconnectInitialDelay=" + delay);
    }
    this.reconnectInitialDelay = delay;
    return this;
  }

  public Duration getReconnectMaxDelay() {
    return reconnectMaxDelay;
  }

  public IgtlClientOptions setReconnectMaxDelay(Duration delay) {
    Objects.requireNonNull(delay, "reconnectMaxDelay");
    if (delay.toMillis() < 1) {
      throw new IllegalArgumentException("reconnectMaxDelay must be at least 1 ms, reconnectMaxDelay=" + delay);
    }
    this.reconnectMaxDelay = delay;
    return this;
  }

  /** With TLS, accept any server certificate (tests and bench only). */
  public boolean isTrustAll() {
    return trustAll;
  }

  public IgtlClientOptions setTrustAll(boolean trustAll) {
    this.trustAll = trustAll;
    return this;
  }

  /** The delay before reconnection attempt {@code attempt} (0-based): initial * 2^attempt, capped at the maximum. */
  public Duration reconnectDelay(int attempt) {
    long initial = reconnectInitialDelay.toMillis();
    long max = reconnectMaxDelay.toMillis();
    int shift = Math.min(Math.max(attempt, 0), 30);
    long delay = initial << shift;
    return Duration.ofMillis(delay <= 0 || delay > max ? max : delay);
  }

  @Override
  public void validate() {
    super.validate();
    if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
      throw new IllegalArgumentException("reconnectMaxDelay must be >= reconnectInitialDelay, reconnectMaxDelay="
          + reconnectMaxDelay + ", reconnectInitialDelay=" + reconnectInitialDelay);
    }
  }
}
