package cathnav.igtl.codec;

import cathnav.igtl.message.CommandBody;
import cathnav.igtl.message.TextEncoding;
import io.netty.buffer.ByteBuf;

import java.nio.charset.CharacterCodingException;

/** COMMAND and RTS_COMMAND: u32 id, char[128] name, u16 encoding, u32 length, bytes[length]. */
final class CommandCodec implements BodyCodec<CommandBody> {

    static final CommandCodec COMMAND = new CommandCodec(false);
    static final CommandCodec REPLY = new CommandCodec(true);
    static final int FIXED_LENGTH = 4 + CommandBody.NAME_LENGTH + 2 + 4;

    private final boolean reply;

    private CommandCodec(boolean reply) {
        this.reply = reply;
    }

    @Override
    public Class<CommandBody> bodyClass() {
        return CommandBody.class;
    }

    @Override
    public CommandBody decode(String typeName, ByteBuf in) throws MalformedContentException {
        if (in.readableBytes() < FIXED_LENGTH) {
            throw new MalformedContentException(typeName + " content shorter than 138 bytes, contentSize="
                    + in.readableBytes());
        }
        long id = in.readUnsignedInt();
        String name = WireText.readFixed(in, CommandBody.NAME_LENGTH);
        int encoding = in.readUnsignedShort();
        long length = in.readUnsignedInt();
        if (length != in.readableBytes()) {
            throw new MalformedContentException(typeName + " length does not match the body, length=" + length
                    + ", available=" + in.readableBytes());
        }
        try {
            return new CommandBody(reply, id, name, encoding, TextEncoding.decode(encoding, in.nioBuffer()));
        } catch (CharacterCodingException e) {
            throw new MalformedContentException(typeName + " text invalid in its encoding, encoding=" + encoding);
        }
    }

    @Override
    public int encodedLength(CommandBody body) {
        return FIXED_LENGTH + TextEncoding.encode(body.encoding(), body.command()).length;
    }

    @Override
    public void encode(CommandBody body, ByteBuf out) {
        byte[] text = TextEncoding.encode(body.encoding(), body.command());
        out.writeInt((int) body.commandId());
        WireText.writeFixed(out, body.name(), CommandBody.NAME_LENGTH);
        out.writeShort(body.encoding());
        out.writeInt(text.length);
        out.writeBytes(text);
    }

    /** True when this codec writes {@code body} (COMMAND and RTS_COMMAND share the record). */
    boolean accepts(CommandBody body) {
        return body.reply() == reply;
    }
}
