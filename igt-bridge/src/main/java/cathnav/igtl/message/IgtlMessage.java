package cathnav.igtl.message;

import io.netty.util.ReferenceCounted;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One OpenIGTLink message: the envelope of the 58-byte header (and, in header version 2, the extended header
 * and metadata) around a typed {@link IgtlBody}.
 *
 * <p>Immutable. The {@code typeName} is kept as it travelled, so aliases such as {@code GET_TRANS} and
 * {@code GET_TRANSFOR}, or {@code COLORT} and {@code COLORTABLE}, re-encode byte for byte; {@link #of} picks
 * the body's default name. Version 1 carries no metadata and no message id: the encoder drops both when
 * writing version 1, so one message can be sent to peers of either version.
 *
 * <p>Ownership: a message whose body holds a network buffer ({@link ImageBody}, {@link RawBody}) is
 * reference counted through this envelope; whoever receives it from the decoder releases it once
 * ({@link #release()} or {@link #close()}), exactly as for a Netty {@code ByteBuf}. For every other body the
 * reference-counting methods do nothing and {@link #refCnt()} is 1.
 *
 * @param headerVersion 1 or 2
 * @param typeName      1 to 12 printable ASCII characters
 * @param deviceName    0 to 20 characters, each U+0001..U+00FF (sent as ISO-8859-1 bytes)
 * @param timestamp     when the content was produced
 * @param metadata      version-2 metadata, key to value, in wire order (copied; iteration order kept)
 * @param messageId     version-2 message id, unsigned 32-bit
 * @param body          the typed content
 */
public record IgtlMessage(int headerVersion, String typeName, String deviceName, IgtlTimestamp timestamp,
                          Map<String, MetadataValue> metadata, long messageId, IgtlBody body)
        implements ReferenceCounted, AutoCloseable {

    /** Longest type name on the wire, in bytes. */
    public static final int MAX_TYPE_NAME_LENGTH = 12;
    /** Longest device name on the wire, in bytes. */
    public static final int MAX_DEVICE_NAME_LENGTH = 20;

    public IgtlMessage {
        if (headerVersion != 1 && headerVersion != 2) {
            throw new IllegalArgumentException("unsupported header version, headerVersion=" + headerVersion);
        }
        checkTypeName(typeName);
        checkFixedText("deviceName", deviceName, MAX_DEVICE_NAME_LENGTH);
        if (timestamp == null || body == null || metadata == null) {
            throw new IllegalArgumentException("timestamp, metadata and body are required, typeName=" + typeName);
        }
        if (messageId < 0 || messageId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("message id out of u32 range, messageId=" + messageId);
        }
        for (String key : metadata.keySet()) {
            if (key == null || key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > 0xFFFF) {
                throw new IllegalArgumentException("metadata key empty or longer than 65535 bytes, key=" + key);
            }
            if (metadata.get(key) == null) {
                throw new IllegalArgumentException("metadata value is null, key=" + key);
            }
        }
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A version-1 message with the body's default type name, no metadata and message id 0. */
    public static IgtlMessage of(String deviceName, IgtlTimestamp timestamp, IgtlBody body) {
        return new IgtlMessage(1, body.defaultTypeName(), deviceName, timestamp, Map.of(), 0, body);
    }

    /** This message with another header version (metadata is kept, but only version 2 sends it). */
    public IgtlMessage withHeaderVersion(int version) {
        return new IgtlMessage(version, typeName, deviceName, timestamp, metadata, messageId, body);
    }

    /** This message with another type name (an alias of the same body type). */
    public IgtlMessage withTypeName(String name) {
        return new IgtlMessage(headerVersion, name, deviceName, timestamp, metadata, messageId, body);
    }

    /** This message with other metadata (kept in the map's iteration order). */
    public IgtlMessage withMetadata(Map<String, MetadataValue> entries) {
        return new IgtlMessage(headerVersion, typeName, deviceName, timestamp, entries, messageId, body);
    }

    /** This message with another version-2 message id. */
    public IgtlMessage withMessageId(long id) {
        return new IgtlMessage(headerVersion, typeName, deviceName, timestamp, metadata, id, body);
    }

    /** This message with another time stamp. */
    public IgtlMessage withTimestamp(IgtlTimestamp stamp) {
        return new IgtlMessage(headerVersion, typeName, deviceName, stamp, metadata, messageId, body);
    }

    /** The body cast to {@code type}; fails with the type name in the message when it is another type. */
    public <B extends IgtlBody> B body(Class<B> type) {
        if (!type.isInstance(body)) {
            throw new IllegalStateException("message body is not " + type.getSimpleName() + ", typeName=" + typeName
                    + ", device=" + deviceName + ", body=" + body.getClass().getSimpleName());
        }
        return type.cast(body);
    }

    static void checkTypeName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_TYPE_NAME_LENGTH) {
            throw new IllegalArgumentException("type name must be 1 to 12 characters, typeName=" + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("type name must be printable ASCII, typeName=" + name);
            }
        }
    }

    /** Checks a fixed-length, NUL-padded text field: at most {@code max} characters in U+0001..U+00FF. */
    static void checkFixedText(String field, String text, int max) {
        if (text == null || text.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters, " + field + "=" + text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c > 0xFF) {
                throw new IllegalArgumentException(field + " has a character outside U+0001..U+00FF, " + field + "="
                        + text);
            }
        }
    }

    @Override
    public int refCnt() {
        return body instanceof ReferenceCounted rc ? rc.refCnt() : 1;
    }

    @Override
    public IgtlMessage retain() {
        if (body instanceof ReferenceCounted rc) {
            rc.retain();
        }
        return this;
    }

    @Override
    public IgtlMessage retain(int increment) {
        if (body instanceof ReferenceCounted rc) {
            rc.retain(increment);
        }
        return this;
    }

    @Override
    public IgtlMessage touch() {
        if (body instanceof ReferenceCounted rc) {
            rc.touch();
        }
        return this;
    }

    @Override
    public IgtlMessage touch(Object hint) {
        if (body instanceof ReferenceCounted rc) {
            rc.touch(hint);
        }
        return this;
    }

    @Override
    public boolean release() {
        return body instanceof ReferenceCounted rc && rc.release();
    }

    @Override
    public boolean release(int decrement) {
        return body instanceof ReferenceCounted rc && rc.release(decrement);
    }

    /** Releases one reference (same as {@link #release()}). */
    @Override
    public void close() {
        release();
    }
}
