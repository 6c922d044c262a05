package cathnav.igtl.net;

import cathnav.igtl.message.IgtlMessage;

/**
 * Receives the messages of a server's or client's connections.
 *
 * <p>Called on the connection's event loop, one message at a time per connection, in arrival order; it must not
 * block. The message is released when the handler returns: a handler that hands it to another thread (for example
 * the pipeline's latest-frame slot) calls {@link IgtlMessage#retain()} first and the receiving side releases it.
 */
@FunctionalInterface
public interface IgtlMessageHandler {

  /**
   * @param connection the connection the message came in on (reply with {@link IgtlConnection#send})
   * @param message the decoded message, valid until this method returns unless retained
   */
  void handle(IgtlConnection connection, IgtlMessage message);
}
