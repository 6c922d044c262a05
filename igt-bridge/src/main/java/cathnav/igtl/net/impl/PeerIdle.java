package cathnav.igtl.net.impl;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The event a connection gets when its peer has been silent for the idle timeout. Netty's {@link IdleStateEvent} is
 * translated into it before it reaches Vert.x, which would otherwise close the socket itself, without the STATUS and
 * the counted reason.
 */
final class PeerIdle {

  static final String NAME = "igtlPeerIdle";
  static final PeerIdle INSTANCE = new PeerIdle();

  private PeerIdle() {}

  /** Replaces {@link IdleStateEvent} with {@link PeerIdle#INSTANCE}. */
  static final class Translator extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      ctx.fireUserEventTriggered(evt instanceof IdleStateEvent ? INSTANCE : evt);
    }
  }
}
