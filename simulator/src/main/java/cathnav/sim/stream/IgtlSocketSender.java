package cathnav.sim.stream;

import cathnav.igtl.codec.HeaderDescriptor;
import cathnav.igtl.message.IgtlTimestamp;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking OpenIGTLink sender: one TCP connection to a peer, whole messages written as given (byte for byte), and
 * whatever the peer sends back drained and counted on a daemon thread so it can never stall the peer (the newest
 * time stamp per device is kept, so a sender can wait for the peer's answer to a message: {@link #awaitReply}).
 *
 * <p>Used by the simulator's live stream and by replay, which both pace messages on their own thread; a blocking
 * write is then the back-pressure, and nothing is queued or dropped here.
 *
 * <p>Thread-safety: {@link #send} and {@link #awaitReply} from one thread at a time; {@link #close} from any thread.
 */
public final class IgtlSocketSender implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IgtlSocketSender.class);

  private final Socket socket;
  private final OutputStream out;
  private final String peer;
  private final AtomicLong bytesReceived = new AtomicLong();
  private long messagesSent;
  /** Newest time stamp (epoch ns) received per device name; guarded by itself. */
  private final Map<String, Long> replies = new HashMap<>();
  private boolean inputClosed; // guarded by replies
  private long bytesSent;

  private IgtlSocketSender(Socket socket, String peer) throws IOException {
    this.socket = socket;
    this.peer = peer;
    this.out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    Thread drain = new Thread(() -> drain(in), "igtl-drain-" + peer);
    drain.setDaemon(true);
    drain.start();
  }

  /**
   * Reads what the peer sends, message by message: each header's device name and time stamp are noted (see
   * {@link #awaitReply}), bodies are skipped unread. A stream that stops being OpenIGTLink is drained as bytes.
   */
  private void drain(InputStream in) {
    DataInputStream data = new DataInputStream(in);
    byte[] header = new byte[HeaderDescriptor.HEADER_LENGTH];
    try {
      while (true) {
        data.readFully(header);
        bytesReceived.addAndGet(header.length);
        ByteBuffer h = ByteBuffer.wrap(header); // OpenIGTLink headers are big-endian
        String device = new String(header, HeaderDescriptor.DEVICE_NAME_OFFSET, HeaderDescriptor.DEVICE_NAME_LENGTH,
            StandardCharsets.US_ASCII).replace("\0", "").trim();
        long stamp = IgtlTimestamp.fromWire(h.getLong(HeaderDescriptor.TIMESTAMP_OFFSET)).toEpochNanos();
        long body = h.getLong(HeaderDescriptor.BODY_SIZE_OFFSET);
        if (body < 0) {
          throw new IOException("peer sent an impossible body size, bodySize=" + body);
        }
        for (long left = body; left > 0; ) {
          long skipped = data.skip(left);
          if (skipped <= 0) {
            if (data.read() < 0) {
              throw new java.io.EOFException("peer closed inside a message body");
            }
            skipped = 1;
          }
          left -= skipped;
        }
        bytesReceived.addAndGet(body);
        synchronized (replies) {
          replies.put(device, stamp);
          replies.notifyAll();
        }
      }
    } catch (IOException e) {
      LOG.debug("peer input closed, peer={}, error={}", peer, e.toString());
    } finally {
      synchronized (replies) {
        inputClosed = true;
        replies.notifyAll();
      }
    }
  }

  /**
   * Waits until the peer has sent a message from {@code device} stamped {@code epochNanos} (to within 1 ns: the
   * wire's fraction of a second), as the newest of that device.
   *
   * @return false when {@code timeoutNanos} passed or the peer closed first
   */
  public boolean awaitReply(String device, long epochNanos, long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (replies) {
      while (true) {
        Long last = replies.get(device);
        if (last != null && Math.abs(last - epochNanos) <= 1) {
          return true;
        }
        long wait = deadline - System.nanoTime();
        if (wait <= 0 || inputClosed) {
          return false;
        }
        replies.wait(Math.max(1, wait / 1_000_000));
      }
    }
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

  /** Bytes the peer sent back (headers read, bodies skipped). */
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
