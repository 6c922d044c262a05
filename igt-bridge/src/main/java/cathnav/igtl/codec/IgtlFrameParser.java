package cathnav.igtl.codec;

import cathnav.igtl.message.IgtlBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.MetadataValue;
import cathnav.igtl.message.TextEncoding;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static cathnav.igtl.codec.HeaderDescriptor.*;

/**
 * Decodes one complete frame (header plus exactly BODY_SIZE bytes) into an {@link IgtlMessage} or an
 * {@link IgtlInvalidFrame}: header, CRC, version-2 extended header and metadata, then the typed content.
 *
 * <p>Pure and thread-safe (no state besides the options). Never throws for bad input. The frame buffer is not
 * released; a decoded IMAGE or raw body keeps a retained slice of it, owned by the returned message.
 * Used by {@link IgtlFrameDecoder} and by anything that reads recorded frames.
 */
public final class IgtlFrameParser {

    private final IgtlCodecOptions options;

    public IgtlFrameParser(IgtlCodecOptions options) {
        this.options = options;
    }

    /**
     * Decodes the frame in the readable bytes of {@code frame}.
     *
     * @param frame      header and body; readable length must be 58 + BODY_SIZE
     * @param frameIndex index of the frame on its connection (reported in invalid results)
     * @return an {@link IgtlMessage} or an {@link IgtlInvalidFrame}
     */
    public Object parse(ByteBuf frame, long frameIndex) {
        int start = frame.readerIndex();
        int frameLength = frame.readableBytes();
        if (frameLength < HEADER_LENGTH) {
            return new IgtlInvalidFrame(InvalidReason.TRUNCATED, "frameLength=" + frameLength, -1, "", "", -1,
                    frameIndex, frameLength);
        }
        int version = frame.getUnsignedShort(start + VERSION_OFFSET);
        String typeName = WireText.readFixed(frame, start + TYPE_OFFSET, TYPE_LENGTH);
        String deviceName = WireText.readFixed(frame, start + DEVICE_NAME_OFFSET, DEVICE_NAME_LENGTH);
        long timestamp = frame.getLong(start + TIMESTAMP_OFFSET);
        long bodySize = frame.getLong(start + BODY_SIZE_OFFSET);
        long crc = frame.getLong(start + CRC_OFFSET);
        Invalid invalid = new Invalid(version, typeName, deviceName, bodySize, frameIndex, frameLength);
        if (bodySize != frameLength - HEADER_LENGTH) {
            return invalid.of(InvalidReason.TRUNCATED, "frameLength=" + frameLength);
        }
        if (version != VERSION_1 && version != VERSION_2) {
            return invalid.of(InvalidReason.UNSUPPORTED_HEADER_VERSION, "headerVersion=" + version);
        }
        if (!WireText.isValidTypeName(typeName)) {
            return invalid.of(InvalidReason.BAD_TYPE_NAME, "typeName must be 1..12 printable ASCII");
        }
        int bodyStart = start + HEADER_LENGTH;
        int bodyLength = (int) bodySize;
        if (options.crcCheck()) {
            long actual = Crc64.compute(frame, bodyStart, bodyLength);
            if (actual != crc) {
                return invalid.of(InvalidReason.CRC_MISMATCH, String.format("crcHeader=0x%016x, crcBody=0x%016x",
                        crc, actual));
            }
        }
        int contentStart = bodyStart;
        int contentLength = bodyLength;
        Map<String, MetadataValue> metadata = Map.of();
        long messageId = 0;
        if (version == VERSION_2) {
            if (bodyLength < EXT_HEADER_LENGTH) {
                return invalid.of(InvalidReason.BAD_EXTENDED_HEADER, "body shorter than the extended header, bodySize="
                        + bodyLength);
            }
            int extSize = frame.getUnsignedShort(bodyStart + EXT_HEADER_SIZE_OFFSET);
            int metaHeaderSize = frame.getUnsignedShort(bodyStart + META_HEADER_SIZE_OFFSET);
            long metaSize = frame.getUnsignedInt(bodyStart + META_SIZE_OFFSET);
            messageId = frame.getUnsignedInt(bodyStart + MESSAGE_ID_OFFSET);
            if (extSize < EXT_HEADER_LENGTH || extSize > bodyLength) {
                return invalid.of(InvalidReason.BAD_EXTENDED_HEADER, "extHeaderSize=" + extSize + ", bodySize="
                        + bodyLength);
            }
            long metaTotal = metaHeaderSize + metaSize;
            if (metaTotal > bodyLength - extSize) {
                return invalid.of(InvalidReason.BAD_METADATA, "metadata exceeds the body, metaHeaderSize="
                        + metaHeaderSize + ", metaSize=" + metaSize + ", extHeaderSize=" + extSize + ", bodySize="
                        + bodyLength);
            }
            if (metaTotal > options.maxMetadataSize()) {
                return invalid.of(InvalidReason.METADATA_TOO_LARGE, "metadataBytes=" + metaTotal + ", max="
                        + options.maxMetadataSize());
            }
            contentStart = bodyStart + extSize;
            contentLength = (int) (bodyLength - extSize - metaTotal);
            Object parsed = parseMetadata(frame, contentStart + contentLength, metaHeaderSize, (int) metaSize);
            if (parsed instanceof String problem) {
                return invalid.of(InvalidReason.BAD_METADATA, problem);
            }
            @SuppressWarnings("unchecked")
            Map<String, MetadataValue> entries = (Map<String, MetadataValue>) parsed;
            metadata = entries;
        }
        IgtlBody body;
        try {
            body = BodyCodecs.forTypeName(typeName).decode(typeName, frame.slice(contentStart, contentLength));
        } catch (MalformedContentException e) {
            return invalid.of(InvalidReason.MALFORMED_CONTENT, e.getMessage());
        } catch (RuntimeException e) {
            // a record constructor or a bounds check refused the content: still bad input, never a crash
            return invalid.of(InvalidReason.MALFORMED_CONTENT, "error=" + e);
        }
        try {
            return new IgtlMessage(version, typeName, deviceName, IgtlTimestamp.fromWire(timestamp), metadata,
                    messageId, body);
        } catch (RuntimeException e) {
            if (body instanceof ReferenceCounted rc) {
                rc.release();
            }
            return invalid.of(InvalidReason.MALFORMED_CONTENT, "error=" + e);
        }
    }

