package cathnav.core.service;

/**
 * A unit of work run in a duty cycle by an {@link AgentRunner} on its own thread: {@link #doWork()} is called in a
 * loop and returns how much work it did, so the runner's {@link IdleStrategy} can back off when there is none.
 *
 * <p>Thread-safety: every method is called on the runner's thread only.
 */
public interface DutyCycleAgent {

  /** Called once on the agent thread before the first {@link #doWork()}. */
  default void onStart() {}

  /**
   * Does a bounded amount of work (one frame at most for the pipeline) and returns the number of work items done;
   * 0 means idle. Must not block for long: the runner cannot stop an agent stuck inside it.
   */
  int doWork() throws Exception;

  /** Called once on the agent thread after the last {@link #doWork()}, also after a failure. */
  default void onClose() {}

  /** Name of the agent's role, used for the thread name and in logs. */
  String roleName();
}
