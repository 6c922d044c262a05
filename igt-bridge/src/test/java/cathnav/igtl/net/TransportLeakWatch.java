package cathnav.igtl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a transport test class when Netty's paranoid leak detector reports a buffer that was never released and whose
 * access records pass through the transport, recording or tool code ({@code cathnav.igtl.net}, {@code .rec},
 * {@code .cli}). After the class it forces collection and a few tracked allocations so pending reports come out.
 */
public final class TransportLeakWatch implements AfterAllCallback {

  private static final Pattern OURS = Pattern.compile("cathnav\\.igtl\\.(net|rec|cli)\\.");
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
    for (int round = 0; round < 4; round++) {
      System.gc();
      Thread.sleep(25);
      for (int i = 0; i < 8; i++) {
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        direct.release();
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
    assertEquals(List.of(), leaks, "Netty reported leaked buffers in " + context.getDisplayName());
  }
}
