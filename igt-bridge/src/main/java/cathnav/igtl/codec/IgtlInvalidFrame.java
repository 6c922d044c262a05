package cathnav.igtl.codec;

/**
 * A received frame the decoder rejected; emitted down the pipeline in place of an
 * {@link cathnav.igtl.message.IgtlMessage} (the decoder never throws for bad input). Holds no buffers.
 *
 * @param reason         why
 * @param detail         what exactly, as {@code key=value} pairs
 * @param headerVersion  header version from the header, or -1 when the header was incomplete
 * @param typeName       type name from the header, or "" when unknown
 * @param deviceName     device name from the header, or "" when unknown
 * @param bodySize       BODY_SIZE from the header as an unsigned value (use {@link Long#toUnsignedString}), or -1
 * @param frameIndex     0-based index of this frame among all frames seen on the connection
 * @param bytesDiscarded bytes of input dropped because of this error (the frame, or the rest of the input)
 */
public record IgtlInvalidFrame(InvalidReason reason, String detail, int headerVersion, String typeName,
                               String deviceName, long bodySize, long frameIndex, long bytesDiscarded) {

    /** True when the decoder drops everything after this frame (see {@link InvalidReason#framingLost()}). */
    public boolean framingLost() {
        return reason.framingLost();
    }

    /** One log line: {@code reason=... type=... device=... bodySize=... detail}. */
    @Override
    public String toString() {
        return "invalid OpenIGTLink frame, reason=" + reason + ", type=" + typeName + ", device=" + deviceName
                + ", headerVersion=" + headerVersion + ", bodySize=" + Long.toUnsignedString(bodySize)
                + ", frameIndex=" + frameIndex + ", bytesDiscarded=" + bytesDiscarded + ", " + detail;
    }
}
