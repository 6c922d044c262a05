package cathnav.igtl.codec;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Turns Netty's paranoid leak reports into test failures: after a test class, forces garbage collection so
 * the leak detector reports what was never released, and fails when a report's access records run through a
 * test class of the codec or message packages. (Reports of other packages' tests are left to them.)
 */
public final class NettyLeakWatch implements AfterAllCallback {

    private static final Pattern OURS = Pattern.compile("cathnav\\.igtl\\.(codec|message)\\.\\w+Test\\b");
    private static final ListAppender<ILoggingEvent> REPORTS = install();

    private static ListAppender<ILoggingEvent> install() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        assertNoLeaks();
    }

    /** Flushes pending leak reports and fails on any that involve a codec or message test. */
    public static void assertNoLeaks() throws InterruptedException {
        for (int round = 0; round < 4; round++) {
            System.gc();
            Thread.sleep(25);
            // every tracked allocation polls the detector's queue of collected, unreleased buffers
            for (int i = 0; i < 8; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                pooled.release();
                ByteBuf heap = Unpooled.buffer(16);
                heap.release();
            }
        }
        List<String> leaks = new ArrayList<>();
        synchronized (REPORTS) {
            for (ILoggingEvent e : REPORTS.list) {
                String text = e.getFormattedMessage();
                if (text.contains("LEAK") && OURS.matcher(text).find()) {
                    leaks.add(text);
                }
            }
            REPORTS.list.clear();
        }
        assertEquals(List.of(), leaks, "Netty reported leaked buffers");
    }
}
