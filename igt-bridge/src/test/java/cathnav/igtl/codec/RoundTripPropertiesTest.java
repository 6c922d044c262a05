package cathnav.igtl.codec;

import cathnav.igtl.message.IgtlBody;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.RawBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** decode(encode(m)) == m for every body type and both header versions, and re-encoding is byte-stable. */
class RoundTripPropertiesTest {

    private static final IgtlFrameParser PARSER = new IgtlFrameParser(IgtlCodecOptions.DEFAULTS);

    @AfterContainer
    static void noLeakedBuffers() throws InterruptedException {
        NettyLeakWatch.assertNoLeaks();
    }

    @Property(tries = 800)
    void anyMessageSurvivesEncodeThenDecode(@ForAll("anyMessage") IgtlMessage message) {
        assertRoundTrip(message);
    }

    @Property(tries = 200)
    void imageSurvivesEncodeThenDecode(@ForAll("image") IgtlMessage message) {
        assertRoundTrip(message);
    }

    @Property(tries = 200)
    void polyDataSurvivesEncodeThenDecode(@ForAll("polyData") IgtlMessage message) {
        assertRoundTrip(message);
    }

    @Property(tries = 100)
    void queriesSurviveEncodeThenDecode(@ForAll("query") IgtlMessage message) {
        assertRoundTrip(message);
    }

    @Provide
    Arbitrary<IgtlMessage> anyMessage() {
        return IgtlArbitraries.messages(IgtlArbitraries.bodies());
    }

    @Provide
    Arbitrary<IgtlMessage> image() {
        return IgtlArbitraries.messages(IgtlArbitraries.images());
    }

    @Provide
    Arbitrary<IgtlMessage> polyData() {
        return IgtlArbitraries.messages(IgtlArbitraries.polyData());
    }

    @Provide
    Arbitrary<IgtlMessage> query() {
        return IgtlArbitraries.messages(IgtlArbitraries.queries());
    }

    private static void assertRoundTrip(IgtlMessage message) {
        ByteBuf wire = IgtlFrameWriter.encode(UnpooledByteBufAllocator.DEFAULT, message);
        byte[] bytes = ByteBufUtil.getBytes(wire);
        wire.release();
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        Object decoded = PARSER.parse(in, 0);
        try {
            IgtlMessage back = assertInstanceOf(IgtlMessage.class, decoded, () -> "decoding failed: " + decoded);
            assertEquals(message, back);
            assertEquals(message.body().getClass(), back.body().getClass());
            IgtlBody body = back.body();
            if (!(message.body() instanceof RawBody)) {
                assertEquals(false, body instanceof RawBody, "typed body expected, type=" + message.typeName());
            }
            ByteBuf again = IgtlFrameWriter.encode(UnpooledByteBufAllocator.DEFAULT, back);
            assertArrayEquals(bytes, ByteBufUtil.getBytes(again), "re-encoding the decoded message changed bytes");
            again.release();
        } finally {
            if (decoded instanceof IgtlMessage m) {
                m.release();
            }
            message.release();
            in.release();
        }
    }
}
