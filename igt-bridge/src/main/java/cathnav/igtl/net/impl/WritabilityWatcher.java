package cathnav.igtl.net.impl;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Tells the connection when its socket takes writes again. The latest-only outbox follows the Netty channel's own
 * writability (the write buffer water marks), not Vert.x's write queue, which would accept and hold messages that a
 * newer one should replace.
 */
final class WritabilityWatcher extends ChannelInboundHandlerAdapter {

  static final String NAME = "igtlWritability";

  private final Runnable onWritable;

  WritabilityWatcher(Runnable onWritable) {
    this.onWritable = onWritable;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (ctx.channel().isWritable()) {
      onWritable.run();
    }
    ctx.fireChannelWritabilityChanged();
  }
}
