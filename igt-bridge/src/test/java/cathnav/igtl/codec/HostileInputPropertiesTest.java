package cathnav.igtl.codec;

import cathnav.igtl.message.IgtlMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Corrupted frames fed in random pieces: the decoder only ever emits messages or invalid-frame results, never
 * throws, and accounts for every byte. CRC checking is off so that corrupted content reaches the body codecs.
 */
class HostileInputPropertiesTest {

    @AfterContainer
    static void noLeakedBuffers() throws InterruptedException {
        NettyLeakWatch.assertNoLeaks();
    }

    @Property(tries = 400)
    void corruptedFramesNeverEscapeAsExceptions(@ForAll("message") IgtlMessage message, @ForAll long seed) {
        ByteBuf encoded = IgtlFrameWriter.encode(UnpooledByteBufAllocator.DEFAULT, message);
        byte[] bytes = ByteBufUtil.getBytes(encoded);
        encoded.release();
        message.release();
        Random random = new Random(seed);
        int flips = 1 + random.nextInt(6);
        for (int f = 0; f < flips; f++) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
        }
        IgtlFrameDecoder decoder = new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS.withCrcCheck(false)
                .withMaxBodySize(1 << 20));
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        int pos = 0;
        while (pos < bytes.length) {
            int n = 1 + random.nextInt(bytes.length - pos);
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, pos, n));
            pos += n;
        }
        ch.finish();
        long emitted = 0;
        for (Object out; (out = ch.readInbound()) != null; emitted++) {
            assertTrue(out instanceof IgtlMessage || out instanceof IgtlInvalidFrame, "unexpected output " + out);
            if (out instanceof IgtlMessage m) {
                m.release();
                assertEquals(0, m.body() instanceof io.netty.util.ReferenceCounted ? m.refCnt() : 0);
            }
        }
        assertTrue(emitted >= 1 || bytes.length == 0, "every input ends in a message or a rejection");
        assertEquals(decoder.frames(), emitted);
        assertFalse(ch.finish());
    }

    @Property(tries = 300)
    void randomBytesNeverEscapeAsExceptions(@ForAll byte[] bytes, @ForAll long seed) {
        Random random = new Random(seed);
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS.withMaxBodySize(4096)));
        int pos = 0;
        while (pos < bytes.length) {
            int n = 1 + random.nextInt(bytes.length - pos);
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, pos, n));
            pos += n;
        }
        ch.finish();
        for (Object out; (out = ch.readInbound()) != null; ) {
            assertTrue(out instanceof IgtlMessage || out instanceof IgtlInvalidFrame, "unexpected output " + out);
            if (out instanceof IgtlMessage m) {
                m.release();
            }
        }
        assertFalse(ch.finish());
    }

    @Provide
    Arbitrary<IgtlMessage> message() {
        return IgtlArbitraries.messages(IgtlArbitraries.bodies());
    }
}
