package cathnav.igtl.cli;

import cathnav.igtl.message.GetQueryBody;
import cathnav.igtl.message.IgtlBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.QueryNames;
import cathnav.igtl.message.StartStreamBody;
import cathnav.igtl.message.StopStreamBody;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * A query to send on connect, given as {@code TYPE[:DEVICE]} with TYPE one of {@code GET_x}, {@code STT_x},
 * {@code STP_x} (for example {@code GET_IMAGE:Fluoro}, {@code STT_TDATA}, {@code GET_TRANS}).
 *
 * @param typeName the query's type name as written
 * @param deviceName the device name ("" for any)
 */
record QuerySpec(String typeName, String deviceName) {

  /** Tracking data streams asked for with {@code STT_} without a resolution get this interval, ms. */
  static final int DEFAULT_STREAM_RESOLUTION_MS = 50;

  /** The query message, header version 1. */
  IgtlMessage message() {
    String target = QueryNames.target(typeName);
    IgtlBody body;
    if (typeName.startsWith(QueryNames.GET)) {
      body = new GetQueryBody(target);
    } else if (typeName.startsWith(QueryNames.START)) {
      body = target.equals("TDATA") || target.equals("QTDATA")
          ? StartStreamBody.of(target, DEFAULT_STREAM_RESOLUTION_MS, "Patient")
          : new StartStreamBody(target, Optional.empty());
    } else {
      body = new StopStreamBody(target);
    }
    return new IgtlMessage(1, typeName, deviceName, IgtlTimestamp.now(), Map.of(), 0, body);
  }

  /** Parses {@code TYPE[:DEVICE]} for picocli. */
  static final class Converter implements CommandLine.ITypeConverter<QuerySpec> {
    @Override
    public QuerySpec convert(String value) {
      int colon = value.indexOf(':');
      String type = colon < 0 ? value : value.substring(0, colon);
      String device = colon < 0 ? "" : value.substring(colon + 1);
      if (!(type.startsWith(QueryNames.GET) || type.startsWith(QueryNames.START) || type.startsWith(QueryNames.STOP))
          || type.length() <= 4 || type.length() > IgtlMessage.MAX_TYPE_NAME_LENGTH) {
        throw new CommandLine.TypeConversionException(
            "expected a query TYPE[:DEVICE] with TYPE GET_x, STT_x or STP_x (at most 12 characters), got '" + value
                + "'");
      }
      if (device.length() > IgtlMessage.MAX_DEVICE_NAME_LENGTH) {
        throw new CommandLine.TypeConversionException("device name longer than 20 characters: '" + device + "'");
      }
      return new QuerySpec(type, device);
    }
  }
}
