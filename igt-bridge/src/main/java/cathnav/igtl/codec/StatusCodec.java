package cathnav.igtl.codec;

import cathnav.igtl.message.StatusBody;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/** STATUS: u16 code, i64 subcode, char[20] error name, NUL-terminated message (rest of the body). */
final class StatusCodec implements BodyCodec<StatusBody> {

    static final StatusCodec INSTANCE = new StatusCodec();
    static final int FIXED_LENGTH = 2 + 8 + StatusBody.ERROR_NAME_LENGTH;

    @Override
    public Class<StatusBody> bodyClass() {
        return StatusBody.class;
    }

    @Override
    public StatusBody decode(String typeName, ByteBuf content) throws MalformedContentException {
        if (content.readableBytes() < FIXED_LENGTH) {
            throw new MalformedContentException("STATUS content shorter than 30 bytes, contentSize="
                    + content.readableBytes());
        }
        int code = content.readUnsignedShort();
        long subcode = content.readLong();
        String errorName = WireText.readFixed(content, StatusBody.ERROR_NAME_LENGTH);
        // the message runs to the first NUL or to the end of the body (senders that omit the NUL are accepted)
        int start = content.readerIndex();
        int nul = content.indexOf(start, content.writerIndex(), (byte) 0);
        int length = (nul < 0 ? content.writerIndex() : nul) - start;
        String message = content.toString(start, length, StandardCharsets.ISO_8859_1);
        return new StatusBody(code, subcode, errorName, message);
    }

    @Override
    public int encodedLength(StatusBody body) {
        return FIXED_LENGTH + body.message().length() + 1;
    }

    @Override
    public void encode(StatusBody body, ByteBuf out) {
        out.writeShort(body.code());
        out.writeLong(body.subcode());
        WireText.writeFixed(out, body.errorName(), StatusBody.ERROR_NAME_LENGTH);
        out.writeCharSequence(body.message(), StandardCharsets.ISO_8859_1);
        out.writeByte(0);
    }
}
