package cathnav.igtl.codec;

import cathnav.igtl.message.IgtlBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.MetadataValue;
import cathnav.igtl.message.TextEncoding;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static cathnav.igtl.codec.HeaderDescriptor.*;

/**
 * Encodes an {@link IgtlMessage} into one frame: header (with the CRC-64 of the body), the version-2 extended
 * header and metadata when the message is version 2, and the content. Version 1 drops metadata and message id.
 *
 * <p>Stateless and thread-safe. Pixels of an IMAGE (and raw content) are not copied: the result is then a
 * composite buffer holding a retained slice of them. The message itself is not released; the caller owns the
 * returned buffer.
 */
public final class IgtlFrameWriter {

    private IgtlFrameWriter() {
    }

    /**
     * Encodes {@code message}.
     *
     * @throws IllegalArgumentException when the body does not match the type name or is too large to send
     */
    public static ByteBuf encode(ByteBufAllocator alloc, IgtlMessage message) {
        BodyCodec<IgtlBody> codec = BodyCodecs.forEncoding(message);
        IgtlBody body = message.body();
        boolean v2 = message.headerVersion() == VERSION_2;
        int contentLength = codec.encodedLength(body);
        ByteBuf trailing = codec.trailingPayload(body);
        int trailingLength = trailing == null ? 0 : trailing.readableBytes();
        byte[][] keys = null;
        byte[][] values = null;
        int metaHeaderSize = 0;
        long metaSize = 0;
        if (v2) {
            Map<String, MetadataValue> metadata = message.metadata();
            keys = new byte[metadata.size()][];
            values = new byte[metadata.size()][];
            int e = 0;
            for (Map.Entry<String, MetadataValue> entry : metadata.entrySet()) {
                keys[e] = entry.getKey().getBytes(StandardCharsets.UTF_8);
                values[e] = TextEncoding.encode(entry.getValue().encoding(), entry.getValue().value());
                metaSize += keys[e].length + (long) values[e].length;
                e++;
            }
            if (metadata.size() > 0xFFFF) {
                throw new IllegalArgumentException("too many metadata entries, count=" + metadata.size());
            }
            metaHeaderSize = META_COUNT_LENGTH + META_INDEX_ENTRY_LENGTH * metadata.size();
        }
        long metaTotal = metaHeaderSize + metaSize;
        long bodySize = (v2 ? EXT_HEADER_LENGTH : 0) + (long) contentLength + trailingLength + metaTotal;
        if (bodySize > IgtlCodecOptions.BODY_SIZE_CEILING) {
            throw new IllegalArgumentException("message too large to encode, bodySize=" + bodySize + ", typeName="
                    + message.typeName());
        }
        int headLength = HEADER_LENGTH + (v2 ? EXT_HEADER_LENGTH : 0) + contentLength
                + (trailing == null ? (int) metaTotal : 0);
        ByteBuf head = alloc.buffer(headLength);
        boolean handedOver = false;
        try {
            head.writeShort(message.headerVersion());
            WireText.writeFixed(head, message.typeName(), TYPE_LENGTH);
            WireText.writeFixed(head, message.deviceName(), DEVICE_NAME_LENGTH);
            head.writeLong(message.timestamp().toWire());
            head.writeLong(bodySize);
            head.writeLong(0); // CRC, set below
            if (v2) {
                head.writeShort(EXT_HEADER_LENGTH);
                head.writeShort(metaHeaderSize);
                head.writeInt((int) metaSize);
                head.writeInt((int) message.messageId());
            }
            int before = head.writerIndex();
            codec.encode(body, head);
            if (head.writerIndex() - before != contentLength) {
                throw new IllegalStateException("codec wrote a different length than it announced, typeName="
                        + message.typeName() + ", announced=" + contentLength + ", written="
                        + (head.writerIndex() - before));
            }
            if (trailing == null) {
                if (v2) {
                    writeMetadata(head, message.metadata(), keys, values);
                }
                head.setLong(CRC_OFFSET, Crc64.compute(head, HEADER_LENGTH, (int) bodySize));
                handedOver = true;
                return head;
            }
            ByteBuf tail = alloc.buffer((int) metaTotal);
            if (v2) {
                writeMetadata(tail, message.metadata(), keys, values);
            }
            long crc = Crc64.update(0, head, HEADER_LENGTH, head.writerIndex() - HEADER_LENGTH);
            crc = Crc64.update(crc, trailing, trailing.readerIndex(), trailingLength);
            crc = Crc64.update(crc, tail, 0, tail.writerIndex());
            head.setLong(CRC_OFFSET, crc);
            CompositeByteBuf frame = alloc.compositeBuffer(3);
            handedOver = true; // the composite owns head (and tail) from here
            frame.addComponent(true, head);
            frame.addComponent(true, trailing.retainedSlice());
            if (tail.isReadable()) {
                frame.addComponent(true, tail);
            } else {
                tail.release();
            }
            return frame;
        } finally {
            if (!handedOver) {
                head.release();
            }
        }
    }

    private static void writeMetadata(ByteBuf out, Map<String, MetadataValue> metadata, byte[][] keys,
                                      byte[][] values) {
        out.writeShort(keys.length);
        int e = 0;
        for (MetadataValue value : metadata.values()) {
            out.writeShort(keys[e].length);
            out.writeShort(value.encoding());
            out.writeInt(values[e].length);
            e++;
        }
        for (int i = 0; i < keys.length; i++) {
            out.writeBytes(keys[i]);
            out.writeBytes(values[i]);
        }
    }
}
