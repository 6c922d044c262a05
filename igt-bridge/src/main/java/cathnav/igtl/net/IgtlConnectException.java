package cathnav.igtl.net;

/** A client could not connect to its peer; names the peer and carries the cause. */
public final class IgtlConnectException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IgtlConnectException(String host, int port, Throwable cause) {
    super("cannot connect to OpenIGTLink peer, host=" + host + ", port=" + port + ": " + cause.getMessage(), cause);
  }
}
