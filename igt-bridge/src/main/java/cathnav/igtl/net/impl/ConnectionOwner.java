package cathnav.igtl.net.impl;

import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.net.CloseReason;

/** What a connection reports to the server or client that owns it; called on the connection's event loop. */
interface ConnectionOwner {

  /** A decoded message; the owner releases it (or hands on its reference). */
  void onMessage(IgtlConnectionImpl connection, IgtlMessage message);

  /** The connection has ended, for {@code reason}. */
  void onClosed(IgtlConnectionImpl connection, CloseReason reason);
}