    /** The metadata map, or a String saying what is wrong. */
    private static Object parseMetadata(ByteBuf frame, int index, int headerSize, int size) {
        if (headerSize == 0) {
            return size == 0 ? Map.of() : "metadata without index, metaSize=" + size;
        }
        if (headerSize < META_COUNT_LENGTH) {
            return "metadata index shorter than its count, metaHeaderSize=" + headerSize;
        }
        int count = frame.getUnsignedShort(index);
        if (headerSize != META_COUNT_LENGTH + META_INDEX_ENTRY_LENGTH * count) {
            return "metadata index size mismatch, count=" + count + ", metaHeaderSize=" + headerSize + ", expected="
                    + (META_COUNT_LENGTH + META_INDEX_ENTRY_LENGTH * count);
        }
        long total = 0;
        for (int e = 0; e < count; e++) {
            int entry = index + META_COUNT_LENGTH + e * META_INDEX_ENTRY_LENGTH;
            total += frame.getUnsignedShort(entry) + frame.getUnsignedInt(entry + 4);
        }
        if (total != size) {
            return "metadata sizes do not add up, indexTotal=" + total + ", metaSize=" + size;
        }
        Map<String, MetadataValue> map = new LinkedHashMap<>();
        int data = index + headerSize;
        for (int e = 0; e < count; e++) {
            int entry = index + META_COUNT_LENGTH + e * META_INDEX_ENTRY_LENGTH;
            int keySize = frame.getUnsignedShort(entry);
            int encoding = frame.getUnsignedShort(entry + 2);
            int valueSize = (int) frame.getUnsignedInt(entry + 4);
            if (keySize == 0) {
                return "metadata key is empty, entry=" + e;
            }
            String key;
            String value;
            try {
                key = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(frame.nioBuffer(data, keySize))
                        .toString();
                value = TextEncoding.decode(encoding, frame.nioBuffer(data + keySize, valueSize));
            } catch (CharacterCodingException ex) {
                return "metadata text invalid in its encoding, entry=" + e + ", encoding=" + encoding;
            }
            if (map.put(key, new MetadataValue(encoding, value)) != null) {
                return "metadata key repeated, key=" + key;
            }
            data += keySize + valueSize;
        }
        return Collections.unmodifiableMap(map);
    }

    /** Builds invalid results carrying the header fields. */
    private record Invalid(int version, String typeName, String deviceName, long bodySize, long frameIndex,
                           long frameLength) {
        IgtlInvalidFrame of(InvalidReason reason, String detail) {
            return new IgtlInvalidFrame(reason, detail, version, typeName, deviceName, bodySize, frameIndex,
                    frameLength);
        }
    }
}
