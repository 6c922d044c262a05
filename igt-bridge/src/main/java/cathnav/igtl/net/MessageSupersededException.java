package cathnav.igtl.net;

/**
 * Fails the future of a message that was replaced by a newer message of the same (type, device) before the peer
 * could take it (the peer reads slower than messages are produced). Expected under load; counted as a drop.
 */
public final class MessageSupersededException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MessageSupersededException(String key) {
    super("message superseded by a newer one before it was sent, key=" + key, null, false, false);
  }
}
