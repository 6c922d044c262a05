package cathnav.igtl.codec;

import cathnav.igtl.message.IgtlBody;
import io.netty.buffer.ByteBuf;

/**
 * Reads and writes the content of one message type. Implementations are stateless singletons.
 *
 * @param <B> the body record
 */
interface BodyCodec<B extends IgtlBody> {

    /** The record class this codec writes. */
    Class<B> bodyClass();

    /**
     * Decodes the content. {@code content}'s readable bytes are exactly the content (bounded by BODY_SIZE);
     * the codec must check every size against them and may keep a retained slice (and then owns it).
     *
     * @throws MalformedContentException when the bytes do not match the layout
     */
    B decode(String typeName, ByteBuf content) throws MalformedContentException;

    /** Bytes {@link #encode} writes (not counting {@link #trailingPayload}). */
    int encodedLength(B body);

    /** Writes the content (without the trailing payload) at the writer index. */
    void encode(B body, ByteBuf out);

    /** Bytes sent after the encoded part without copying (pixels), or {@code null}; not retained here. */
    default ByteBuf trailingPayload(B body) {
        return null;
    }
}
