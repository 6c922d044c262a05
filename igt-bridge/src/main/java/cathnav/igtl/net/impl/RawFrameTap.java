package cathnav.igtl.net.impl;

import cathnav.igtl.codec.HeaderDescriptor;
import cathnav.igtl.net.IgtlConnection;
import cathnav.igtl.net.RawFrameListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.time.Clock;
import java.time.Instant;

/**
 * Shows the {@link RawFrameListener} each frame as it crossed the wire. Inbound, it follows the frame boundaries of the
 * byte stream (header, then BODY_SIZE bytes) and assembles each frame from retained slices of the received buffers
 * (no copy); outbound, each encoded message is one frame. It only observes: bytes pass on untouched, and the decoder
 * behind it still rules on validity. When a header announces a body above the limit it stops observing that
 * connection (the decoder closes it). One instance per channel; event-loop confined.
 */
final class RawFrameTap extends ChannelDuplexHandler {

  static final String NAME = "igtlRawFrameTap";
  private static final int MAX_COMPONENTS = 1 << 16;

  private final RawFrameListener listener;
  private final IgtlConnection connection;
  private final long maxBodySize;
  private final Clock clock = Clock.systemUTC();
  private CompositeByteBuf current;
  private long frameLength = -1;
  private boolean stopped;

  RawFrameTap(RawFrameListener listener, IgtlConnection connection, long maxBodySize) {
    this.listener = listener;
    this.connection = connection;
    this.maxBodySize = maxBodySize;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!stopped && msg instanceof ByteBuf buf) {
      observe(ctx, buf);
    }
    ctx.fireChannelRead(msg);
  }

  private void observe(ChannelHandlerContext ctx, ByteBuf buf) {
    int index = buf.readerIndex();
    int remaining = buf.readableBytes();
    while (remaining > 0 && !stopped) {
      if (current == null) {
        current = ctx.alloc().compositeBuffer(MAX_COMPONENTS);
      }
      long want = frameLength < 0 ? HeaderDescriptor.HEADER_LENGTH : frameLength;
      int take = (int) Math.min(want - current.readableBytes(), remaining);
      current.addComponent(true, buf.retainedSlice(index, take));
      index += take;
      remaining -= take;
      if (frameLength < 0 && current.readableBytes() == HeaderDescriptor.HEADER_LENGTH) {
        long bodySize = current.getLong(HeaderDescriptor.BODY_SIZE_OFFSET);
        if (bodySize < 0 || bodySize > maxBodySize) {
          stop();
          return;
        }
        frameLength = HeaderDescriptor.HEADER_LENGTH + bodySize;
      }
      if (frameLength >= 0 && current.readableBytes() == frameLength) {
        CompositeByteBuf frame = current;
        current = null;
        frameLength = -1;
        try {
          listener.onFrame(connection, false, nowNanos(), frame);
        } finally {
          frame.release();
        }
      }
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (msg instanceof ByteBuf buf && buf.readableBytes() >= HeaderDescriptor.HEADER_LENGTH) {
      listener.onFrame(connection, true, nowNanos(), buf.duplicate());
    }
    ctx.write(msg, promise);
  }

  private long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private void stop() {
    stopped = true;
    if (current != null) {
      current.release();
      current = null;
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stop();
    super.channelInactive(ctx);
  }
}
