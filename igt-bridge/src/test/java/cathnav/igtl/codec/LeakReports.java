package cathnav.igtl.codec;

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
import org.slf4j.LoggerFactory;

/**
 * Collects Netty's paranoid leak reports (its {@code ResourceLeakDetector} log) and fails on those whose access
 * records match a pattern. Each instance has its own collector, so one package's check never swallows another's
 * reports. Used by the test-class extensions {@link NettyLeakWatch} and {@code TransportLeakWatch}.
 */
public final class LeakReports {

  private final Pattern ours;
  private final ListAppender<ILoggingEvent> reports = new ListAppender<>();

  /** @param ours a report counts when its text (access records included) matches this */
  public LeakReports(Pattern ours) {
    this.ours = ours;
    reports.start();
    ((Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector")).addAppender(reports);
  }

  /**
   * Forces collection and a few tracked allocations so pending reports come out (every tracked allocation polls the
   * detector's queue of collected, unreleased buffers), then fails on the matching ones.
   */
  public void assertNone(String where) throws InterruptedException {
    for (int round = 0; round < 4; round++) {
      System.gc();
      Thread.sleep(25);
      for (int i = 0; i < 8; i++) {
        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        pooled.release();
        ByteBuf heap = Unpooled.buffer(16);
        heap.release();
      }
    }
    List<String> leaks = new ArrayList<>();
    synchronized (reports) {
      for (ILoggingEvent e : reports.list) {
        String text = e.getFormattedMessage();
        if (text.contains("LEAK") && ours.matcher(text).find()) {
          leaks.add(text);
        }
      }
      reports.list.clear();
    }
    assertEquals(List.of(), leaks, "Netty reported leaked buffers" + where);
  }
}
