package cathnav.igtl.codec;

import cathnav.igtl.message.RawBody;
import io.netty.buffer.ByteBuf;

/** Any type this codec does not interpret: the content is kept as a retained slice and re-sent unchanged. */
final class RawCodec implements BodyCodec<RawBody> {

    static final RawCodec INSTANCE = new RawCodec();

    @Override
    public Class<RawBody> bodyClass() {
        return RawBody.class;
    }

    @Override
    public RawBody decode(String typeName, ByteBuf content) {
        ByteBuf slice = content.retainedSlice();
        try {
            return new RawBody(typeName, slice);
        } catch (RuntimeException e) {
            slice.release();
            throw e;
        }
    }

    @Override
    public int encodedLength(RawBody body) {
        return 0;
    }

    @Override
    public void encode(RawBody body, ByteBuf out) {
        // everything goes out as the trailing payload
    }

    @Override
    public ByteBuf trailingPayload(RawBody body) {
        return body.content();
    }
}
