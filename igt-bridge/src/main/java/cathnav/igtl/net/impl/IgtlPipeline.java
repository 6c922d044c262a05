package cathnav.igtl.net.impl;

import cathnav.igtl.codec.IgtlCodecOptions;
import cathnav.igtl.codec.IgtlFrameDecoder;
import cathnav.igtl.codec.IgtlInvalidFrame;
import cathnav.igtl.codec.IgtlMessageEncoder;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.net.CloseReason;
import cathnav.igtl.net.IgtlConnection;
import cathnav.igtl.net.IgtlEndpointOptions;
import cathnav.igtl.net.RawFrameListener;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The Netty handlers of an OpenIGTLink connection, added before Vert.x's {@code "handler"} so that it receives
 * decoded messages and its {@code writeMessage} goes through the encoder:
 *
 * <pre>
 *   socket - igtlByteMeter - [igtlRawFrameTap] - [igtlIdle - igtlPeerIdle] - igtlDecoder - igtlEncoder
 *          - handler (Vert.x)
 * </pre>
 *
 * and the mapping from decoder results and socket errors to close reasons and STATUS codes.
 */
final class IgtlPipeline {

  static final String DECODER = "igtlDecoder";
  static final String ENCODER = "igtlEncoder";
  static final String IDLE = "igtlIdle";
  private static final String VERTX_HANDLER = "handler";

  private IgtlPipeline() {}

  static void install(ChannelPipeline pipeline, IgtlEndpointOptions<?> options, IgtlConnection connection,
      RawFrameListener tap, ByteMeter meter) {
    pipeline.addBefore(VERTX_HANDLER, ByteMeter.NAME, meter);
    if (tap != null) {
      pipeline.addBefore(VERTX_HANDLER, RawFrameTap.NAME, new RawFrameTap(tap, connection, options.getMaxBodySize()));
    }
    long idle = options.getIdleTimeout().toMillis();
    if (idle > 0) {
      pipeline.addBefore(VERTX_HANDLER, IDLE, new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS));
      pipeline.addBefore(VERTX_HANDLER, PeerIdle.NAME, new PeerIdle.Translator());
    }
    IgtlCodecOptions codec = new IgtlCodecOptions(options.getMaxBodySize(), options.getMaxMetadataSize(),
        options.isCrcCheck());
    pipeline.addBefore(VERTX_HANDLER, DECODER, new IgtlFrameDecoder(codec));
    pipeline.addBefore(VERTX_HANDLER, ENCODER, IgtlMessageEncoder.INSTANCE);
  }

  /** The close reason and STATUS code for a frame the decoder rejected. */
  static InboundFailure classify(IgtlInvalidFrame invalid) {
    String detail = invalid.toString();
    return switch (invalid.reason()) {
      case TRUNCATED -> new InboundFailure(CloseReason.TRUNCATED, detail, -1);
      case BODY_TOO_LARGE, METADATA_TOO_LARGE -> new InboundFailure(CloseReason.MESSAGE_TOO_LARGE, detail,
          StatusBody.OVERFLOW);
      case CRC_MISMATCH -> new InboundFailure(CloseReason.CRC_MISMATCH, detail, StatusBody.CHECKSUM_ERROR);
      case UNSUPPORTED_HEADER_VERSION -> new InboundFailure(CloseReason.MALFORMED_HEADER, detail,
          StatusBody.UNKNOWN_VERSION);
      case BAD_TYPE_NAME, BAD_EXTENDED_HEADER, BAD_METADATA -> new InboundFailure(CloseReason.MALFORMED_HEADER, detail,
          StatusBody.ILLEGAL_INSTRUCTION);
      case MALFORMED_CONTENT -> new InboundFailure(CloseReason.MALFORMED_BODY, detail,
          StatusBody.ILLEGAL_INSTRUCTION);
    };
  }

  /** The close reason for an exception on the socket (no STATUS: the socket is in doubt). */
  static InboundFailure classify(Throwable t) {
    return new InboundFailure(CloseReason.IO_ERROR, t.getClass().getSimpleName() + ": " + t.getMessage(), -1);
  }
}
