package cathnav.igtl.codec;

import org.junit.jupiter.api.extension.ExtendWith;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.MetadataValue;
import cathnav.igtl.message.ScalarType;
import cathnav.igtl.message.StatusBody;
import cathnav.igtl.message.StringBody;
import cathnav.igtl.message.TransformBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Framing on an {@link EmbeddedChannel}: partial reads, batched frames, hostile headers. */
@ExtendWith(NettyLeakWatch.class)
class IgtlFrameDecoderTest {

    private static final IgtlTimestamp T = IgtlTimestamp.ofEpochNanos(1_700_000_000_123_456_789L);

    private static byte[] wire(IgtlMessage message) {
        ByteBuf buf = IgtlFrameWriter.encode(UnpooledByteBufAllocator.DEFAULT, message);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static IgtlMessage v2Status() {
        Map<String, MetadataValue> meta = new LinkedHashMap<>();
        meta.put("PositionerPrimaryAngle", MetadataValue.ascii("-30.5"));
        meta.put("Operator", MetadataValue.utf8("Dr. Müller"));
        return IgtlMessage.of("Service", T, StatusBody.of(StatusBody.OK, "frame accepted")).withHeaderVersion(2)
                .withMetadata(meta).withMessageId(77);
    }

    private static IgtlMessage image(long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[16 * 8 * 2];
        random.nextBytes(pixels);
        return IgtlMessage.of("Fluoro", T, ImageBody.of(ScalarType.UINT16, 1, ByteOrder.LITTLE_ENDIAN,
                new Dim3(16, 8, 1), AffineMatrix.IDENTITY, Unpooled.wrappedBuffer(pixels)));
    }

    @Test
    void decodesOneMessageSplitAtEverySplitPoint() {
        IgtlMessage message = v2Status();
        byte[] bytes = wire(message);
        for (int cut = 1; cut < bytes.length; cut++) {
            EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS));
            assertFalse(ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, cut)), "nothing before the frame is complete");
            assertTrue(ch.writeInbound(Unpooled.wrappedBuffer(bytes, cut, bytes.length - cut)));
            assertEquals(message, ch.readInbound(), "cut=" + cut);
            assertFalse(ch.finish());
        }
    }

    @Test
    void decodesOneImageFedOneByteAtATime() {
        IgtlMessage message = image(42);
        byte[] bytes = wire(message);
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS));
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        IgtlMessage decoded = ch.readInbound();
        try {
            assertEquals(message, decoded);
            assertEquals(1, decoded.refCnt());
        } finally {
            decoded.release();
            message.release();
        }
        assertEquals(0, decoded.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void decodesLargeImagesArrivingInSmallReadsBackToBack() {
        long seed = System.nanoTime();
        System.out.println("IgtlFrameDecoderTest large image seed=" + seed);
        Random random = new Random(seed);
        byte[] pixels = new byte[512 * 384 * 2];
        random.nextBytes(pixels);
        IgtlMessage message = IgtlMessage.of("Fluoro", T, ImageBody.of(ScalarType.INT16, 1, ByteOrder.BIG_ENDIAN,
                new Dim3(512, 384, 1), AffineMatrix.IDENTITY, Unpooled.wrappedBuffer(pixels)));
        byte[] one = wire(message);
        byte[] three = new byte[one.length * 3];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(one, 0, three, i * one.length, one.length);
        }
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS));
        int pos = 0;
        while (pos < three.length) {
            int n = Math.min(three.length - pos, 1 + random.nextInt(70_000));
            ch.writeInbound(Unpooled.directBuffer(n).writeBytes(three, pos, n));
            pos += n;
        }
        for (int i = 0; i < 3; i++) {
            IgtlMessage decoded = ch.readInbound();
            assertEquals(message, decoded, "frame " + i + ", seed=" + seed);
            assertTrue(decoded.release(), "the decoded image is the last holder of its buffer");
        }
        assertNull(ch.readInbound());
        message.release();
        assertFalse(ch.finish());
    }

    @Test
    void decodesManyMessagesFromOneWrite() {
        IgtlMessage a = IgtlMessage.of("A", T, new TransformBody(AffineMatrix.translation(1, 2, 3)));
        IgtlMessage b = v2Status();
        IgtlMessage c = IgtlMessage.of("C", T, StringBody.ascii("CArmGeometry"));
        ByteBuf all = Unpooled.buffer();
        for (int i = 0; i < 50; i++) {
            all.writeBytes(wire(a)).writeBytes(wire(b)).writeBytes(wire(c));
        }
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS));
        ch.writeInbound(all);
        for (int i = 0; i < 50; i++) {
            assertEquals(a, ch.readInbound());
            assertEquals(b, ch.readInbound());
            assertEquals(c, ch.readInbound());
        }
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void decodedImageIsASliceOfTheReceivedBufferNotACopy() {
        IgtlMessage message = image(7);
        ByteBuf in = Unpooled.directBuffer().writeBytes(wire(message));
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS));
        ch.writeInbound(in);
        IgtlMessage decoded = ch.readInbound();
        ImageBody image = decoded.body(ImageBody.class);
        assertTrue(image.pixels().isDirect(), "pixels stay in the direct receive buffer");
        assertEquals(in.memoryAddress() + HeaderDescriptor.HEADER_LENGTH + ImageCodec.HEADER_LENGTH,
                image.pixels().memoryAddress(), "pixels point into the received buffer");
        assertTrue(decoded.release());
        assertEquals(0, in.refCnt(), "releasing the message frees the receive buffer");
        message.release();
        assertFalse(ch.finish());
    }

    @Test
    void rejectsBodySizeOfTwoToThe64MinusOneBeforeBuffering() {
        byte[] header = wire(IgtlMessage.of("X", T, new TransformBody(AffineMatrix.IDENTITY)));
        ByteBuf bad = Unpooled.wrappedBuffer(header, 0, HeaderDescriptor.HEADER_LENGTH).copy();
        bad.setLong(HeaderDescriptor.BODY_SIZE_OFFSET, -1L);
        IgtlFrameDecoder decoder = new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(bad);
        IgtlInvalidFrame invalid = ch.readInbound();
        assertEquals(InvalidReason.BODY_TOO_LARGE, invalid.reason());
        assertEquals("18446744073709551615", Long.toUnsignedString(invalid.bodySize()));
        assertTrue(invalid.framingLost());
        assertTrue(decoder.isDiscarding());
        ch.writeInbound(Unpooled.wrappedBuffer(header));
        assertNull(ch.readInbound(), "after a framing loss nothing more is decoded");
        assertEquals(header.length, decoder.discardedBytes() - HeaderDescriptor.HEADER_LENGTH);
        assertFalse(ch.finish());
    }

    @Test
    void rejectsBodyLargerThanLimit() {
        byte[] bytes = wire(image(3));
        IgtlCodecOptions options = IgtlCodecOptions.DEFAULTS.withMaxBodySize(100);
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(options));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, HeaderDescriptor.HEADER_LENGTH));
        IgtlInvalidFrame invalid = ch.readInbound();
        assertEquals(InvalidReason.BODY_TOO_LARGE, invalid.reason());
        assertTrue(invalid.detail().contains("max=100"), invalid.detail());
        assertFalse(ch.finish());
    }

    @Test
    void wrongCrcIsRejectedAndTheNextFrameStillDecodes() {
        IgtlMessage good = IgtlMessage.of("T", T, new TransformBody(AffineMatrix.translation(4, 5, 6)));
        byte[] bad = wire(good);
        bad[bad.length - 1] ^= 0x01;
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS));
        ch.writeInbound(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(bad), Unpooled.wrappedBuffer(wire(good))));
        IgtlInvalidFrame invalid = ch.readInbound();
        assertEquals(InvalidReason.CRC_MISMATCH, invalid.reason());
        assertEquals("T", invalid.deviceName());
        assertEquals(good, ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void wrongCrcIsAcceptedWhenCheckingIsOff() {
        IgtlMessage good = IgtlMessage.of("T", T, new TransformBody(AffineMatrix.translation(4, 5, 6)));
        byte[] bytes = wire(good);
        bytes[HeaderDescriptor.CRC_OFFSET] ^= 0x55;
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS.withCrcCheck(false)));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        assertEquals(good, ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void unknownHeaderVersionIsSkippedByItsBodySize() {
        IgtlMessage good = IgtlMessage.of("T", T, new TransformBody(AffineMatrix.IDENTITY));
        byte[] future = wire(good);
        future[1] = 3;
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS));
        ch.writeInbound(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(future), Unpooled.wrappedBuffer(wire(good))));
        IgtlInvalidFrame invalid = ch.readInbound();
        assertEquals(InvalidReason.UNSUPPORTED_HEADER_VERSION, invalid.reason());
        assertEquals(3, invalid.headerVersion());
        assertEquals(good, ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void extendedHeaderLargerThanBodyIsRejected() {
        byte[] bytes = wire(v2Status());
        int body = HeaderDescriptor.HEADER_LENGTH;
        bytes[body] = (byte) 0xFF; // ext header size 0xFF0C > body
        fixCrc(bytes);
        assertSingleInvalid(bytes, InvalidReason.BAD_EXTENDED_HEADER);
    }

    @Test
    void extendedHeaderLongerThan12BytesIsSkippedToTheContent() {
        IgtlMessage message = v2Status();
        byte[] bytes = wire(message);
        int body = HeaderDescriptor.HEADER_LENGTH;
        // a future sender with 4 more extended-header bytes: insert them after the 12 known ones
        byte[] longer = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, longer, 0, body + 12);
        System.arraycopy(bytes, body + 12, longer, body + 16, bytes.length - body - 12);
        ByteBuf b = Unpooled.wrappedBuffer(longer);
        b.setShort(body, 16);
        b.setLong(HeaderDescriptor.BODY_SIZE_OFFSET, longer.length - body);
        fixCrc(longer);
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS));
        ch.writeInbound(Unpooled.wrappedBuffer(longer));
        assertEquals(message, ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void metadataSizeLargerThanBodyIsRejected() {
        byte[] bytes = wire(v2Status());
        int body = HeaderDescriptor.HEADER_LENGTH;
        bytes[body + HeaderDescriptor.META_SIZE_OFFSET] = 0x7F;
        fixCrc(bytes);
        assertSingleInvalid(bytes, InvalidReason.BAD_METADATA);
    }

    @Test
    void metadataIndexCountInconsistentWithItsSizeIsRejected() {
        IgtlMessage message = v2Status();
        byte[] bytes = wire(message);
        int index = bytes.length - 2 - 16 - metadataBytes(message);
        assertEquals(2, bytes[index + 1], "index count found");
        bytes[index + 1] = 3;
        fixCrc(bytes);
        assertSingleInvalid(bytes, InvalidReason.BAD_METADATA);
    }

    @Test
    void metadataLargerThanLimitIsRejected() {
        byte[] bytes = wire(v2Status());
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS.withMaxMetadataSize(8)));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        assertEquals(InvalidReason.METADATA_TOO_LARGE, ((IgtlInvalidFrame) ch.readInbound()).reason());
        assertFalse(ch.finish());
    }

    @Test
    void connectionClosedInsideAFrameReportsTruncation() {
        byte[] bytes = wire(image(5));
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, bytes.length - 10));
        assertNull(ch.readInbound());
        assertTrue(ch.finish());
        IgtlInvalidFrame invalid = ch.readInbound();
        assertEquals(InvalidReason.TRUNCATED, invalid.reason());
        assertEquals(bytes.length - 10, invalid.bytesDiscarded());
        assertEquals("Fluoro", invalid.deviceName());
        assertFalse(ch.finish());
    }

    @Test
    void encoderOutputDecodesBackOnAnotherChannel() {
        IgtlMessage message = image(11);
        EmbeddedChannel out = new EmbeddedChannel(IgtlMessageEncoder.INSTANCE);
        IgtlMessage expected = message.retain();
        assertTrue(out.writeOutbound(message));
        ByteBuf frame = out.readOutbound();
        assertEquals(2, expected.refCnt(), "the encoder released the written reference; the frame holds a slice");
        EmbeddedChannel in = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS));
        in.writeInbound(frame);
        IgtlMessage decoded = in.readInbound();
        assertEquals(expected, decoded);
        assertArrayEquals(ByteBufUtil.getBytes(expected.body(ImageBody.class).pixels()),
                ByteBufUtil.getBytes(decoded.body(ImageBody.class).pixels()));
        decoded.release();
        assertEquals(1, expected.refCnt(), "the written frame released its slice");
        expected.release();
        assertEquals(0, expected.refCnt());
        assertFalse(out.finish());
        assertFalse(in.finish());
    }

    private static int metadataBytes(IgtlMessage m) {
        int n = 0;
        for (Map.Entry<String, MetadataValue> e : m.metadata().entrySet()) {
            n += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + cathnav.igtl.message.TextEncoding.encode(e.getValue().encoding(), e.getValue().value()).length;
        }
        return n;
    }

    private static void fixCrc(byte[] bytes) {
        long crc = Crc64.compute(bytes, HeaderDescriptor.HEADER_LENGTH, bytes.length - HeaderDescriptor.HEADER_LENGTH);
        Unpooled.wrappedBuffer(bytes).setLong(HeaderDescriptor.CRC_OFFSET, crc);
    }

    private static void assertSingleInvalid(byte[] bytes, InvalidReason reason) {
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        IgtlInvalidFrame invalid = assertInstanceOf(IgtlInvalidFrame.class, ch.readInbound());
        assertEquals(reason, invalid.reason(), invalid.toString());
        assertFalse(invalid.framingLost());
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }
}
