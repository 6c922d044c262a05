package cathnav.igtl.codec;

/**
 * Why a received frame was rejected. {@link #framingLost()} tells whether the stream can go on: when it is
 * false the frame's bytes were consumed exactly and the next frame decodes normally; when true the decoder
 * discards everything that follows on the connection.
 */
public enum InvalidReason {
    /** The connection ended inside a frame. */
    TRUNCATED(true),
    /** BODY_SIZE above the configured maximum (up to 2^64-1); rejected before any allocation. */
    BODY_TOO_LARGE(true),
    /** Header version other than 1 or 2; the frame is skipped by its BODY_SIZE. */
    UNSUPPORTED_HEADER_VERSION(false),
    /** The body's CRC-64 does not match the header. */
    CRC_MISMATCH(false),
    /** Type name empty or not printable ASCII. */
    BAD_TYPE_NAME(false),
    /** Version-2 extended header shorter than 12 bytes or larger than the body. */
    BAD_EXTENDED_HEADER(false),
    /** Version-2 metadata sizes inconsistent with the body or with each other, or malformed text. */
    BAD_METADATA(false),
    /** Version-2 metadata larger than the configured maximum. */
    METADATA_TOO_LARGE(false),
    /** The content does not match its type's layout (sizes, counts, codes). */
    MALFORMED_CONTENT(false);

    private final boolean framingLost;

    InvalidReason(boolean framingLost) {
        this.framingLost = framingLost;
    }

    /** True when the stream cannot be resynchronised after this error. */
    public boolean framingLost() {
        return framingLost;
    }
}
