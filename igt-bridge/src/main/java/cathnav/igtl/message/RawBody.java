package cathnav.igtl.message;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * The content of a message whose type this codec does not interpret: kept byte for byte so it can be logged,
 * recorded, forwarded or re-encoded unchanged. The type name lives in the envelope.
 *
 * <p>Ownership as for {@link ImageBody}: a decoded raw body is a retained slice of the received buffer and the
 * owner releases it once; the constructor takes over the caller's reference. {@code equals} compares bytes.
 *
 * @param typeName the type name it arrived with (also its default type name)
 * @param content  the content bytes (readable part)
 */
public record RawBody(String typeName, ByteBuf content) implements IgtlBody, ReferenceCounted, AutoCloseable {

    public RawBody {
        IgtlMessage.checkTypeName(typeName);
        if (content == null) {
            throw new IllegalArgumentException("raw content is null, typeName=" + typeName);
        }
        content = content.slice();
    }

    /** The content as an independent view (own reader index); do not release the view, release the record. */
    @Override
    public ByteBuf content() {
        return content.duplicate();
    }

    @Override
    public String defaultTypeName() {
        return typeName;
    }

    @Override
    public int refCnt() {
        return content.refCnt();
    }

    @Override
    public RawBody retain() {
        content.retain();
        return this;
    }

    @Override
    public RawBody retain(int increment) {
        content.retain(increment);
        return this;
    }

    @Override
    public RawBody touch() {
        content.touch();
        return this;
    }

    @Override
    public RawBody touch(Object hint) {
        content.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return content.release();
    }

    @Override
    public boolean release(int decrement) {
        return content.release(decrement);
    }

    /** Releases one reference. */
    @Override
    public void close() {
        release();
    }
}
