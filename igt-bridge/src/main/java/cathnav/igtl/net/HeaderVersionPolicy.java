package cathnav.igtl.net;

/**
 * Which OpenIGTLink header version a connection sends.
 *
 * <p>A header version 1 peer (every program built on the reference library 1.x) cannot parse a version 2 message: the
 * extended header is read as body, the CRC fails and, worse, its stream stays broken for good. So by default a
 * connection sends version 1 until the peer has sent a version 2 message itself. Whatever the policy, a query
 * (GET_/STT_/STP_) is answered in the header version it came in.
 */
public enum HeaderVersionPolicy {
  /** Send version 1 until the peer has sent version 2, then version 2 (the default). */
  FOLLOW_PEER,
  /** Always send version 1 (query answers still follow the query's version). */
  ALWAYS_V1,
  /** Always send version 2 (only for peers known to speak it; query answers still follow the query's version). */
  ALWAYS_V2;

  /**
   * The version to send on a connection under this policy.
   *
   * @param peerSentV2 whether the peer has sent at least one version 2 message on this connection
   */
  public int versionToSend(boolean peerSentV2) {
    return switch (this) {
      case FOLLOW_PEER -> peerSentV2 ? 2 : 1;
      case ALWAYS_V1 -> 1;
      case ALWAYS_V2 -> 2;
    };
  }
}
