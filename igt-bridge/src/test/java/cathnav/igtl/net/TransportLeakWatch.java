package cathnav.igtl.net;

import cathnav.igtl.codec.LeakReports;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a transport test class when Netty's paranoid leak detector reports a buffer that was never released and whose
 * access records pass through the transport, recording or tool code ({@code cathnav.igtl.net}, {@code .rec},
 * {@code .cli}).
 */
public final class TransportLeakWatch implements AfterAllCallback {

  private static final LeakReports REPORTS = new LeakReports(Pattern.compile("cathnav\\.igtl\\.(net|rec|cli)\\."));

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    REPORTS.assertNone(" in " + context.getDisplayName());
  }
}
