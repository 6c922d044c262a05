package cathnav.igtl.codec;

import org.junit.jupiter.api.extension.ExtendWith;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.TransformBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every malformed message of the shared negative corpus is rejected with a typed reason on an
 * {@link EmbeddedChannel}, no exception escapes, and a valid message after it still decodes where the frame
 * boundary is known.
 */
@ExtendWith(NettyLeakWatch.class)
class NegativeCorpusTest {

    private static final IgtlMessage FOLLOWER = IgtlMessage.of("Follower", IgtlTimestamp.ofEpochNanos(1_000_000_007L),
            new TransformBody(AffineMatrix.translation(1, 2, 3)));

    @TestFactory
    List<DynamicTest> everyNegativeFileIsRejectedWithCrcCheckOn() {
        return tests(true);
    }

    @TestFactory
    List<DynamicTest> everyNegativeFileIsRejectedWithCrcCheckOff() {
        return tests(false);
    }

    private List<DynamicTest> tests(boolean crcCheck) {
        Map<String, JsonObject> entries = SharedIgtlData.negativeEntries();
        assertEquals(32, entries.size(), "negative corpus entries");
        List<DynamicTest> tests = new ArrayList<>();
        entries.forEach((name, entry) -> tests.add(DynamicTest.dynamicTest(name + (crcCheck ? "" : " (crc off)"),
                () -> assertRejected(entry, crcCheck))));
        return tests;
    }

    /** The reason each group of the corpus must be rejected with. */
    private static InvalidReason expectedReason(String path) {
        if (path.startsWith("content/")) {
            return InvalidReason.MALFORMED_CONTENT;
        }
        if (path.startsWith("framing_ext_header/")) {
            return InvalidReason.BAD_EXTENDED_HEADER;
        }
        if (path.startsWith("framing_metadata/")) {
            return InvalidReason.BAD_METADATA;
        }
        if (path.startsWith("framing_header/version_")) {
            return InvalidReason.UNSUPPORTED_HEADER_VERSION;
        }
        if (path.equals("framing_header/crc_mismatch.bin")) {
            return InvalidReason.CRC_MISMATCH;
        }
        throw new AssertionError("negative corpus file without an expected reason, path=" + path);
    }

    private static void assertRejected(JsonObject entry, boolean crcCheck) {
        String path = entry.getString("path");
        byte[] bytes = SharedIgtlData.read(SharedIgtlData.igtlDir().resolve("negative").resolve(path));
        String errorClass = entry.getString("error_class");
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS.withCrcCheck(crcCheck)));
        if (errorClass.equals("SHORT_BUFFER")) {
            // the frame is incomplete: a valid frame behind it would be read as its missing bytes
            ch.writeInbound(Unpooled.wrappedBuffer(bytes));
            assertTrue(ch.finish(), "closing the channel must report the incomplete frame, path=" + path);
            IgtlInvalidFrame invalid = assertInstanceOf(IgtlInvalidFrame.class, ch.readInbound(), path);
            assertTrue(invalid.framingLost(), invalid.toString());
            assertTrue(invalid.reason() == InvalidReason.TRUNCATED || invalid.reason() == InvalidReason.BODY_TOO_LARGE,
                    invalid.toString());
            assertNull(ch.readInbound());
            assertFalse(ch.finish());
            return;
        }
        boolean expectAccepted = errorClass.equals("CRC_MISMATCH") && !crcCheck;
        ByteBuf follower = IgtlFrameWriter.encode(UnpooledByteBufAllocator.DEFAULT, FOLLOWER);
        ch.writeInbound(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(bytes), follower));
        Object first = ch.readInbound();
        if (expectAccepted) {
            IgtlMessage accepted = assertInstanceOf(IgtlMessage.class, first, "crc off accepts " + path);
            accepted.release();
        } else {
            IgtlInvalidFrame invalid = assertInstanceOf(IgtlInvalidFrame.class, first, path);
            assertFalse(invalid.framingLost(), invalid.toString());
            assertEquals(expectedReason(path), invalid.reason(), invalid.toString());
        }
        IgtlMessage message = assertInstanceOf(IgtlMessage.class, ch.readInbound(), "valid message after " + path);
        assertEquals(FOLLOWER, message);
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

}
