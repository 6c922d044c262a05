package cathnav.igtl.net.impl;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the bytes a connection reads from and writes to its socket (headers included), into the connection's and
 * the endpoint's counters. Sits next to the socket in the pipeline; passes everything through untouched.
 */
final class ByteMeter extends ChannelDuplexHandler {

  static final String NAME = "igtlByteMeter";

  private final LongAdder connectionIn;
  private final LongAdder connectionOut;
  private final LongAdder endpointIn;
  private final LongAdder endpointOut;

  ByteMeter(LongAdder connectionIn, LongAdder connectionOut, LongAdder endpointIn, LongAdder endpointOut) {
    this.connectionIn = connectionIn;
    this.connectionOut = connectionOut;
    this.endpointIn = endpointIn;
    this.endpointOut = endpointOut;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    long n = size(msg);
    connectionIn.add(n);
    endpointIn.add(n);
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    long n = size(msg);
    connectionOut.add(n);
    endpointOut.add(n);
    ctx.write(msg, promise);
  }

  private static long size(Object msg) {
    if (msg instanceof ByteBuf b) {
      return b.readableBytes();
    }
    if (msg instanceof ByteBufHolder h) {
      return h.content().readableBytes();
    }
    return 0;
  }
}
