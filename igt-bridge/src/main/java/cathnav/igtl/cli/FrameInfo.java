package cathnav.igtl.cli;

import cathnav.igtl.codec.Crc64;
import cathnav.igtl.codec.HeaderDescriptor;
import cathnav.igtl.codec.IgtlCodecOptions;
import cathnav.igtl.codec.IgtlFrameParser;
import cathnav.igtl.codec.IgtlInvalidFrame;
import cathnav.igtl.message.GetQueryBody;
import cathnav.igtl.message.IgtlBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.PolyDataBody;
import cathnav.igtl.message.QueryReplyBody;
import cathnav.igtl.message.RawBody;
import cathnav.igtl.message.StartStreamBody;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.StopStreamBody;
import cathnav.igtl.message.StringBody;
import cathnav.igtl.message.TransformBody;
import io.netty.buffer.ByteBuf;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * What {@code igtl dump} shows of one frame: the header fields, whether the CRC-64 matches, and a short summary of
 * the content.
 *
 * @param type type name
 * @param device device name
 * @param headerVersion header version
 * @param bodySize BODY_SIZE, bytes
 * @param crcOk whether the body's CRC-64 equals the header's
 * @param timestamp the header time stamp
 * @param summary a few words on the content (image size and scalar type, translation, status text, ...)
 */
record FrameInfo(String type, String device, int headerVersion, long bodySize, boolean crcOk,
    IgtlTimestamp timestamp, String summary) {

  private static final IgtlFrameParser PARSER =
      new IgtlFrameParser(IgtlCodecOptions.DEFAULTS.withCrcCheck(false).withMaxBodySize(IgtlCodecOptions.BODY_SIZE_CEILING));

  /** Reads a complete frame (58-byte header + body, from the reader index); does not release it. */
  static FrameInfo of(ByteBuf frame) {
    int at = frame.readerIndex();
    int version = frame.getUnsignedShort(at + HeaderDescriptor.VERSION_OFFSET);
    String type = text(frame, at + HeaderDescriptor.TYPE_OFFSET, HeaderDescriptor.TYPE_LENGTH);
    String device = text(frame, at + HeaderDescriptor.DEVICE_NAME_OFFSET, HeaderDescriptor.DEVICE_NAME_LENGTH);
    IgtlTimestamp stamp = IgtlTimestamp.fromWire(frame.getLong(at + HeaderDescriptor.TIMESTAMP_OFFSET));
    long bodySize = frame.getLong(at + HeaderDescriptor.BODY_SIZE_OFFSET);
    long crc = frame.getLong(at + HeaderDescriptor.CRC_OFFSET);
    int available = frame.readableBytes() - HeaderDescriptor.HEADER_LENGTH;
    boolean crcOk = bodySize == available
        && Crc64.compute(frame, at + HeaderDescriptor.HEADER_LENGTH, available) == crc;
    Object parsed = PARSER.parse(frame.duplicate(), 0);
    String summary;
    if (parsed instanceof IgtlMessage m) {
      try {
        summary = summarize(m.body());
      } finally {
        m.release();
      }
    } else if (parsed instanceof IgtlInvalidFrame invalid) {
      summary = "INVALID " + invalid.reason() + " " + invalid.detail();
    } else {
      summary = "";
    }
    return new FrameInfo(type, device, version, bodySize, crcOk, stamp, summary);
  }

  static String summarize(IgtlBody body) {
    if (body instanceof ImageBody b) {
      return String.format(Locale.ROOT, "%dx%dx%d %s x%d %s", b.size().i(), b.size().j(), b.size().k(),
          b.scalarType().name().toLowerCase(Locale.ROOT), b.components(), b.byteOrder());
    }
    if (body instanceof TransformBody t) {
      return String.format(Locale.ROOT, "translation=(%.3f, %.3f, %.3f) mm", t.matrix().m03(), t.matrix().m13(),
          t.matrix().m23());
    }
    if (body instanceof StatusBody s) {
      return "code=" + s.code() + " name=" + s.errorName() + " message=" + shorten(s.message());
    }
    if (body instanceof StringBody s) {
      return "text=" + shorten(s.value());
    }
    if (body instanceof PolyDataBody p) {
      return "points=" + p.points().length / 3 + " polygons=" + p.polygons().cellCount() + " lines="
          + p.lines().cellCount() + " attributes=" + p.attributes().size();
    }
    if (body instanceof GetQueryBody q) {
      return "query target=" + q.target();
    }
    if (body instanceof StartStreamBody q) {
      return "start stream target=" + q.target() + q.parameters().map(p -> " " + p).orElse("");
    }
    if (body instanceof StopStreamBody q) {
      return "stop stream target=" + q.target();
    }
    if (body instanceof QueryReplyBody q) {
      return "reply target=" + q.target() + (q.status().isPresent() ? " status=" + q.status().getAsInt() : "");
    }
    if (body instanceof RawBody r) {
      return "raw bytes=" + r.content().readableBytes();
    }
    return body.getClass().getSimpleName();
  }

  /** One human-readable line. */
  String line() {
    return String.format(Locale.ROOT, "%s %-12s device=%s v%d bodySize=%d crc=%s %s", instant(), type,
        device.isEmpty() ? "\"\"" : device, headerVersion, bodySize, crcOk ? "ok" : "BAD", summary);
  }

  /** One JSON object (keys type, device, headerVersion, bodySize, crcOk, timestamp (epoch seconds), summary). */
  JsonObject json() {
    return new JsonObject()
        .put("type", type)
        .put("device", device)
        .put("headerVersion", headerVersion)
        .put("bodySize", bodySize)
        .put("crcOk", crcOk)
        .put("timestamp", timestamp.seconds() + timestamp.fraction() / 4294967296.0)
        .put("time", instant().toString())
        .put("summary", summary);
  }

  private Instant instant() {
    long nanos = timestamp.toEpochNanos();
    return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
  }

  private static String text(ByteBuf buf, int offset, int length) {
    int end = offset;
    while (end < offset + length && buf.getByte(end) != 0) {
      end++;
    }
    return buf.toString(offset, end - offset, StandardCharsets.ISO_8859_1);
  }

  private static String shorten(String s) {
    String one = s.replace('\n', ' ').replace('\r', ' ');
    return one.length() > 60 ? one.substring(0, 57) + "..." : one;
  }
}
