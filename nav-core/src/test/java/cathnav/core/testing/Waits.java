package cathnav.core.testing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for tests that drive the service's threads and event loops. The bounds only keep a broken build
 * from hanging: no test asserts how long anything took (speed is measured by {@code cathnav bench}).
 */
public final class Waits {

  /** Longest wait for a future or a condition before the test fails instead of hanging. */
  public static final Duration HANG_GUARD = Duration.ofSeconds(60);

  private Waits() {}

  /** The future's result; its failure is rethrown, and a future still pending after {@link #HANG_GUARD} fails. */
  public static <T> T await(Future<T> f) throws InterruptedException, ExecutionException, TimeoutException {
    return f.toCompletionStage().toCompletableFuture().get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Polls {@code condition} every few milliseconds until it holds; fails naming {@code what} if it still does not
   * after {@link #HANG_GUARD}.
   */
  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long giveUp = System.nanoTime() + HANG_GUARD.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - giveUp > 0) {
        throw new AssertionError("gave up waiting for: " + what);
      }
      Thread.sleep(2);
    }
  }
}
