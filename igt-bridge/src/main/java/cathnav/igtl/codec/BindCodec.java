package cathnav.igtl.codec;

import cathnav.igtl.message.BindBody;
import cathnav.igtl.message.IgtlMessage;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** BIND; layout in {@link BindBody}. Child sizes and the name table are checked against the content. */
final class BindCodec implements BodyCodec<BindBody> {

    static final BindCodec INSTANCE = new BindCodec();
    static final int ENTRY_LENGTH = IgtlMessage.MAX_TYPE_NAME_LENGTH + 8;

    @Override
    public Class<BindBody> bodyClass() {
        return BindBody.class;
    }

    @Override
    public BindBody decode(String typeName, ByteBuf in) throws MalformedContentException {
        if (in.readableBytes() < 2) {
            throw new MalformedContentException("BIND content shorter than 2 bytes, contentSize=" + in.readableBytes());
        }
        int n = in.readUnsignedShort();
        if ((long) n * ENTRY_LENGTH + 2 > in.readableBytes()) {
            throw new MalformedContentException("BIND child table exceeds the content, ncmessages=" + n
                    + ", available=" + in.readableBytes());
        }
        String[] types = new String[n];
        long[] sizes = new long[n];
        for (int i = 0; i < n; i++) {
            types[i] = WireText.readFixed(in, IgtlMessage.MAX_TYPE_NAME_LENGTH);
            sizes[i] = in.readLong();
        }
        int tableSize = in.readUnsignedShort();
        if ((tableSize & 1) != 0) {
            throw new MalformedContentException("BIND name table size must be even, nametableSize=" + tableSize);
        }
        if (tableSize > in.readableBytes()) {
            throw new MalformedContentException("BIND name table exceeds the content, nametableSize=" + tableSize
                    + ", available=" + in.readableBytes());
        }
        ByteBuf table = in.readSlice(tableSize);
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            int nul = table.indexOf(table.readerIndex(), table.writerIndex(), (byte) 0);
            if (nul < 0) {
                throw new MalformedContentException("BIND name table has fewer names than children, child=" + i);
            }
            names[i] = table.readCharSequence(nul - table.readerIndex(), StandardCharsets.ISO_8859_1).toString();
            table.skipBytes(1);
        }
        List<BindBody.Child> children = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long padded = sizes[i] + (sizes[i] & 1);
            if (sizes[i] < 0 || padded > in.readableBytes()) {
                throw new MalformedContentException("BIND child body exceeds the content, child=" + i + ", type="
                        + types[i] + ", bodySize=" + Long.toUnsignedString(sizes[i]) + ", available="
                        + in.readableBytes());
            }
            byte[] content = new byte[(int) sizes[i]];
            in.readBytes(content);
            in.skipBytes((int) (padded - sizes[i]));
            children.add(new BindBody.Child(types[i], names[i], content));
        }
        if (in.isReadable()) {
            throw new MalformedContentException("BIND has trailing bytes after its children, trailing="
                    + in.readableBytes());
        }
        return new BindBody(children);
    }

    private static int tableSize(BindBody body) {
        int size = 0;
        for (BindBody.Child c : body.children()) {
            size += c.deviceName().length() + 1;
        }
        return size + (size & 1);
    }

    @Override
    public int encodedLength(BindBody body) {
        long length = 2 + (long) ENTRY_LENGTH * body.children().size() + 2 + tableSize(body);
        for (BindBody.Child c : body.children()) {
            length += c.contentLength() + (c.contentLength() & 1);
        }
        return Math.toIntExact(length);
    }

    @Override
    public void encode(BindBody body, ByteBuf out) {
        out.writeShort(body.children().size());
        for (BindBody.Child c : body.children()) {
            WireText.writeFixed(out, c.typeName(), IgtlMessage.MAX_TYPE_NAME_LENGTH);
            out.writeLong(c.contentLength());
        }
        int table = tableSize(body);
        out.writeShort(table);
        int written = 0;
        for (BindBody.Child c : body.children()) {
            out.writeCharSequence(c.deviceName(), StandardCharsets.ISO_8859_1);
            out.writeByte(0);
            written += c.deviceName().length() + 1;
        }
        out.writeZero(table - written);
        for (BindBody.Child c : body.children()) {
            out.writeBytes(c.content());
            out.writeZero(c.contentLength() & 1);
        }
    }
}
