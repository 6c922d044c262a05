package cathnav.igtl.codec;

import cathnav.igtl.message.StringBody;
import cathnav.igtl.message.TextEncoding;
import io.netty.buffer.ByteBuf;

import java.nio.charset.CharacterCodingException;

/** STRING: u16 encoding (IANA MIBenum), u16 length, bytes; nothing may follow. */
final class StringCodec implements BodyCodec<StringBody> {

    static final StringCodec INSTANCE = new StringCodec();

    @Override
    public Class<StringBody> bodyClass() {
        return StringBody.class;
    }

    @Override
    public StringBody decode(String typeName, ByteBuf content) throws MalformedContentException {
        if (content.readableBytes() < 4) {
            throw new MalformedContentException("STRING content shorter than 4 bytes, contentSize="
                    + content.readableBytes());
        }
        int encoding = content.readUnsignedShort();
        int length = content.readUnsignedShort();
        if (length != content.readableBytes()) {
            throw new MalformedContentException("STRING length does not match the body, length=" + length
                    + ", available=" + content.readableBytes());
        }
        try {
            return new StringBody(encoding, TextEncoding.decode(encoding, content.nioBuffer()));
        } catch (CharacterCodingException e) {
            throw new MalformedContentException("STRING bytes invalid in their encoding, encoding=" + encoding);
        }
    }

    @Override
    public int encodedLength(StringBody body) {
        return 4 + TextEncoding.encode(body.encoding(), body.value()).length;
    }

    @Override
    public void encode(StringBody body, ByteBuf out) {
        byte[] bytes = TextEncoding.encode(body.encoding(), body.value());
        out.writeShort(body.encoding());
        out.writeShort(bytes.length);
        out.writeBytes(bytes);
    }
}
