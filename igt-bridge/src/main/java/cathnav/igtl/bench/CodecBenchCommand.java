package cathnav.igtl.bench;

import cathnav.igtl.codec.Crc64;
import cathnav.igtl.codec.IgtlCodecOptions;
import cathnav.igtl.codec.IgtlFrameDecoder;
import cathnav.igtl.codec.IgtlFrameWriter;
import cathnav.igtl.message.AffineMatrix;
import cathnav.igtl.message.Dim3;
import cathnav.igtl.message.IgtlMessage;
import cathnav.igtl.message.IgtlTimestamp;
import cathnav.igtl.message.ImageBody;
import cathnav.igtl.message.ScalarType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cathnav bench igtl-codec}: the codec alone, in process, no sockets: CRC-64 throughput over heap and
 * pooled direct buffers, and per-frame cost of receiving (framing from 64 KiB reads, CRC, decode) and of
 * encoding uint16 IMAGE frames. Costs are the measuring thread's CPU time (so a busy shared machine inflates
 * them less than wall time), reported as p50/p99 per frame.
 */
@Command(name = "igtl-codec", mixinStandardHelpOptions = true,
        description = "OpenIGTLink codec bench: CRC-64 GB/s, IMAGE receive and encode cost per frame (CPU time).")
public final class CodecBenchCommand implements Callable<Integer> {

    private static final int READ_SIZE = 64 << 10;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "400",
            description = "Measured frames per case (after as many warm-up frames). Default: ${DEFAULT-VALUE}.")
    int frames;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    @Override
    public Integer call() throws Exception {
        if (frames < 10) {
            System.err.println("bench igtl-codec: --frames must be >= 10, frames=" + frames);
            return 2;
        }
        JsonArray rows = new JsonArray();
        System.out.printf(Locale.ROOT, "%-42s %12s %12s %12s%n", "case", "p50", "p99", "throughput");
        for (boolean direct : new boolean[] {false, true}) {
            rows.add(crcRow(direct));
        }
        for (int size : new int[] {512, 1024}) {
            for (boolean crc : new boolean[] {true, false}) {
                rows.add(receiveRow(size, crc));
            }
            rows.add(encodeRow(size));
        }
        if (json != null) {
            Files.writeString(json, new JsonObject().put("bench", "igtl-codec").put("rows", rows).encodePrettily());
            System.out.println("bench igtl-codec: wrote " + json);
        }
        return 0;
    }

    private JsonObject crcRow(boolean direct) {
        int n = 2 << 20;
        ByteBuf buf = direct ? alloc.directBuffer(n) : alloc.heapBuffer(n);
        byte[] data = new byte[n];
        new Random(1).nextBytes(data);
        buf.writeBytes(data);
        Histogram h = new Histogram(3);
        long sink = 0;
        try {
            for (int i = 0; i < 2 * frames; i++) {
                long t0 = threads.getCurrentThreadCpuTime();
                sink ^= Crc64.compute(buf, 0, n);
                if (i >= frames) {
                    h.recordValue(Math.max(1, threads.getCurrentThreadCpuTime() - t0));
                }
            }
        } finally {
            buf.release();
        }
        if (sink == 42) {
            System.out.print("");  // keeps the JIT from dropping the CRC calls
        }
        return row("crc64 2 MiB " + (direct ? "direct" : "heap"), h,
                n / (h.getValueAtPercentile(50) / 1e9) / 1e9, "GB/s");
    }

    private JsonObject receiveRow(int size, boolean crc) {
        byte[] wire = frame(size);
        EmbeddedChannel ch = new EmbeddedChannel(new IgtlFrameDecoder(IgtlCodecOptions.DEFAULTS.withCrcCheck(crc)));
        ch.config().setAllocator(alloc);
        Histogram h = new Histogram(3);
        for (int i = 0; i < 2 * frames; i++) {
            // the reads are prepared outside the timed region, as the socket would deliver them
            ByteBuf[] reads = new ByteBuf[(wire.length + READ_SIZE - 1) / READ_SIZE];
            for (int r = 0; r < reads.length; r++) {
                int len = Math.min(READ_SIZE, wire.length - r * READ_SIZE);
                reads[r] = alloc.directBuffer(len).writeBytes(wire, r * READ_SIZE, len);
            }
            long t0 = threads.getCurrentThreadCpuTime();
            for (ByteBuf read : reads) {
                ch.writeInbound(read);
            }
            Object out = ch.readInbound();
            long dt = threads.getCurrentThreadCpuTime() - t0;
            if (!(out instanceof IgtlMessage m)) {
                throw new IllegalStateException("bench frame did not decode: " + out);
            }
            m.release();
            if (i >= frames) {
                h.recordValue(Math.max(1, dt));
            }
        }
        ch.finishAndReleaseAll();
        return row(String.format(Locale.ROOT, "receive %dx%d u16 crc=%s", size, size, crc ? "on" : "off"), h,
                1e9 / h.getValueAtPercentile(50), "frames/s");
    }

    private JsonObject encodeRow(int size) {
        IgtlMessage message = image(size);
        Histogram h = new Histogram(3);
        try {
            for (int i = 0; i < 2 * frames; i++) {
                long t0 = threads.getCurrentThreadCpuTime();
                ByteBuf out = IgtlFrameWriter.encode(alloc, message);
                long dt = threads.getCurrentThreadCpuTime() - t0;
                out.release();
                if (i >= frames) {
                    h.recordValue(Math.max(1, dt));
                }
            }
        } finally {
            message.release();
        }
        return row(String.format(Locale.ROOT, "encode %dx%d u16 (CRC, no pixel copy)", size, size), h,
                1e9 / h.getValueAtPercentile(50), "frames/s");
    }

    private IgtlMessage image(int size) {
        ByteBuf pixels = alloc.directBuffer(size * size * 2);
        Random random = new Random(size);
        for (int i = 0; i < size * size; i++) {
            pixels.writeShort(random.nextInt(4096));
        }
        return IgtlMessage.of("Fluoro", IgtlTimestamp.now(), ImageBody.of(ScalarType.UINT16, 1,
                ByteOrder.LITTLE_ENDIAN, new Dim3(size, size, 1), AffineMatrix.IDENTITY, pixels));
    }

    private byte[] frame(int size) {
        IgtlMessage message = image(size);
        ByteBuf encoded = IgtlFrameWriter.encode(alloc, message);
        try {
            byte[] wire = new byte[encoded.readableBytes()];
            encoded.getBytes(encoded.readerIndex(), wire);
            return wire;
        } finally {
            encoded.release();
            message.release();
        }
    }

    private static JsonObject row(String name, Histogram h, double throughput, String unit) {
        double p50 = h.getValueAtPercentile(50) / 1e6;
        double p99 = h.getValueAtPercentile(99) / 1e6;
        System.out.printf(Locale.ROOT, "%-42s %9.3f ms %9.3f ms %8.1f %s%n", name, p50, p99, throughput, unit);
        return new JsonObject().put("case", name).put("p50Ms", p50).put("p99Ms", p99).put("throughput", throughput)
                .put("unit", unit);
    }
}
