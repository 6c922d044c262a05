package cathnav.igtl.codec;

import org.junit.jupiter.api.extension.ExtendWith;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(NettyLeakWatch.class)
class Crc64Test {

    /** Bit-at-a-time reference: MSB first, poly 0x42F0E1EBA9EA3693, init 0, no reflection, no xorout. */
    static long bitwise(byte[] data, int offset, int length) {
        return bitwise(0, data, offset, length);
    }

    static long bitwise(long init, byte[] data, int offset, int length) {
        long crc = init;
        for (int i = offset; i < offset + length; i++) {
            crc ^= (long) (data[i] & 0xFF) << 56;
            for (int b = 0; b < 8; b++) {
                crc = crc < 0 ? (crc << 1) ^ Crc64.POLY : crc << 1;
            }
        }
        return crc;
    }

    @Test
    void checkValueOf123456789IsEcma182() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x6C40DF5F0B497347L, Crc64.compute(check, 0, check.length));
        assertEquals(0x6C40DF5F0B497347L, bitwise(check, 0, check.length));
    }

    @Test
    void emptyInputGivesZero() {
        assertEquals(0L, Crc64.compute(new byte[0], 0, 0));
    }

    @Test
    void slicingBy8MatchesBitwiseReferenceOnRandomArrays() {
        long seed = System.nanoTime();
        System.out.println("Crc64Test arrays seed=" + seed);
        Random random = new Random(seed);
        for (int trial = 0; trial < 300; trial++) {
            // up to 6000 bytes: both the short path and the four-lane path (1 KiB and more) with odd tails
            byte[] data = new byte[random.nextInt(trial % 2 == 0 ? 300 : 6000)];
            random.nextBytes(data);
            int offset = data.length == 0 ? 0 : random.nextInt(data.length);
            int length = random.nextInt(data.length - offset + 1);
            assertEquals(bitwise(data, offset, length), Crc64.compute(data, offset, length),
                    "seed=" + seed + ", trial=" + trial + ", offset=" + offset + ", length=" + length);
        }
    }

    @Test
    void directHeapAndCompositeBuffersGiveTheSameCrc() {
        long seed = System.nanoTime();
        System.out.println("Crc64Test buffers seed=" + seed);
        Random random = new Random(seed);
        byte[] data = new byte[4099];
        random.nextBytes(data);
        long expected = bitwise(data, 3, 4090);
        ByteBuf heap = Unpooled.wrappedBuffer(data);
        ByteBuf direct = Unpooled.directBuffer(data.length).writeBytes(data);
        CompositeByteBuf composite = Unpooled.compositeBuffer();
        composite.addComponent(true, Unpooled.directBuffer().writeBytes(data, 0, 1001));
        composite.addComponent(true, Unpooled.wrappedBuffer(data, 1001, data.length - 1001));
        try {
            assertEquals(expected, Crc64.compute(heap, 3, 4090), "heap, seed=" + seed);
            assertEquals(expected, Crc64.compute(direct, 3, 4090), "direct, seed=" + seed);
            assertEquals(expected, Crc64.compute(composite, 3, 4090), "composite, seed=" + seed);
        } finally {
            heap.release();
            direct.release();
            composite.release();
        }
    }

    @Test
    void feedingZeroBytesMatchesTheZeroOperator() {
        long seed = System.nanoTime();
        System.out.println("Crc64Test zeros seed=" + seed);
        Random random = new Random(seed);
        for (int trial = 0; trial < 50; trial++) {
            long state = random.nextLong();
            int n = random.nextInt(3000);
            assertEquals(bitwise(state, new byte[n], 0, n), Crc64.shiftByZeros(state, n), "seed=" + seed + ", n=" + n);
        }
    }

    @Test
    void updateContinuesAcrossChunks() {
        long seed = System.nanoTime();
        System.out.println("Crc64Test chunks seed=" + seed);
        Random random = new Random(seed);
        byte[] data = new byte[1000];
        random.nextBytes(data);
        int cut = 1 + random.nextInt(998);
        long crc = Crc64.update(Crc64.update(0, data, 0, cut), data, cut, data.length - cut);
        assertEquals(bitwise(data, 0, data.length), crc, "seed=" + seed + ", cut=" + cut);
    }
}
