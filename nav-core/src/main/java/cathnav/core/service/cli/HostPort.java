package cathnav.core.service.cli;

import picocli.CommandLine;

/**
 * A {@code HOST:PORT} command-line value (port 0..65535; 0 picks a free port).
 *
 * @param host host name or address
 * @param port TCP port
 */
public record HostPort(String host, int port) {

  /** Parses {@code HOST:PORT} for picocli; a bad value is a usage error naming the option's value. */
  public static final class Converter implements CommandLine.ITypeConverter<HostPort> {
    @Override
    public HostPort convert(String value) {
      int colon = value.lastIndexOf(':');
      if (colon <= 0 || colon == value.length() - 1) {
        throw new CommandLine.TypeConversionException("expected HOST:PORT, got '" + value + "'");
      }
      int port;
      try {
        port = Integer.parseInt(value.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("port is not a number in '" + value + "'");
      }
      if (port < 0 || port > 65535) {
        throw new CommandLine.TypeConversionException("port must be 0..65535 in '" + value + "'");
      }
      return new HostPort(value.substring(0, colon), port);
    }
  }
}
