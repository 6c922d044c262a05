package cathnav.core.service;

/**
 * What a duty-cycle thread does when its agent found no work: spin, yield or park. Called with the work count of
 * the last cycle; a positive count resets the back-off.
 *
 * <p>Thread-safety: an instance is used by one thread only.
 */
public interface IdleStrategy {

  /** Idles according to the strategy if {@code workCount} is 0, else resets. */
  void idle(int workCount);

  /** Resets the back-off state. */
  void reset();

  /** Short name for logs and metrics, e.g. {@code backoff}. */
  String alias();
}
