package cathnav.igtl.cli;

import picocli.CommandLine;

/**
 * A {@code HOST:PORT} command-line argument.
 *
 * @param host host name or address
 * @param port TCP port, 0..65535
 */
public record HostPort(String host, int port) {

  @Override
  public String toString() {
    return host + ":" + port;
  }

  /** Parses {@code HOST:PORT} (or {@code :PORT} / {@code PORT} for 127.0.0.1) for picocli. */
  public static final class Converter implements CommandLine.ITypeConverter<HostPort> {
    @Override
    public HostPort convert(String value) {
      int colon = value.lastIndexOf(':');
      String host = colon <= 0 ? "127.0.0.1" : value.substring(0, colon);
      String portText = colon < 0 ? value : value.substring(colon + 1);
      int port;
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("expected HOST:PORT, got '" + value + "'");
      }
      if (port < 0 || port > 65535) {
        throw new CommandLine.TypeConversionException("port must be 0..65535, got '" + value + "'");
      }
      return new HostPort(host, port);
    }
  }
}
