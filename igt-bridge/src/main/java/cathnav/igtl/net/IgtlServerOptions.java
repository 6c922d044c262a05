package cathnav.igtl.net;

import java.util.Objects;
import java.util.Set;

/**
 * Options of an {@link IgtlServer}: listen address, connection limit, state pushed on connect, plus the common
 * options of {@link IgtlEndpointOptions}. Defaults: 127.0.0.1:18944 (the OpenIGTLink port Slicer uses), 64
 * connections, state pushed on connect.
 */
public final class IgtlServerOptions extends IgtlEndpointOptions<IgtlServerOptions> {

  /** The registered OpenIGTLink port. */
  public static final int DEFAULT_PORT = 18944;
  /** Default host: loopback only; listening on other interfaces is an explicit decision. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Default largest number of simultaneous connections. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;

  /** Default on-request types: tracking data streams, which peers start with {@code STT_}. */
  public static final Set<String> DEFAULT_ON_REQUEST_TYPES = Set.of("TDATA", "QTDATA");

  private int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private boolean pushStateOnConnect = true;
  private Set<String> onRequestTypes = DEFAULT_ON_REQUEST_TYPES;

  public IgtlServerOptions() {
    super(DEFAULT_HOST, DEFAULT_PORT);
  }

  /** Copy constructor. */
  public IgtlServerOptions(IgtlServerOptions other) {
    super(other);
    this.maxConnections = other.maxConnections;
    this.pushStateOnConnect = other.pushStateOnConnect;
    this.onRequestTypes = other.onRequestTypes;
  }

  /** Connections beyond this number are told so with a STATUS and closed. */
  public int getMaxConnections() {
    return maxConnections;
  }

  public IgtlServerOptions setMaxConnections(int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be >= 1, maxConnections=" + maxConnections);
    }
    this.maxConnections = maxConnections;
    return this;
  }

  /** Whether a new connection is sent the last published message of each (type, device) right away. */
  public boolean isPushStateOnConnect() {
    return pushStateOnConnect;
  }

  public IgtlServerOptions setPushStateOnConnect(boolean pushStateOnConnect) {
    this.pushStateOnConnect = pushStateOnConnect;
    return this;
  }

  /**
   * Types a connection receives only after it asked with {@code STT_} (until {@code STP_}); every other published type
   * goes to every connection unless it sent {@code STP_} for it. Default: TDATA and QTDATA.
   */
  public Set<String> getOnRequestTypes() {
    return onRequestTypes;
  }

  public IgtlServerOptions setOnRequestTypes(Set<String> types) {
    Objects.requireNonNull(types, "onRequestTypes");
    for (String t : types) {
      if (t == null || t.isEmpty() || t.length() > 12) {
        throw new IllegalArgumentException("onRequestTypes must hold type names of 1..12 characters, type=" + t);
      }
    }
    this.onRequestTypes = Set.copyOf(types);
    return this;
  }

  @Override
  public void validate() {
    super.validate();
    if (isSsl() && getKeyCertOptions() == null) {
      throw new IllegalArgumentException("ssl needs keyCertOptions (the server's key and certificate)");
    }
  }
}
