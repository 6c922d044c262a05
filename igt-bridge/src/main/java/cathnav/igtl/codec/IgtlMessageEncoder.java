package cathnav.igtl.codec;

import cathnav.igtl.message.IgtlMessage;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.util.List;

/**
 * Writes {@link IgtlMessage}s as OpenIGTLink frames (see {@link IgtlFrameWriter}), in the header version each
 * message carries. Stateless: one instance may serve every channel.
 *
 * <p>Ownership follows Netty: the encoder releases the message once after encoding it, so a message written
 * to several channels must be {@code retain()}ed once per extra write. IMAGE pixels are not copied; the frame
 * holds a retained slice of them until the socket has written it.
 */
@ChannelHandler.Sharable
public final class IgtlMessageEncoder extends MessageToMessageEncoder<IgtlMessage> {

    /** The shared instance. */
    public static final IgtlMessageEncoder INSTANCE = new IgtlMessageEncoder();

    public IgtlMessageEncoder() {
        super(IgtlMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, IgtlMessage msg, List<Object> out) {
        out.add(IgtlFrameWriter.encode(ctx.alloc(), msg));
    }
}
