package cathnav.sim.stream;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A test peer: accepts one connection on a loopback port and records every OpenIGTLink message it receives (raw
 * bytes) with its arrival time (System.nanoTime) on its own thread, until the sender closes.
 */
public final class RecordingReceiver implements AutoCloseable {

  /** One received message. */
  public record Received(long arrivalNanos, byte[] bytes) {}

  private final ServerSocket server;
  private final Thread thread;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private volatile IOException failure;

  public RecordingReceiver() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "test-igtl-receiver");
    thread.setDaemon(true);
    thread.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void serve() {
    try (Socket s = server.accept(); DataInputStream in = new DataInputStream(s.getInputStream())) {
      while (true) {
        byte[] header = new byte[58];
        try {
          in.readFully(header);
        } catch (EOFException e) {
          return;
        }
        long arrival = System.nanoTime();
        long bodySize = ByteBuffer.wrap(header, 42, 8).getLong();
        if (bodySize < 0 || bodySize > (256 << 20)) {
          throw new IOException("absurd body size, bodySize=" + bodySize);
        }
        byte[] all = new byte[58 + (int) bodySize];
        System.arraycopy(header, 0, all, 0, 58);
        in.readFully(all, 58, (int) bodySize);
        received.add(new Received(arrival, all));
      }
    } catch (IOException e) {
      failure = e;
    }
  }

  /** Waits for the sender to close, then returns everything received. */
  public List<Received> awaitAll(long timeoutMs) throws Exception {
    thread.join(timeoutMs);
    if (thread.isAlive()) {
      throw new AssertionError("receiver still running after " + timeoutMs + " ms, received=" + received.size());
    }
    if (failure != null) {
      throw failure;
    }
    return List.copyOf(received);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
