package cathnav.sim.cli;

import cathnav.sim.FrameSink;
import cathnav.sim.stream.FrameStreamer;
import java.io.IOException;
import java.io.PrintWriter;

/** Opens the live OpenIGTLink sink of {@code --to HOST:PORT}. */
final class LiveSinks {

  private LiveSinks() {}

  static FrameSink open(String hostPort, int headerVersion, PrintWriter err) throws IOException {
    HostAndPort hp = HostAndPort.parse(hostPort);
    FrameSink sink;
    try {
      sink = FrameStreamer.connect(hp.host(), hp.port(), headerVersion);
    } catch (IOException e) {
      throw new ExitCodes.PeerException(e.getMessage(), e);
    }
    err.println("cathnav: streaming to " + hp.host() + ":" + hp.port() + " (OpenIGTLink header version "
        + headerVersion + ")");
    return sink;
  }

  /** {@code HOST:PORT}, port 1 to 65535. */
  record HostAndPort(String host, int port) {
    static HostAndPort parse(String s) {
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || colon == s.length() - 1) {
        throw new IllegalArgumentException("expected HOST:PORT, value=" + s);
      }
      int port;
      try {
        port = Integer.parseInt(s.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("port is not a number, value=" + s);
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range 1..65535, value=" + s);
      }
      return new HostAndPort(s.substring(0, colon), port);
    }
  }
}
