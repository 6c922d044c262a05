package cathnav.igtl.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

import static cathnav.igtl.codec.HeaderDescriptor.BODY_SIZE_OFFSET;
import static cathnav.igtl.codec.HeaderDescriptor.CRC_OFFSET;
import static cathnav.igtl.codec.HeaderDescriptor.DEVICE_NAME_LENGTH;
import static cathnav.igtl.codec.HeaderDescriptor.DEVICE_NAME_OFFSET;
import static cathnav.igtl.codec.HeaderDescriptor.HEADER_LENGTH;
import static cathnav.igtl.codec.HeaderDescriptor.TYPE_LENGTH;
import static cathnav.igtl.codec.HeaderDescriptor.TYPE_OFFSET;
import static cathnav.igtl.codec.HeaderDescriptor.VERSION_OFFSET;

/**
 * Splits the inbound byte stream into OpenIGTLink frames and decodes each: emits
 * {@link cathnav.igtl.message.IgtlMessage} for good frames and {@link IgtlInvalidFrame} for bad ones. Never
 * throws for bad input.
 *
 * <p>Frame first, parse second: a frame is taken only when its 58-byte header and all BODY_SIZE bytes are
 * there. BODY_SIZE is an unsigned 64-bit value; anything above {@link IgtlCodecOptions#maxBodySize()}
 * (up to 2^64-1) is rejected from the header alone, before a byte of body is buffered for it, and the
 * decoder then discards the rest of the connection's input ({@link InvalidReason#framingLost()}). A frame
 * with a good length but bad content (CRC, version, extended header, metadata, content layout) is consumed
 * exactly and decoding goes on with the next frame. Input left over when the channel closes is reported as
 * {@link InvalidReason#TRUNCATED}.
 *
 * <p>One instance per channel (not sharable); counters are plain fields read on the channel's event loop.
 * Decoded IMAGE and raw messages hold slices of the input buffers; the next handler owns and releases them.
 */
public final class IgtlFrameDecoder extends ByteToMessageDecoder {

    private final IgtlCodecOptions options;
    private final IgtlFrameParser parser;
    private boolean discarding;
    private long frames;
    private long invalidFrames;
    private long discardedBytes;

    public IgtlFrameDecoder(IgtlCodecOptions options) {
        this.options = options;
        this.parser = new IgtlFrameParser(options);
        setCumulator(this::cumulate);
    }

    /**
     * Appends {@code in} to the pending bytes. When the pending bytes start with a header whose frame will not
     * fit the current buffer, the buffer is replaced once by one of the exact frame size (bounded by
     * {@link IgtlCodecOptions#maxBodySize()}, which the header has already been checked against) instead of
     * doubling repeatedly: a 2 MiB frame arriving in 64 KiB reads is then copied once, not five times.
     */
    private ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        int pending = cumulation.readableBytes();
        int incoming = in.readableBytes();
        if (!discarding && pending >= HEADER_LENGTH && incoming > cumulation.maxFastWritableBytes()) {
            long bodySize = cumulation.getLong(cumulation.readerIndex() + BODY_SIZE_OFFSET);
            if (bodySize >= 0 && bodySize <= options.maxBodySize()) {
                long frameLength = HEADER_LENGTH + bodySize;
                if (frameLength > pending + (long) incoming) {
                    ByteBuf sized = null;
                    try {
                        sized = alloc.buffer((int) frameLength);
                        sized.writeBytes(cumulation, cumulation.readerIndex(), pending);
                        sized.writeBytes(in, in.readerIndex(), incoming);
                        cumulation.release();
                        ByteBuf result = sized;
                        sized = null;
                        return result;
                    } finally {
                        in.release();
                        if (sized != null) {
                            sized.release();
                        }
                    }
                }
            }
        }
        return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
    }

    /** The options this decoder applies. */
    public IgtlCodecOptions options() {
        return options;
    }

    /** Frames taken from the stream so far (good and bad). Event-loop confined. */
    public long frames() {
        return frames;
    }

    /** Frames rejected so far. Event-loop confined. */
    public long invalidFrames() {
        return invalidFrames;
    }

    /** Input bytes dropped after a framing loss, and bytes of rejected frames. Event-loop confined. */
    public long discardedBytes() {
        return discardedBytes;
    }

    /** True once framing is lost: every further input byte is dropped. */
    public boolean isDiscarding() {
        return discarding;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            discardedBytes += in.readableBytes();
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        long bodySize = in.getLong(start + BODY_SIZE_OFFSET);
        if (bodySize < 0 || bodySize > options.maxBodySize()) {
            int dropped = in.readableBytes();
            out.add(new IgtlInvalidFrame(InvalidReason.BODY_TOO_LARGE, "bodySize=" + Long.toUnsignedString(bodySize)
                    + ", max=" + options.maxBodySize(), in.getUnsignedShort(start + VERSION_OFFSET),
                    WireText.readFixed(in, start + TYPE_OFFSET, TYPE_LENGTH),
                    WireText.readFixed(in, start + DEVICE_NAME_OFFSET, DEVICE_NAME_LENGTH), bodySize, frames++,
                    dropped));
            invalidFrames++;
            discarding = true;
            discardedBytes += dropped;
            in.skipBytes(dropped);
            return;
        }
        int frameLength = HEADER_LENGTH + (int) bodySize;
        if (in.readableBytes() < frameLength) {
            return;
        }
        ByteBuf frame = in.readRetainedSlice(frameLength);
        try {
            Object result = parser.parse(frame, frames++);
            if (result instanceof IgtlInvalidFrame) {
                invalidFrames++;
                discardedBytes += frameLength;
            }
            out.add(result);
        } finally {
            frame.release();
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (discarding || !in.isReadable()) {
            return;
        }
        int start = in.readerIndex();
        int left = in.readableBytes();
        boolean haveHeader = left >= HEADER_LENGTH;
        out.add(new IgtlInvalidFrame(InvalidReason.TRUNCATED, "bytesReceived=" + left + ", frameLength="
                + (haveHeader ? Long.toUnsignedString(HEADER_LENGTH + in.getLong(start + BODY_SIZE_OFFSET)) : "unknown"),
                left >= 2 ? in.getUnsignedShort(start + VERSION_OFFSET) : -1,
                left >= TYPE_OFFSET + TYPE_LENGTH ? WireText.readFixed(in, start + TYPE_OFFSET, TYPE_LENGTH) : "",
                left >= DEVICE_NAME_OFFSET + DEVICE_NAME_LENGTH
                        ? WireText.readFixed(in, start + DEVICE_NAME_OFFSET, DEVICE_NAME_LENGTH) : "",
                left >= CRC_OFFSET ? in.getLong(start + BODY_SIZE_OFFSET) : -1, frames++, left));
        invalidFrames++;
        discardedBytes += left;
        in.skipBytes(left);
    }
}
