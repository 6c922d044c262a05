package cathnav.igtl.codec;

import org.junit.jupiter.api.extension.ExtendWith;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.RawBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real bytes from the reference library 1.11 and the upstream fixtures decode, pass CRC, and re-encode exactly. */
@ExtendWith(NettyLeakWatch.class)
class GoldenBytesTest {

    /** Types deliberately kept raw (video is not CathNav's to interpret); framing is still checked. */
    private static final Set<String> RAW_BY_DESIGN = Set.of("VIDEOMETA");

    @TestFactory
    List<DynamicTest> referenceLibraryFilesDecodeAndReencodeByteIdentical() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files = SharedIgtlData.libraryFiles();
        assertTrue(files.size() >= 20, "expected the 23 lib-1.11 files, found=" + files.size());
        for (Path file : files) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(),
                    () -> assertRoundTrip(file.getFileName().toString(), SharedIgtlData.read(file))));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> upstreamFixturesDecodeAndReencodeByteIdentical() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, byte[]> fixtures = SharedIgtlData.upstreamFixtures();
        assertTrue(fixtures.size() >= 24, "expected 24 upstream fixtures, found=" + fixtures.size());
        fixtures.forEach((name, bytes) -> tests.add(DynamicTest.dynamicTest(name, () -> assertRoundTrip(name, bytes))));
        return tests;
    }

    static void assertRoundTrip(String name, byte[] wire) {
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        Object result = new IgtlFrameParser(IgtlCodecOptions.DEFAULTS).parse(in, 0);
        try {
            IgtlMessage message = assertInstanceOf(IgtlMessage.class, result, () -> name + ": " + result);
            if (!RAW_BY_DESIGN.contains(message.typeName())) {
                assertFalse(message.body() instanceof RawBody, name + " decoded only as raw, type="
                        + message.typeName());
            }
            ByteBuf out = IgtlFrameWriter.encode(UnpooledByteBufAllocator.DEFAULT, message);
            try {
                assertArrayEquals(wire, ByteBufUtil.getBytes(out), name + " re-encoded bytes differ");
            } finally {
                out.release();
            }
            assertEquals(wire.length, in.readableBytes(), "parser must not move the reader index");
        } finally {
            if (result instanceof IgtlMessage m) {
                m.release();
            }
            in.release();
        }
    }
}
