package cathnav.igtl.codec;

import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns Netty's paranoid leak reports into test failures: after a test class, flushes the leak detector and fails
 * when a report's access records run through a test class of the codec or message packages. (Reports of other
 * packages' tests are left to them.)
 */
public final class NettyLeakWatch implements AfterAllCallback {

  private static final LeakReports REPORTS =
      new LeakReports(Pattern.compile("cathnav\\.igtl\\.(codec|message)\\.\\w+Test\\b"));

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    assertNoLeaks();
  }

  /** Flushes pending leak reports and fails on any that involve a codec or message test. */
  public static void assertNoLeaks() throws InterruptedException {
    REPORTS.assertNone("");
  }
}
