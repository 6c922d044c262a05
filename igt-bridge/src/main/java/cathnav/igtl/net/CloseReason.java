package cathnav.igtl.net;

/** Why a connection ended; every close is logged once with its reason and counted per reason. */
public enum CloseReason {
  /** The peer closed the connection (end of stream). */
  PEER_CLOSED,
  /** The peer closed the connection in the middle of a message. */
  TRUNCATED,
  /** Closed from this side: {@code close()} on the connection, the server or the client. */
  LOCAL_CLOSE,
  /** Nothing was received within the idle timeout. */
  IDLE_TIMEOUT,
  /** A message declared a body larger than the configured maximum (BODY_SIZE up to 2^64-1 is rejected unread). */
  MESSAGE_TOO_LARGE,
  /** A message's CRC-64 did not match its body. */
  CRC_MISMATCH,
  /** The header or extended header was malformed (unknown header version, inconsistent sizes). */
  MALFORMED_HEADER,
  /** A message of a known type had a body that does not match its type's layout, or bad metadata. */
  MALFORMED_BODY,
  /** The server already serves its maximum number of connections. */
  TOO_MANY_CONNECTIONS,
  /** A socket error (connection reset, TLS failure, ...). */
  IO_ERROR
}
