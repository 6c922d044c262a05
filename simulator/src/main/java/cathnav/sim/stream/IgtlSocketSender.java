package cathnav.sim.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking OpenIGTLink sender: one TCP connection to a peer, whole messages written as given (byte for byte), and
 * whatever the peer sends back drained and counted on a daemon thread so it can never stall the peer.
 *
 * <p>Used by the simulator's live stream and by replay, which both pace messages on their own thread; a blocking
 * write is then the back-pressure, and nothing is queued or dropped here.
 *
 * <p>Thread-safety: {@link #send} from one thread at a time; {@link #close} from any thread.
 */
public final class IgtlSocketSender implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IgtlSocketSender.class);

  private final Socket socket;
  private final OutputStream out;
  private final String peer;
  private final AtomicLong bytesReceived = new AtomicLong();
  private long messagesSent;
  private long bytesSent;

  private IgtlSocketSender(Socket socket, String peer) throws IOException {
    this.socket = socket;
    this.peer = peer;
    this.out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    Thread drain = new Thread(() -> {
      byte[] buf = new byte[1 << 16];
      try {
        int n;
        while ((n = in.read(buf)) >= 0) {
          bytesReceived.addAndGet(n);
        }
      } catch (IOException e) {
        LOG.debug("peer input closed, peer={}, error={}", peer, e.toString());
      }
    }, "igtl-drain-" + peer);
    drain.setDaemon(true);
    drain.start();
  }

  /**
   * Connects to {@code host:port} within {@code timeoutMs}.
   *
   * @throws IOException naming the peer when it cannot be reached
   */
  public static IgtlSocketSender connect(String host, int port, int timeoutMs) throws IOException {
    Socket s = new Socket();
    String peer = host + ":" + port;
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), timeoutMs);
    } catch (IOException e) {
      s.close();
      throw new java.net.ConnectException("cannot connect to OpenIGTLink peer, peer=" + peer + ", error="
          + e.getMessage());
    }
    LOG.info("connected to OpenIGTLink peer, peer={}", peer);
    return new IgtlSocketSender(s, peer);
  }

  /** Writes one complete message (header and body). Blocks while the peer does not read. */
  public void send(byte[] message) throws IOException {
    send(message, 0, message.length);
  }

  /** Writes {@code length} bytes of {@code message} from {@code offset}. */
  public void send(byte[] message, int offset, int length) throws IOException {
    try {
      out.write(message, offset, length);
      out.flush();
    } catch (IOException e) {
      throw new IOException("sending to OpenIGTLink peer failed, peer=" + peer + ", sent=" + messagesSent
          + ", error=" + e.getMessage(), e);
    }
    messagesSent++;
    bytesSent += length;
  }

  public String peer() {
    return peer;
  }

  public long messagesSent() {
    return messagesSent;
  }

  /** Bytes the peer sent back (drained, not interpreted). */
  public long bytesReceived() {
    return bytesReceived.get();
  }

  @Override
  public void close() throws IOException {
    LOG.info("closing OpenIGTLink connection, peer={}, messagesSent={}, bytesSent={}, bytesReceived={}", peer,
        messagesSent, bytesSent, bytesReceived.get());
    socket.close();
  }
}
